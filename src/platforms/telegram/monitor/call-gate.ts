/**
 * Every MTProto call goes through one gate: calls are spaced to the configured rate (Telegram
 * limits user accounts far more tightly than bots, and an account that reads too fast is
 * flood-waited for hours, or banned), and a FLOOD_WAIT is honoured. Telegram's waits are per
 * method, so the gate pauses only the kind of call that was refused: a wait on username
 * resolutions does not stop reading history. A short wait (up to `maxFloodWaitSeconds`) is sat
 * out and the call made again; a longer one fails the call at once, and every call of that kind
 * until the time has passed, so the sweep goes on with other work instead of hanging.
 */
import { isMonitorError, MonitorError } from "./errors.js";

export interface CallGateOptions {
  readonly callsPerMinute: number;
  readonly maxFloodWaitSeconds: number;
  /** Told of every FLOOD_WAIT, for the health view. */
  readonly onFloodWait?: (kind: string, seconds: number) => void;
  readonly clock?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** How many times one call is repeated after short flood waits. */
const MAX_WAITS = 2;

export class CallGate {
  private readonly spacingMs: number;
  private readonly clock: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private nextAt = 0;
  private readonly pausedUntil = new Map<string, number>();
  // Calls take turns: the spacing holds however many loops and takedowns call at once.
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly options: CallGateOptions) {
    if (!(options.callsPerMinute > 0)) throw new RangeError("callsPerMinute must be positive");
    this.spacingMs = 60_000 / options.callsPerMinute;
    this.clock = options.clock ?? Date.now;
    this.sleep = options.sleep ?? defaultSleep;
  }

  /** Runs one call of `kind` (e.g. `history`) in its turn, honouring flood waits. */
  async run<T>(kind: string, call: () => Promise<T>): Promise<T> {
    for (let waits = 0; ; waits++) {
      // After sitting a wait out, this call goes ahead (a timer may fire a millisecond early).
      if (waits === 0) this.refuseIfPaused(kind);
      await this.turn();
      try {
        return await call();
      } catch (error) {
        if (!isMonitorError(error, "flood-wait")) throw error;
        const seconds = error.seconds ?? 60;
        this.pausedUntil.set(kind, this.clock() + seconds * 1000);
        this.options.onFloodWait?.(kind, seconds);
        if (seconds > this.options.maxFloodWaitSeconds || waits >= MAX_WAITS) throw error;
        await this.sleep(seconds * 1000);
      }
    }
  }

  /** When calls of `kind` may be made again; null when they may now. */
  pausedTill(kind: string): number | null {
    const until = this.pausedUntil.get(kind);
    return until !== undefined && until > this.clock() ? until : null;
  }

  private refuseIfPaused(kind: string): void {
    const until = this.pausedTill(kind);
    if (until === null) return;
    const seconds = Math.ceil((until - this.clock()) / 1000);
    throw new MonitorError(
      "flood-wait",
      `Telegram asked us to wait: ${kind} calls resume in ${seconds} s.`,
      { call: kind, seconds },
      { seconds },
    );
  }

  private turn(): Promise<void> {
    const mine = this.queue.then(async () => {
      const wait = this.nextAt - this.clock();
      if (wait > 0) await this.sleep(wait);
      this.nextAt = Math.max(this.clock(), this.nextAt) + this.spacingMs;
    });
    this.queue = mine.catch(() => undefined);
    return mine;
  }
}
