/**
 * Video hashing: frames sampled through ffmpeg, a PDQ hash per frame (vPDQ's features), and the
 * MD5 / SHA-256 of the file. The frame features feed `matchVpdq` in the hash part and print in
 * vPDQ's text format with `formatVpdq`. Neither bytes nor pixels outlive the call.
 */
import { formatPdqHex, PdqHasher, type Digests, type VpdqFeature } from "../../hash/index.js";
import { withDeadline } from "./video-deadline.js";
import { bytesDigests, fileDigests } from "./video-digest.js";
import { decodeFramesUnder, type DecodedVideo, type VideoFrame } from "./video-frames.js";
import { checkVideoInput, type VideoInput } from "./video-input.js";
import { resolveVideoSettings, type VideoOptions } from "./video-settings.js";

export interface HashVideoOptions extends VideoOptions {
  /** Reuse one hasher across calls; a shared one is used otherwise. */
  readonly hasher?: PdqHasher;
}

export interface VideoHashes extends DecodedVideo, Digests {
  /** One feature per sampled frame, in order. */
  readonly frames: readonly VpdqFeature[];
}

const sharedHasher = new PdqHasher();

/**
 * Decodes frames at `framesPerSecond` and hands each to `onFrame`, under the time limit and the
 * caller's signal. For callers that want pixels rather than hashes (classifiers, thumbnails).
 */
export function decodeVideoFrames(
  input: VideoInput,
  onFrame: (frame: VideoFrame) => void,
  options: VideoOptions = {},
): Promise<DecodedVideo> {
  const settings = resolveVideoSettings(options);
  return withDeadline(settings.limits.timeoutSeconds, options.signal, async (signal) => {
    const checked = await checkVideoInput(input, settings.limits.maxBytes);
    return decodeFramesUnder(checked, settings, signal, onFrame);
  });
}

/**
 * Hashes a video given as a file path or as bytes. A path is preferred: ffmpeg can seek in it,
 * so MP4 files with their index at the end work; as bytes such files fail with
 * `media/unstreamable`. Every failure is a VigilError with a `media/*` code.
 */
export function hashVideo(input: VideoInput, options: HashVideoOptions = {}): Promise<VideoHashes> {
  const settings = resolveVideoSettings(options);
  const hasher = options.hasher ?? sharedHasher;
  return withDeadline(settings.limits.timeoutSeconds, options.signal, async (signal) => {
    const frames: VpdqFeature[] = [];
    const onFrame = ({ index, timestamp, pixels }: VideoFrame): void => {
      const { hash, quality } = hasher.hash(pixels);
      frames.push({ index, quality, pdq: formatPdqHex(hash), timestamp });
    };
    const checked = await checkVideoInput(input, settings.limits.maxBytes);
    if (checked.kind === "bytes") {
      const decoded = await decodeFramesUnder(checked, settings, signal, onFrame);
      return { ...decoded, ...bytesDigests(checked.bytes), frames };
    }
    // The file is digested while ffmpeg decodes it; whichever fails first stops the other.
    const controller = new AbortController();
    const stop = AbortSignal.any([signal, controller.signal]);
    const [decoded, digests] = await settleBoth(
      controller,
      decodeFramesUnder(checked, settings, stop, onFrame),
      fileDigests(checked.path, settings.limits.maxBytes, stop),
    );
    return { ...decoded, ...digests, frames };
  });
}

/**
 * Like Promise.all, but on the first failure aborts the other task and waits for it to finish,
 * so no child process or open file is left behind, then rethrows that first failure.
 */
async function settleBoth<A, B>(
  controller: AbortController,
  a: Promise<A>,
  b: Promise<B>,
): Promise<[A, B]> {
  let first: { error: unknown } | undefined;
  const watch = <T>(task: Promise<T>): Promise<T> =>
    task.catch((error: unknown) => {
      first ??= { error };
      controller.abort(error);
      throw error;
    });
  const [ra, rb] = await Promise.allSettled([watch(a), watch(b)]);
  if (first) throw first.error;
  if (ra.status === "rejected" || rb.status === "rejected") throw new Error("unreachable");
  return [ra.value, rb.value];
}
