/**
 * ffmpeg and ffprobe report failures as free text on stderr. It is matched here, in one place,
 * and turned into stable `media/*` codes; the text itself goes into `cause` for logs and never
 * into the message, because it names paths and internals.
 */
import { VigilError } from "../../core/index.js";
import type { ToolExit } from "./ffmpeg-run.js";

export interface FailureContext {
  /** Our own sniffing recognised a video container: a failure then means damage. */
  readonly looksLikeVideo: boolean;
  readonly maxFramePixels: number;
}

export function videoToolError(exit: ToolExit, context: FailureContext): VigilError {
  const { stderr } = exit;
  const cause = { cause: new Error(`ffmpeg exit ${exit.code ?? exit.signal}: ${stderr.trim()}`) };
  if (/not on whitelist/i.test(stderr)) {
    return new VigilError(
      "media/unsupported-format",
      "The file is not a video in a supported container (MP4, MOV, WebM/MKV, AVI, FLV, MPEG-TS, MPEG-PS, WMV, Ogg, GIF).",
      {},
      cause,
    );
  }
  if (/exceeds specified max pixel count/i.test(stderr)) {
    return new VigilError(
      "media/too-many-pixels",
      `A frame of the video has more than ${context.maxFramePixels} pixels.`,
      { maxPixels: context.maxFramePixels },
      cause,
    );
  }
  if (/Decoder \(codec .*\) not found|Unknown decoder/i.test(stderr)) {
    return new VigilError(
      "media/unsupported-format",
      "The video is encoded with a codec that cannot be decoded here.",
      {},
      cause,
    );
  }
  if (!context.looksLikeVideo && /Invalid data found when processing input/i.test(stderr)) {
    return new VigilError(
      "media/unsupported-format",
      "The file is not a video in a format that can be read.",
      {},
      cause,
    );
  }
  if (exit.signal !== null) {
    return new VigilError("media/corrupt", "The video decoder stopped unexpectedly.", {}, cause);
  }
  return new VigilError(
    "media/corrupt",
    "The video is damaged or incomplete and could not be decoded.",
    {},
    cause,
  );
}

/** Containers ffmpeg can demux only with seeking: MP4/MOV with the index last, and GIF. */
export function unstreamableError(why: string): VigilError {
  return new VigilError(
    "media/unstreamable",
    `${why}, so it cannot be read as a stream; pass it as a file path instead.`,
  );
}
