/**
 * Honours the Bot API's flood control: a 429 answer carries `parameters.retry_after` (seconds);
 * the call is repeated after that wait instead of failing. A wait longer than `maxWaitSeconds`
 * is not sat out in-process: the 429 goes back to the caller, so a queued action is retried with
 * the queue's backoff and the polling loop simply comes round again.
 */
import type { Transformer } from "grammy";

export interface RetryAfterOptions {
  /** Longest wait honoured in-process (default 60 s). */
  readonly maxWaitSeconds?: number;
  /** Repeats of one call after 429s (default 3). */
  readonly maxRetries?: number;
  /** Told about every wait, for the log and the health endpoint. */
  readonly onWait?: (method: string, seconds: number) => void;
  /** Default: setTimeout. Tests keep the real clock; they never assert how long it took. */
  readonly sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function retryAfter(options: RetryAfterOptions = {}): Transformer {
  const maxWait = options.maxWaitSeconds ?? 60;
  const maxRetries = options.maxRetries ?? 3;
  const sleep = options.sleep ?? defaultSleep;
  return async (prev, method, payload, signal) => {
    for (let retry = 0; ; retry++) {
      const result = await prev(method, payload, signal);
      if (result.ok || result.error_code !== 429) return result;
      const seconds = result.parameters?.retry_after;
      if (typeof seconds !== "number" || !(seconds >= 0) || seconds > maxWait) return result;
      if (retry >= maxRetries || signal?.aborted) return result;
      options.onWait?.(method, seconds);
      await sleep(seconds * 1000);
    }
  };
}
