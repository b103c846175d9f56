/**
 * Options of a video job, with their defaults, checked once. A bad option is a programming
 * error (a RangeError), unlike bad media, which is a VigilError.
 */
import { resolveVideoLimits, type VideoLimits } from "./video-limits.js";

export interface VideoOptions {
  /** Frames sampled per second of video. Default 1, as vPDQ is usually run. */
  readonly framesPerSecond?: number;
  /**
   * Frames larger than this on their longer side are shrunk by ffmpeg (area filter, aspect kept)
   * before hashing. Default 640: at that size PDQ's tent filter covers the same share of the frame
   * as at full HD, so hashes stay within a few bits of full-size ones (docs/VIDEO.md), while the
   * data piped per HD frame drops by an order of magnitude.
   */
  readonly maxFrameSide?: number;
  readonly limits?: Partial<VideoLimits>;
  /**
   * Accept a damaged video (cut short, bad packets) and hash the frames that decode, marked
   * `partial`. Off by default, as for images: a damaged file is `media/corrupt`, and ffmpeg stops
   * at its first decoding error. Turn it on where dodging matters, since a player still shows
   * most of a cut-off video.
   */
  readonly allowPartial?: boolean;
  /** Executables, looked up on PATH by default. */
  readonly ffmpegPath?: string;
  readonly ffprobePath?: string;
  /** Cancels the job; the child processes are killed and the call rejects with the reason. */
  readonly signal?: AbortSignal;
}

export interface VideoSettings {
  readonly framesPerSecond: number;
  readonly maxFrameSide: number;
  readonly limits: VideoLimits;
  readonly allowPartial: boolean;
  readonly ffmpegPath: string;
  readonly ffprobePath: string;
}

export const DEFAULT_FRAMES_PER_SECOND = 1;
export const DEFAULT_MAX_FRAME_SIDE = 640;

export function resolveVideoSettings(options: VideoOptions): VideoSettings {
  const framesPerSecond = options.framesPerSecond ?? DEFAULT_FRAMES_PER_SECOND;
  if (!Number.isFinite(framesPerSecond) || framesPerSecond <= 0 || framesPerSecond > 120) {
    throw new RangeError(`framesPerSecond must be above 0 and at most 120, got ${framesPerSecond}`);
  }
  const maxFrameSide = options.maxFrameSide ?? DEFAULT_MAX_FRAME_SIDE;
  if (!Number.isSafeInteger(maxFrameSide) || maxFrameSide < 16 || maxFrameSide > 8192) {
    throw new RangeError(`maxFrameSide must be an integer from 16 to 8192, got ${maxFrameSide}`);
  }
  return Object.freeze({
    framesPerSecond,
    maxFrameSide,
    limits: resolveVideoLimits(options.limits),
    allowPartial: options.allowPartial ?? false,
    ffmpegPath: options.ffmpegPath ?? "ffmpeg",
    ffprobePath: options.ffprobePath ?? "ffprobe",
  });
}
