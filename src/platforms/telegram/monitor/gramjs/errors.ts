/**
 * GramJS's errors → MonitorError. Only Telegram's error name (`errorMessage`, e.g.
 * `CHANNEL_PRIVATE`) is kept: GramJS's own message text is written for its developers and may
 * change, and an error from the socket layer can carry anything, so none of it reaches our
 * messages and logs.
 */
import { errors } from "telegram";
import { MonitorError, type MonitorErrorKind } from "../errors.js";

const KINDS: ReadonlyArray<readonly [RegExp, MonitorErrorKind]> = [
  [/^(USERNAME_NOT_OCCUPIED|USERNAME_INVALID|CHANNEL_INVALID|PEER_ID_INVALID)$/, "not-found"],
  [/^(CHANNEL_PRIVATE|CHAT_FORBIDDEN|CHANNEL_PUBLIC_GROUP_NA|USER_BANNED_IN_CHANNEL)$/, "private"],
  [/^(MESSAGE_ID_INVALID|MESSAGE_IDS_EMPTY|MESSAGE_DELETE_FORBIDDEN)$/, "gone"],
  [
    /^(AUTH_KEY_UNREGISTERED|AUTH_KEY_INVALID|AUTH_KEY_PERM_EMPTY|SESSION_REVOKED)$/,
    "unauthorized",
  ],
  [/^(SESSION_EXPIRED|USER_DEACTIVATED|USER_DEACTIVATED_BAN)$/, "unauthorized"],
];

export function fromGramJs(error: unknown, call: string): MonitorError {
  if (error instanceof MonitorError) return error;
  if (error instanceof errors.FloodWaitError || error instanceof errors.SlowModeWaitError) {
    return floodWait(error.seconds, call);
  }
  if (error instanceof errors.RPCError) {
    const name = error.errorMessage;
    const details = { call, telegramError: name };
    if (error.code === 420) return floodWait(Number(/_(\d+)$/.exec(name)?.[1] ?? 60), call);
    for (const [pattern, kind] of KINDS) {
      if (pattern.test(name)) return new MonitorError(kind, message(kind, name), details);
    }
    if (error.code === 401) return new MonitorError("unauthorized", message("unauthorized", name));
    if (error.code !== undefined && error.code >= 500) {
      return new MonitorError("network", message("network", name), details);
    }
    return new MonitorError("other", `Telegram refused ${call}: ${name}.`, details);
  }
  // Connection drops, timeouts and the like: GramJS reconnects; the next call may succeed.
  return new MonitorError("network", `Telegram could not be reached (${call}).`, { call });
}

// No `cause`: GramJS's error quotes the request, and a cause is what loggers print next.
function floodWait(seconds: number, call: string): MonitorError {
  const wait = Number.isFinite(seconds) && seconds >= 0 ? seconds : 60;
  return new MonitorError(
    "flood-wait",
    `Telegram asks us to wait ${wait} s before calling ${call} again.`,
    { call, seconds: wait },
    { seconds: wait },
  );
}

function message(kind: MonitorErrorKind, name: string): string {
  switch (kind) {
    case "not-found":
      return `No public channel or group by that name (${name}).`;
    case "private":
      return `The channel is private or has banned this account (${name}).`;
    case "gone":
      return `The message is no longer there (${name}).`;
    case "unauthorized":
      return `The monitor's Telegram session is signed out (${name}): run \`vigil monitor login\`.`;
    default:
      return `Telegram is unavailable (${name}).`;
  }
}
