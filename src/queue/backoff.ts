/**
 * Retry delays. Exponential so a failing dependency gets room to recover, capped so a job is
 * never parked for hours, and jittered so jobs that failed together do not retry together.
 */
import type { Backoff } from "./types.js";

export interface ExponentialBackoffOptions {
  /** Delay after the first failure (default 1 s). */
  readonly initialMs?: number;
  /** Longest delay (default 5 min). */
  readonly maxMs?: number;
  /** Spread as a fraction of the delay, 0–1 (default 0.2: ±20 %). */
  readonly jitter?: number;
  /** Source of randomness in [0, 1); tests pass a constant. */
  readonly random?: () => number;
}

export function exponentialBackoff(options: ExponentialBackoffOptions = {}): Backoff {
  const initialMs = options.initialMs ?? 1000;
  const maxMs = options.maxMs ?? 5 * 60_000;
  const jitter = Math.min(Math.max(options.jitter ?? 0.2, 0), 1);
  const random = options.random ?? Math.random;
  return (attempt) => {
    const exponent = Math.max(0, Math.min(attempt - 1, 30));
    const base = Math.min(maxMs, initialMs * 2 ** exponent);
    return Math.max(0, Math.round(base * (1 - jitter + 2 * jitter * random())));
  };
}

export const DEFAULT_BACKOFF: Backoff = exponentialBackoff();
