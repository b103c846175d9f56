/**
 * Console sessions: a moderator signed in with a password. Only the SHA-256 of the cookie's
 * token is stored, so the table cannot be replayed; the CSRF token is per session.
 */
import type { IsoTimestamp } from "../types.js";

export interface Session {
  /** Lower-case hex SHA-256 of the cookie token. */
  readonly tokenHash: string;
  readonly moderatorId: string;
  readonly csrfToken: string;
  readonly createdAt: IsoTimestamp;
  /** Moved forward as the session is used: a session expires when idle, not when old. */
  readonly lastSeenAt: IsoTimestamp;
}

export interface NewSession {
  readonly tokenHash: string;
  readonly moderatorId: string;
  readonly csrfToken: string;
}

export interface SessionRepository {
  create(session: NewSession): Promise<Session>;
  /** The session, unless it has been idle longer than `idleMs`. */
  find(tokenHash: string, idleMs: number): Promise<Session | null>;
  /** Records use now (moves the idle expiry forward). */
  touch(tokenHash: string): Promise<void>;
  delete(tokenHash: string): Promise<void>;
  /** Signs a moderator out everywhere (a new password, a disabled account); says how many. */
  deleteForModerator(moderatorId: string): Promise<number>;
  /** Deletes sessions idle longer than `idleMs`; says how many. */
  purgeIdle(idleMs: number): Promise<number>;
}
