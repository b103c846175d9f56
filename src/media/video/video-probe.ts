/**
 * What ffprobe says about a video before it is decoded: container, codec, stored frame size and
 * declared duration. The declared figures let the limits refuse a video before the costly
 * decode; they are not trusted further than that (the decoder checks again as frames arrive).
 */
import { VigilError } from "../../core/index.js";
import { probeArgs } from "./ffmpeg-args.js";
import { runTool } from "./ffmpeg-run.js";
import { videoToolError } from "./video-errors.js";
import type { CheckedInput } from "./video-input.js";

export interface VideoProbe {
  /** ffprobe's demuxer name, e.g. `mov,mp4,m4a,3gp,3g2,mj2` or `matroska,webm`. */
  readonly container: string;
  readonly codec: string;
  /** Size of the frames as stored (before any rotation the file asks a player to apply). */
  readonly width: number;
  readonly height: number;
  /** Undefined when the container does not say (e.g. Matroska written to a pipe). */
  readonly durationSeconds: number | undefined;
}

/** Probe output is a few hundred bytes of JSON; more means something is wrong. */
const MAX_PROBE_OUTPUT = 64 * 1024;

export async function probeVideo(
  input: CheckedInput,
  ffprobePath: string,
  maxFramePixels: number,
  signal: AbortSignal,
): Promise<VideoProbe> {
  const chunks: Uint8Array[] = [];
  let length = 0;
  const exit = await runTool({
    command: ffprobePath,
    args: probeArgs(input, maxFramePixels),
    ...(input.kind === "bytes" ? { stdin: input.bytes } : {}),
    signal,
    onStdout: (chunk) => {
      length += chunk.length;
      if (length > MAX_PROBE_OUTPUT) throw corrupt("ffprobe printed too much");
      chunks.push(chunk);
    },
  });
  if (exit.code !== 0) {
    throw videoToolError(exit, {
      looksLikeVideo: input.container !== undefined,
      maxFramePixels,
    });
  }
  return parseProbe(Buffer.concat(chunks).toString("utf8"));
}

interface ProbeJson {
  readonly streams?: readonly Record<string, unknown>[];
  readonly format?: Record<string, unknown>;
}

function parseProbe(text: string): VideoProbe {
  let json: ProbeJson;
  try {
    json = JSON.parse(text) as ProbeJson;
  } catch (error) {
    throw corrupt("ffprobe output is not JSON", error);
  }
  const stream = json.streams?.[0];
  if (stream === undefined) {
    throw new VigilError("media/unsupported-format", "The file has no video stream.");
  }
  const width = Number(stream.width);
  const height = Number(stream.height);
  if (!Number.isSafeInteger(width) || !Number.isSafeInteger(height) || width < 1 || height < 1) {
    throw corrupt(`unusable frame size ${String(stream.width)}×${String(stream.height)}`);
  }
  return {
    container: String(json.format?.format_name ?? "unknown"),
    codec: String(stream.codec_name ?? "unknown"),
    width,
    height,
    durationSeconds: seconds(json.format?.duration) ?? seconds(stream.duration),
  };
}

function seconds(value: unknown): number | undefined {
  const n = typeof value === "string" ? Number(value) : Number.NaN;
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

function corrupt(why: string, cause?: unknown): VigilError {
  return new VigilError(
    "media/corrupt",
    "The video's stream information could not be read.",
    {},
    { cause: cause ?? new Error(why) },
  );
}
