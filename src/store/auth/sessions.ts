/** Console sessions, over SQL: found by token hash, expired by idleness. */
import type { NewSession, Session } from "./session-types.js";
import type { SessionRepository } from "./session-types.js";
import { checkText, invalid } from "../validate.js";
import { text, timestamp } from "../sql/columns.js";
import type { RepositoryContext } from "../sql/context.js";
import { first, type Row } from "../sql/executor.js";

const HEX64 = /^[0-9a-f]{64}$/;

function checkTokenHash(value: unknown): string {
  if (typeof value !== "string" || !HEX64.test(value)) {
    invalid("tokenHash", "expected 64 lower-case hex digits");
  }
  return value;
}

function decodeSession(row: Row): Session {
  return {
    tokenHash: text(row, "token_hash"),
    moderatorId: text(row, "moderator_id"),
    csrfToken: text(row, "csrf_token"),
    createdAt: timestamp(row, "created_at"),
    lastSeenAt: timestamp(row, "last_seen_at"),
  };
}

export class SqlSessions implements SessionRepository {
  constructor(private readonly context: RepositoryContext) {}

  async create(input: NewSession): Promise<Session> {
    if (typeof input !== "object" || input === null) invalid("session", "expected an object");
    const now = this.context.clock().toISOString();
    const row = await first(
      this.context.db,
      `INSERT INTO sessions (token_hash, moderator_id, csrf_token, created_at, last_seen_at)
       VALUES (?, ?, ?, ?, ?) RETURNING *`,
      [
        checkTokenHash(input.tokenHash),
        checkText(input.moderatorId, "moderatorId", 64),
        checkText(input.csrfToken, "csrfToken", 200),
        now,
        now,
      ],
    );
    return decodeSession(row!);
  }

  async find(tokenHash: string, idleMs: number): Promise<Session | null> {
    const row = await first(
      this.context.db,
      "SELECT * FROM sessions WHERE token_hash = ? AND last_seen_at > ?",
      [checkTokenHash(tokenHash), this.cutoff(idleMs)],
    );
    return row ? decodeSession(row) : null;
  }

  async touch(tokenHash: string): Promise<void> {
    await this.context.db.run("UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?", [
      this.context.clock().toISOString(),
      checkTokenHash(tokenHash),
    ]);
  }

  async delete(tokenHash: string): Promise<void> {
    await this.context.db.run("DELETE FROM sessions WHERE token_hash = ?", [
      checkTokenHash(tokenHash),
    ]);
  }

  async deleteForModerator(moderatorId: string): Promise<number> {
    return this.context.db.run("DELETE FROM sessions WHERE moderator_id = ?", [
      checkText(moderatorId, "moderatorId", 64),
    ]);
  }

  async purgeIdle(idleMs: number): Promise<number> {
    return this.context.db.run("DELETE FROM sessions WHERE last_seen_at <= ?", [
      this.cutoff(idleMs),
    ]);
  }

  private cutoff(idleMs: number): string {
    if (!Number.isSafeInteger(idleMs) || idleMs <= 0)
      invalid("idleMs", "expected a positive integer");
    return new Date(this.context.clock().getTime() - idleMs).toISOString();
  }
}
