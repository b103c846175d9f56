/** API keys, over SQL. The store sees only a key's public prefix and its secret's SHA-256. */
import { VigilError } from "../../core/index.js";
import type { ApiKey, NewApiKey } from "./key-types.js";
import { API_SCOPES } from "./key-types.js";
import type { ApiKeyRepository } from "./key-types.js";
import { newId } from "../ids.js";
import {
  checkInteger,
  checkList,
  checkOneOf,
  checkText,
  checkToken,
  invalid,
} from "../validate.js";
import {
  nullableInt,
  nullableText,
  nullableTimestamp,
  stringList,
  text,
  timestamp,
} from "../sql/columns.js";
import type { RepositoryContext } from "../sql/context.js";
import type { Row } from "../sql/executor.js";
import { first } from "../sql/executor.js";

const PREFIX = /^[A-Za-z0-9_-]{4,32}$/;
const SHA256_HEX = /^[0-9a-f]{64}$/;

export class SqlApiKeys implements ApiKeyRepository {
  constructor(private readonly context: RepositoryContext) {}

  async create(key: NewApiKey): Promise<ApiKey> {
    if (typeof key !== "object" || key === null) invalid("key", "expected an object");
    const prefix = checkToken(
      key.prefix,
      "prefix",
      PREFIX,
      "expected 4..32 of A-Z, a-z, 0-9, _ and -",
    );
    const secretHash = checkToken(
      key.secretHash,
      "secretHash",
      SHA256_HEX,
      "expected a lower-case hex SHA-256",
    );
    const scopes = checkList(key.scopes, "scopes", API_SCOPES.length, (scope, field) =>
      checkOneOf(scope, field, API_SCOPES),
    );
    if (scopes.length === 0) invalid("scopes", "a key needs at least one scope");
    const rateLimit =
      key.rateLimitPerMinute === undefined || key.rateLimitPerMinute === null
        ? null
        : checkInteger(key.rateLimitPerMinute, "rateLimitPerMinute", 1, 1_000_000);
    const now = this.context.clock();
    const row = await first(
      this.context.db,
      `INSERT INTO api_keys (id, name, prefix, secret_hash, scopes, rate_limit_per_minute, created_at,
         moderator_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (prefix) DO NOTHING RETURNING *`,
      [
        newId(now),
        checkText(key.name, "name", 200),
        prefix,
        secretHash,
        JSON.stringify(scopes),
        rateLimit,
        now.toISOString(),
        key.moderatorId === undefined || key.moderatorId === null
          ? null
          : checkText(key.moderatorId, "moderatorId", 64),
      ],
    );
    if (!row) throw new VigilError("store/conflict", "An API key with this prefix already exists.");
    return decodeKey(row);
  }

  async get(id: string): Promise<ApiKey | null> {
    const row = await first(this.context.db, "SELECT * FROM api_keys WHERE id = ?", [id]);
    return row ? decodeKey(row) : null;
  }

  async findByPrefix(prefix: string): Promise<ApiKey | null> {
    const row = await first(this.context.db, "SELECT * FROM api_keys WHERE prefix = ?", [prefix]);
    return row ? decodeKey(row) : null;
  }

  async list(): Promise<ApiKey[]> {
    return (await this.context.db.all("SELECT * FROM api_keys ORDER BY id")).map(decodeKey);
  }

  async revoke(id: string): Promise<ApiKey> {
    const row = await first(
      this.context.db,
      // COALESCE keeps the first revocation time when a key is revoked twice.
      "UPDATE api_keys SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ? RETURNING *",
      [this.context.clock().toISOString(), id],
    );
    if (!row) throw keyNotFound(id);
    return decodeKey(row);
  }

  async touch(id: string, at: Date = this.context.clock()): Promise<void> {
    if (!(at instanceof Date) || Number.isNaN(at.getTime())) invalid("at", "expected a valid Date");
    const changed = await this.context.db.run("UPDATE api_keys SET last_used_at = ? WHERE id = ?", [
      at.toISOString(),
      id,
    ]);
    if (changed === 0) throw keyNotFound(id);
  }
}

function keyNotFound(id: string): VigilError {
  return new VigilError("store/not-found", `There is no API key "${id}".`, { apiKeyId: id });
}

function decodeKey(row: Row): ApiKey {
  const moderatorId = nullableText(row, "moderator_id");
  return {
    id: text(row, "id"),
    name: text(row, "name"),
    prefix: text(row, "prefix"),
    secretHash: text(row, "secret_hash"),
    scopes: stringList(row, "scopes").map((scope) => checkOneOf(scope, "scopes", API_SCOPES)),
    rateLimitPerMinute: nullableInt(row, "rate_limit_per_minute"),
    createdAt: timestamp(row, "created_at"),
    lastUsedAt: nullableTimestamp(row, "last_used_at"),
    revokedAt: nullableTimestamp(row, "revoked_at"),
    ...(moderatorId === null ? {} : { moderatorId }),
  };
}
