/**
 * A refresh that runs in the background every interval and on demand, one run at a time: a call
 * while a run is under way joins it rather than starting a second. Workers follow other
 * processes' changes this way (banks: matcher-sync.ts; protected people: face-index-sync.ts).
 */
export interface BackgroundRefresh<T> {
  /** Runs once now, or joins the run under way. */
  refresh(): Promise<T>;
  stop(): void;
}

export function refreshInBackground<T>(
  run: () => Promise<T>,
  options: { readonly intervalMs?: number; readonly onError?: (error: unknown) => void },
): BackgroundRefresh<T> {
  let running: Promise<T> | undefined;
  const refresh = (): Promise<T> =>
    (running ??= run().finally(() => {
      running = undefined;
    }));
  const timer = setInterval(() => {
    refresh().catch((error: unknown) => options.onError?.(error));
  }, options.intervalMs ?? 2000);
  timer.unref();
  return { refresh, stop: () => clearInterval(timer) };
}
