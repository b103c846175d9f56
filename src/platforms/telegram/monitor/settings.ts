/**
 * The monitor's settings, read once from an environment-shaped record (the server passes its
 * own; nothing here reads process.env), validated and frozen. A bad value is refused with the
 * setting's name and never with its value: three of them are secrets.
 */

export interface MonitorSettings {
  /** From my.telegram.org → API development tools (VIGIL_MONITOR_API_ID). */
  readonly apiId: number;
  /** Its pair (VIGIL_MONITOR_API_HASH). Never logged. */
  readonly apiHash: string;
  /** Opens the stored session (VIGIL_MONITOR_SESSION_KEY); see session-crypto.ts. Never logged. */
  readonly sessionKey: string;
  /** On first sight of a channel, read back at most this many posts… (VIGIL_MONITOR_HISTORY_POSTS) */
  readonly historyPosts: number;
  /** …and none older than this many days (VIGIL_MONITOR_HISTORY_DAYS). */
  readonly historyDays: number;
  /** Between two reads of a channel's new posts (VIGIL_MONITOR_POLL_SECONDS). */
  readonly pollSeconds: number;
  /** MTProto calls a minute, all channels together (VIGIL_MONITOR_CALLS_PER_MINUTE). */
  readonly callsPerMinute: number;
  /** FLOOD_WAITs up to this are sat out in-process; longer ones pause that call's kind. */
  readonly maxFloodWaitSeconds: number;
  /** Media over this is not downloaded: the post becomes a text-only item, recorded as such. */
  readonly maxMediaBytes: number;
  /** `auto`: report every takedown verdict to Telegram; `off`: record evidence only. */
  readonly report: "auto" | "off";
  /** Keep a copy of matched media with the evidence (never for child abuse material). */
  readonly keepMedia: boolean;
  /** Named in deletion requests as the requester (VIGIL_MONITOR_ORGANISATION, VIGIL_MONITOR_CONTACT). */
  readonly organisation: string | null;
  readonly contact: string | null;
}

export class MonitorSettingError extends Error {
  override readonly name = "MonitorSettingError";
  constructor(
    readonly setting: string,
    message: string,
  ) {
    super(`${setting} ${message}`);
  }
}

type Env = Readonly<Record<string, string | undefined>>;

export const MIN_SESSION_KEY_LENGTH = 32;

/** Null when the monitor is not configured at all (no VIGIL_MONITOR_API_ID). */
export function readMonitorSettings(env: Env): MonitorSettings | null {
  if (!env.VIGIL_MONITOR_API_ID) return null;
  const apiHash = required(env, "VIGIL_MONITOR_API_HASH");
  if (!/^[0-9a-f]{32}$/i.test(apiHash)) {
    throw new MonitorSettingError(
      "VIGIL_MONITOR_API_HASH",
      "must be the 32 hex digits from my.telegram.org",
    );
  }
  const sessionKey = required(env, "VIGIL_MONITOR_SESSION_KEY");
  if (sessionKey.length < MIN_SESSION_KEY_LENGTH) {
    throw new MonitorSettingError(
      "VIGIL_MONITOR_SESSION_KEY",
      `must be at least ${MIN_SESSION_KEY_LENGTH} characters (e.g. \`openssl rand -base64 32\`)`,
    );
  }
  return Object.freeze({
    apiId: integer(env, "VIGIL_MONITOR_API_ID", undefined, 1, 2 ** 31 - 1),
    apiHash: apiHash.toLowerCase(),
    sessionKey,
    historyPosts: integer(env, "VIGIL_MONITOR_HISTORY_POSTS", 200, 0, 10_000),
    historyDays: integer(env, "VIGIL_MONITOR_HISTORY_DAYS", 7, 0, 3_650),
    // Below 30 s a watch list of any size spends its calls on empty reads.
    pollSeconds: integer(env, "VIGIL_MONITOR_POLL_SECONDS", 120, 30, 86_400),
    callsPerMinute: integer(env, "VIGIL_MONITOR_CALLS_PER_MINUTE", 20, 1, 120),
    maxFloodWaitSeconds: integer(env, "VIGIL_MONITOR_MAX_FLOOD_WAIT_SECONDS", 300, 0, 3_600),
    maxMediaBytes: integer(env, "VIGIL_MONITOR_MAX_MEDIA_BYTES", 50 * 1024 * 1024, 1, 2 ** 31),
    report: oneOf(env, "VIGIL_MONITOR_REPORT", ["auto", "off"] as const, "auto"),
    keepMedia:
      oneOf(env, "VIGIL_MONITOR_KEEP_MEDIA", ["false", "true"] as const, "false") === "true",
    organisation: optional(env, "VIGIL_MONITOR_ORGANISATION"),
    contact: optional(env, "VIGIL_MONITOR_CONTACT"),
  });
}

function required(env: Env, name: string): string {
  const value = env[name]?.trim();
  if (!value) throw new MonitorSettingError(name, "is required when VIGIL_MONITOR_API_ID is set");
  return value;
}

function optional(env: Env, name: string): string | null {
  const value = env[name]?.trim();
  if (!value) return null;
  if (value.length > 200) throw new MonitorSettingError(name, "must be at most 200 characters");
  return value;
}

function integer(env: Env, name: string, fallback: number | undefined, min: number, max: number) {
  const raw = env[name]?.trim();
  if (!raw) {
    if (fallback === undefined) throw new MonitorSettingError(name, "is required");
    return fallback;
  }
  const value = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new MonitorSettingError(name, `must be a whole number from ${min} to ${max}`);
  }
  return value;
}

function oneOf<T extends string>(env: Env, name: string, values: readonly T[], fallback: T): T {
  const raw = env[name]?.trim().toLowerCase();
  if (!raw) return fallback;
  const found = values.find((value) => value === raw);
  if (!found) throw new MonitorSettingError(name, `must be one of ${values.join(", ")}`);
  return found;
}
