/**
 * The monitor's errors are VigilErrors (one family, one place that answers HTTP), with a `kind`
 * the loop and the health view branch on. The GramJS adapter turns every MTProto error into one
 * of these, so nothing above it needs to know Telegram's error names.
 */
import { VigilError, type ErrorCode } from "../../../core/index.js";

export type MonitorErrorKind =
  /** A username or link that is not a public channel or group (or a private invite). */
  | "invalid"
  /** No such username, or a channel that is gone. */
  | "not-found"
  /** The channel turned private, or banned this account. */
  | "private"
  /** FLOOD_WAIT: Telegram asks us to wait `seconds` before calling this method again. */
  | "flood-wait"
  /** The session is signed out or revoked: `vigil monitor login` again. */
  | "unauthorized"
  /** Media over the byte limit. */
  | "too-large"
  /** The message is deleted already (a takedown's goal reached). */
  | "gone"
  | "network"
  | "other";

const CODES: Readonly<Record<MonitorErrorKind, ErrorCode>> = {
  invalid: "request/invalid",
  "not-found": "request/not-found",
  private: "auth/forbidden",
  "flood-wait": "request/rate-limited",
  unauthorized: "auth/invalid-key",
  "too-large": "fetch/too-large",
  gone: "request/not-found",
  network: "fetch/failed",
  other: "internal",
};

export class MonitorError extends VigilError {
  readonly kind: MonitorErrorKind;
  /** For `flood-wait`: how long Telegram asked us to wait. */
  readonly seconds: number | null;

  constructor(
    kind: MonitorErrorKind,
    message: string,
    details: Record<string, unknown> = {},
    options?: { cause?: unknown; seconds?: number },
  ) {
    super(CODES[kind], message, { ...details, kind }, options);
    this.kind = kind;
    this.seconds = options?.seconds ?? null;
  }
}

export function isMonitorError(error: unknown, kind?: MonitorErrorKind): error is MonitorError {
  return error instanceof MonitorError && (kind === undefined || error.kind === kind);
}

/** Kinds a later attempt can fix: the queue (or the next sweep) should try again. */
export function isRetryable(error: unknown): boolean {
  if (!(error instanceof MonitorError)) return true;
  return error.kind === "flood-wait" || error.kind === "network" || error.kind === "other";
}
