/**
 * Decodes a video into frames sampled at a fixed rate, streamed from ffmpeg's stdout as raw RGB:
 * no temporary files, one frame buffer in memory whatever the video's length. Limits are checked
 * before decoding (size, declared duration and frame size) and again on every frame.
 */
import { VigilError } from "../../core/index.js";
import type { Pixels } from "../../hash/index.js";
import { decodeArgs } from "./ffmpeg-args.js";
import { runTool } from "./ffmpeg-run.js";
import { videoToolError } from "./video-errors.js";
import type { CheckedInput } from "./video-input.js";
import type { VideoLimits } from "./video-limits.js";
import { probeVideo, type VideoProbe } from "./video-probe.js";
import type { VideoSettings } from "./video-settings.js";

export interface VideoFrame {
  /** 0, 1, 2… in the sampled sequence. */
  readonly index: number;
  /** index / framesPerSecond: seconds from the first frame. */
  readonly timestamp: number;
  /** RGB, at most maxFrameSide on its longer side. Reused for the next frame: copy to keep. */
  readonly pixels: Pixels;
}

export interface DecodedVideo extends VideoProbe {
  /** Size of the frames handed out, after scaling. */
  readonly frameWidth: number;
  readonly frameHeight: number;
  readonly framesPerSecond: number;
  readonly frameCount: number;
  /** ffmpeg reported decoding errors and only the frames that decoded were kept (`allowPartial`). */
  readonly partial: boolean;
}

/**
 * Decodes an input that passed `checkVideoInput`, under `signal`, which the caller ties to the
 * time limit (see video-deadline.ts).
 */
export async function decodeFramesUnder(
  checked: CheckedInput,
  settings: VideoSettings,
  signal: AbortSignal,
  onFrame: (frame: VideoFrame) => void,
): Promise<DecodedVideo> {
  const { limits, framesPerSecond } = settings;
  signal.throwIfAborted();
  const probe = await probeVideo(checked, settings.ffprobePath, limits.maxFramePixels, signal);
  checkDeclared(probe, limits, framesPerSecond);
  const { width, height } = scaledSize(probe.width, probe.height, settings.maxFrameSide);

  const frameBytes = width * height * 3;
  const data = new Uint8Array(frameBytes);
  const pixels: Pixels = { data, width, height, channels: 3 };
  let filled = 0;
  let index = 0;
  const emit = (): void => {
    const timestamp = index / framesPerSecond;
    if (index >= limits.maxFrames) throw tooManyFrames(limits.maxFrames);
    if (timestamp > limits.maxDurationSeconds) throw tooLong(limits.maxDurationSeconds);
    onFrame({ index, timestamp, pixels });
    index++;
  };
  const exit = await runTool({
    command: settings.ffmpegPath,
    args: decodeArgs(checked, limits.maxFramePixels, {
      framesPerSecond,
      width,
      height,
      stopOnError: !settings.allowPartial,
    }),
    ...(checked.kind === "bytes" ? { stdin: checked.bytes } : {}),
    signal,
    onStdout: (chunk) => {
      for (let offset = 0; offset < chunk.length;) {
        const n = Math.min(frameBytes - filled, chunk.length - offset);
        data.set(chunk.subarray(offset, offset + n), filled);
        filled += n;
        offset += n;
        if (filled === frameBytes) {
          filled = 0;
          emit();
        }
      }
    },
  });

  const reportedErrors = exit.code !== 0 || exit.stderr.trim() !== "";
  if (index === 0 || (reportedErrors && !settings.allowPartial)) {
    throw videoToolError(exit, {
      looksLikeVideo: checked.container !== undefined,
      maxFramePixels: limits.maxFramePixels,
    });
  }
  return {
    ...probe,
    frameWidth: width,
    frameHeight: height,
    framesPerSecond,
    frameCount: index,
    partial: reportedErrors,
  };
}

function checkDeclared(probe: VideoProbe, limits: VideoLimits, framesPerSecond: number): void {
  const pixels = probe.width * probe.height;
  if (pixels > limits.maxFramePixels) {
    throw new VigilError(
      "media/too-many-pixels",
      `The video is ${probe.width}×${probe.height} (${pixels} pixels a frame); the limit is ${limits.maxFramePixels}.`,
      { width: probe.width, height: probe.height, maxPixels: limits.maxFramePixels },
    );
  }
  const duration = probe.durationSeconds;
  if (duration === undefined) return;
  if (duration > limits.maxDurationSeconds) throw tooLong(limits.maxDurationSeconds, duration);
  // floor: refuse up front only what would certainly exceed; the stream check catches the rest.
  if (Math.floor(duration * framesPerSecond) > limits.maxFrames) {
    throw tooManyFrames(limits.maxFrames);
  }
}

/** Shrinks to at most maxSide on the longer side, keeping the aspect ratio; never enlarges. */
export function scaledSize(width: number, height: number, maxSide: number) {
  const longest = Math.max(width, height);
  if (longest <= maxSide) return { width, height };
  const scale = maxSide / longest;
  return {
    width: Math.max(1, Math.round(width * scale)),
    height: Math.max(1, Math.round(height * scale)),
  };
}

function tooLong(maxSeconds: number, declared?: number): VigilError {
  const what =
    declared === undefined ? "longer than" : `${declared.toFixed(1)} s long; the limit is`;
  return new VigilError("media/too-long", `The video is ${what} ${maxSeconds} s.`, {
    maxDurationSeconds: maxSeconds,
    ...(declared === undefined ? {} : { durationSeconds: declared }),
  });
}

function tooManyFrames(maxFrames: number): VigilError {
  return new VigilError(
    "media/too-many-frames",
    `The video has more than ${maxFrames} frames at the sampling rate.`,
    { maxFrames },
  );
}
