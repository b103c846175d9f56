import type { Migration } from "../sql/migrate.js";

/**
 * Banks and their entries. Entry ids are the uint32 ids of the in-memory index, never reused
 * (AUTOINCREMENT / identity), so a stale index can never confuse a new entry with a deleted one.
 * `value_key` is the value itself for hex hashes and a digest for long vPDQ texts: it is what
 * the unique index holds, so only one *active* entry per value exists in a bank.
 */
// The same in both dialects. The hot queries: paging a bank (with or without a status), counting
// it by status, deduplicating active values on insert, and finding a value's history.
const ENTRY_INDEXES = `
  CREATE INDEX bank_entries_by_bank ON bank_entries (bank_id, id);
  CREATE INDEX bank_entries_by_bank_status ON bank_entries (bank_id, status, id);
  CREATE UNIQUE INDEX bank_entries_active_value ON bank_entries (bank_id, signal_type, value_key)
    WHERE status = 'active';
  CREATE INDEX bank_entries_by_value ON bank_entries (bank_id, signal_type, value_key, id);
`;

export const banksMigration: Migration = {
  version: 1,
  name: "banks and entries",
  sqlite: `
    CREATE TABLE banks (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      description TEXT NOT NULL,
      labels TEXT NOT NULL CHECK (json_valid(labels)),
      enabled INTEGER NOT NULL CHECK (enabled IN (0, 1)),
      match_threshold INTEGER NOT NULL CHECK (match_threshold BETWEEN 0 AND 256),
      action TEXT NOT NULL CHECK (action IN ('block', 'review')),
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT;
    CREATE TABLE bank_entries (
      id INTEGER PRIMARY KEY AUTOINCREMENT CHECK (id BETWEEN 1 AND 4294967295),
      bank_id TEXT NOT NULL REFERENCES banks (id) ON DELETE CASCADE,
      signal_type TEXT NOT NULL CHECK (signal_type IN ('pdq', 'md5', 'sha256', 'video')),
      value TEXT NOT NULL,
      value_key TEXT NOT NULL,
      quality INTEGER CHECK (quality BETWEEN 0 AND 100),
      source TEXT NOT NULL,
      labels TEXT NOT NULL CHECK (json_valid(labels)),
      case_numbers TEXT NOT NULL CHECK (json_valid(case_numbers)),
      status TEXT NOT NULL CHECK (status IN ('active', 'withdrawn')),
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      withdrawn_at TEXT,
      CHECK ((status = 'withdrawn') = (withdrawn_at IS NOT NULL))
    ) STRICT;
    ${ENTRY_INDEXES}
  `,
  postgres: `
    CREATE TABLE banks (
      id text COLLATE "C" PRIMARY KEY,
      name text NOT NULL,
      description text NOT NULL,
      labels jsonb NOT NULL CHECK (jsonb_typeof(labels) = 'array'),
      enabled boolean NOT NULL,
      match_threshold integer NOT NULL CHECK (match_threshold BETWEEN 0 AND 256),
      action text NOT NULL CHECK (action IN ('block', 'review')),
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL
    );
    CREATE TABLE bank_entries (
      id bigint GENERATED ALWAYS AS IDENTITY (MAXVALUE 4294967295) PRIMARY KEY,
      bank_id text COLLATE "C" NOT NULL REFERENCES banks (id) ON DELETE CASCADE,
      signal_type text NOT NULL CHECK (signal_type IN ('pdq', 'md5', 'sha256', 'video')),
      value text NOT NULL,
      value_key text COLLATE "C" NOT NULL,
      quality integer CHECK (quality BETWEEN 0 AND 100),
      source text NOT NULL,
      labels jsonb NOT NULL CHECK (jsonb_typeof(labels) = 'array'),
      case_numbers jsonb NOT NULL CHECK (jsonb_typeof(case_numbers) = 'array'),
      status text NOT NULL CHECK (status IN ('active', 'withdrawn')),
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      withdrawn_at timestamptz,
      CHECK ((status = 'withdrawn') = (withdrawn_at IS NOT NULL))
    );
    ${ENTRY_INDEXES}
  `,
};
