import type { Migration } from "../sql/migrate.js";

/**
 * Scan history: a content item, its signals and its matches. Matches name a bank and an entry
 * without foreign keys on purpose: the record of what matched must outlive the bank entry.
 */
export const scansMigration: Migration = {
  version: 2,
  name: "content items, signals and matches",
  sqlite: `
    CREATE TABLE content_items (
      id TEXT PRIMARY KEY,
      source TEXT NOT NULL,
      platform TEXT,
      external_id TEXT,
      created_at TEXT NOT NULL
    ) STRICT;
    CREATE TABLE content_signals (
      content_id TEXT NOT NULL REFERENCES content_items (id) ON DELETE CASCADE,
      position INTEGER NOT NULL,
      signal_type TEXT NOT NULL CHECK (signal_type IN ('pdq', 'md5', 'sha256', 'video')),
      value TEXT NOT NULL,
      quality INTEGER CHECK (quality BETWEEN 0 AND 100),
      PRIMARY KEY (content_id, position)
    ) STRICT;
    CREATE TABLE match_results (
      content_id TEXT NOT NULL REFERENCES content_items (id) ON DELETE CASCADE,
      position INTEGER NOT NULL,
      bank_id TEXT NOT NULL,
      entry_id INTEGER NOT NULL,
      signal_type TEXT NOT NULL CHECK (signal_type IN ('pdq', 'md5', 'sha256', 'video')),
      distance REAL NOT NULL,
      PRIMARY KEY (content_id, position)
    ) STRICT;
  `,
  postgres: `
    CREATE TABLE content_items (
      id text COLLATE "C" PRIMARY KEY,
      source text NOT NULL,
      platform text,
      external_id text,
      created_at timestamptz NOT NULL
    );
    CREATE TABLE content_signals (
      content_id text COLLATE "C" NOT NULL REFERENCES content_items (id) ON DELETE CASCADE,
      position integer NOT NULL,
      signal_type text NOT NULL CHECK (signal_type IN ('pdq', 'md5', 'sha256', 'video')),
      value text NOT NULL,
      quality integer CHECK (quality BETWEEN 0 AND 100),
      PRIMARY KEY (content_id, position)
    );
    CREATE TABLE match_results (
      content_id text COLLATE "C" NOT NULL REFERENCES content_items (id) ON DELETE CASCADE,
      position integer NOT NULL,
      bank_id text NOT NULL,
      entry_id bigint NOT NULL,
      signal_type text NOT NULL CHECK (signal_type IN ('pdq', 'md5', 'sha256', 'video')),
      distance double precision NOT NULL,
      PRIMARY KEY (content_id, position)
    );
  `,
};
