import type { Migration } from "../sql/migrate.js";

/** API keys: the secret's SHA-256 only, found by the unique public prefix. */
export const apiKeysMigration: Migration = {
  version: 4,
  name: "api keys",
  sqlite: `
    CREATE TABLE api_keys (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      prefix TEXT NOT NULL UNIQUE,
      secret_hash TEXT NOT NULL,
      scopes TEXT NOT NULL CHECK (json_valid(scopes)),
      rate_limit_per_minute INTEGER CHECK (rate_limit_per_minute > 0),
      created_at TEXT NOT NULL,
      last_used_at TEXT,
      revoked_at TEXT
    ) STRICT;
  `,
  postgres: `
    CREATE TABLE api_keys (
      id text COLLATE "C" PRIMARY KEY,
      name text NOT NULL,
      prefix text COLLATE "C" NOT NULL UNIQUE,
      secret_hash text NOT NULL,
      scopes jsonb NOT NULL CHECK (jsonb_typeof(scopes) = 'array'),
      rate_limit_per_minute integer CHECK (rate_limit_per_minute > 0),
      created_at timestamptz NOT NULL,
      last_used_at timestamptz,
      revoked_at timestamptz
    );
  `,
};
