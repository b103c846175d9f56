/**
 * API keys. The server shows a key's secret once, at creation; the store keeps only its SHA-256,
 * and a short public prefix to find the row by.
 */
import type { IsoTimestamp } from "../types.js";

export const API_SCOPES = [
  "scan",
  "ingest",
  "report",
  "banks:read",
  "banks:write",
  "policies:read",
  "review",
  // Support-centre staff registering and removing protected people.
  "people",
  "admin",
] as const;
export type ApiScope = (typeof API_SCOPES)[number];

export interface ApiKey {
  /** A time-ordered UUID (v7). */
  readonly id: string;
  readonly name: string;
  /** The public lookup part of the key: 4..32 of `A-Z a-z 0-9 _ -`, unique. */
  readonly prefix: string;
  /** Lower-case hex SHA-256 of the secret. */
  readonly secretHash: string;
  readonly scopes: readonly ApiScope[];
  /** Null: the server's default limit. */
  readonly rateLimitPerMinute: number | null;
  readonly createdAt: IsoTimestamp;
  readonly lastUsedAt: IsoTimestamp | null;
  readonly revokedAt: IsoTimestamp | null;
  /**
   * The moderator who signs calls with this key; absent (not null) on other keys, so keys read
   * before moderators existed keep their shape.
   */
  readonly moderatorId?: string;
}

export interface NewApiKey {
  readonly name: string;
  readonly prefix: string;
  readonly secretHash: string;
  readonly scopes: readonly ApiScope[];
  readonly rateLimitPerMinute?: number | null;
  readonly moderatorId?: string | null;
}

export interface ApiKeyRepository {
  /** `store/conflict` when the prefix is taken. */
  create(key: NewApiKey): Promise<ApiKey>;
  get(id: string): Promise<ApiKey | null>;
  /** Revoked keys are returned too: the caller checks `revokedAt`. */
  findByPrefix(prefix: string): Promise<ApiKey | null>;
  /** All keys, oldest first. */
  list(): Promise<ApiKey[]>;
  /** Revoking a revoked key keeps its first `revokedAt`. */
  revoke(id: string): Promise<ApiKey>;
  /** Records a use (default: now). */
  touch(id: string, at?: Date): Promise<void>;
}
