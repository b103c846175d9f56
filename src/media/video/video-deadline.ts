/**
 * One wall-clock budget for a whole video job (probe, decode, hash, digest), and the caller's
 * own cancellation, folded into a single AbortSignal that every step honours. Child processes
 * are killed when it fires (see ffmpeg-run.ts); the job rejects with `media/timeout`.
 */
import { VigilError } from "../../core/index.js";

/** setTimeout fires at once for delays past 2^31 − 1 ms; clamp instead. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export async function withDeadline<T>(
  timeoutSeconds: number,
  outer: AbortSignal | undefined,
  work: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  outer?.throwIfAborted();
  const controller = new AbortController();
  const timer = setTimeout(
    () =>
      controller.abort(
        new VigilError(
          "media/timeout",
          `Processing the video took longer than ${timeoutSeconds} s and was stopped.`,
          { timeoutSeconds },
        ),
      ),
    Math.min(timeoutSeconds * 1000, MAX_TIMER_MS),
  );
  const onOuterAbort = (): void => controller.abort(outer?.reason);
  outer?.addEventListener("abort", onOuterAbort, { once: true });
  try {
    return await work(controller.signal);
  } finally {
    clearTimeout(timer);
    outer?.removeEventListener("abort", onOuterAbort);
  }
}
