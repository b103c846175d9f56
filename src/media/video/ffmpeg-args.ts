/**
 * The command lines given to ffprobe and ffmpeg. Every input is fenced in: only local files and
 * pipes (no network, no `concat:`/`subfile:` tricks), only real video demuxers (no playlists
 * such as HLS or concat lists that could pull in other files, no image sequences), and a
 * per-frame pixel cap enforced inside the decoder.
 */
import type { CheckedInput } from "./video-input.js";

/** ffmpeg demuxer names; `mov` covers MP4/M4V/3GP, `matroska` covers WebM. */
export const VIDEO_DEMUXERS = [
  "mov",
  "matroska",
  "avi",
  "flv",
  "mpegts",
  "mpeg",
  "asf",
  "ogg",
  "gif",
];

export function inputArgs(input: CheckedInput, maxFramePixels: number): string[] {
  return [
    "-protocol_whitelist",
    "file,pipe",
    "-format_whitelist",
    VIDEO_DEMUXERS.join(","),
    "-max_pixels",
    String(Math.floor(maxFramePixels)),
    "-i",
    input.kind === "path" ? `file:${input.path}` : "pipe:0",
  ];
}

export function probeArgs(input: CheckedInput, maxFramePixels: number): string[] {
  return [
    "-hide_banner",
    "-v",
    "error",
    "-print_format",
    "json",
    "-show_entries",
    "format=format_name,duration:stream=codec_name,width,height,duration",
    "-select_streams",
    "v:0",
    ...inputArgs(input, maxFramePixels),
  ];
}

export interface FrameOutput {
  readonly framesPerSecond: number;
  readonly width: number;
  readonly height: number;
  /** Stop at the first decoding error instead of skipping damaged frames. */
  readonly stopOnError: boolean;
}

/**
 * Decoded frames leave ffmpeg as packed RGB24 of a fixed size. The fps filter keeps the frame
 * shown at each 1/rate instant (for constant-rate video, frame k·fps/rate, as vPDQ picks), and
 * runs before scaling so dropped frames are never scaled. Scaling uses swscale's area filter,
 * the method vPDQ uses when asked to downsample. `-noautorotate`: frames are hashed as stored,
 * as vPDQ (which reads them through libav directly) and our image path (no EXIF rotation) do.
 * No `-vsync`/`-fps_mode`: the fps filter already yields one frame per instant, and the option's
 * name differs between ffmpeg 4 and 7.
 */
export function decodeArgs(
  input: CheckedInput,
  maxFramePixels: number,
  out: FrameOutput,
): string[] {
  return [
    "-hide_banner",
    "-nostdin",
    "-nostats",
    "-loglevel",
    "error",
    ...(out.stopOnError ? ["-xerror"] : []),
    "-noautorotate",
    ...inputArgs(input, maxFramePixels),
    "-map",
    "0:v:0",
    "-an",
    "-sn",
    "-dn",
    "-vf",
    `fps=${out.framesPerSecond},scale=${out.width}:${out.height}:flags=area`,
    "-f",
    "rawvideo",
    "-pix_fmt",
    "rgb24",
    "pipe:1",
  ];
}
