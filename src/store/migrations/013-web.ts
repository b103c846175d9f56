import type { Migration } from "../sql/migrate.js";

/**
 * The web console and the victim portal (docs/WEB-API.md). Moderators get a password (scrypt,
 * its own salt, never the password); console sessions are kept by the SHA-256 of their cookie
 * token, so a copy of the database cannot sign anyone in. A victim case keeps only a case
 * number, a slow hash of its PIN, its status and which bank entries it added: nothing that
 * names or shows the person. `entry_hits` counts, per bank entry, the scans and items blocked
 * or taken down because of it — what a victim's status page sums, per image (an image's PDQ and
 * MD5 entries both match the same copy: counting both would count that copy twice).
 */
const INDEXES = `
  CREATE INDEX sessions_by_moderator ON sessions (moderator_id);
  CREATE INDEX sessions_by_last_seen ON sessions (last_seen_at);
  CREATE INDEX victim_case_entries_by_entry ON victim_case_entries (entry_id);
  CREATE INDEX victim_cases_by_created ON victim_cases (created_at);
`;

export const webMigration: Migration = {
  version: 13,
  name: "web console sessions, victim cases, entry hits",
  sqlite: `
    ALTER TABLE moderators ADD COLUMN password_hash TEXT;
    CREATE TABLE sessions (
      token_hash TEXT PRIMARY KEY,
      moderator_id TEXT NOT NULL REFERENCES moderators (id) ON DELETE CASCADE,
      csrf_token TEXT NOT NULL,
      created_at TEXT NOT NULL,
      last_seen_at TEXT NOT NULL
    ) STRICT;
    CREATE TABLE victim_cases (
      case_number TEXT PRIMARY KEY,
      pin_hash TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('active', 'withdrawn')),
      images INTEGER NOT NULL CHECK (images >= 0),
      created_at TEXT NOT NULL,
      withdrawn_at TEXT,
      failed_attempts INTEGER NOT NULL DEFAULT 0,
      failed_since TEXT,
      CHECK ((status = 'withdrawn') = (withdrawn_at IS NOT NULL))
    ) STRICT;
    CREATE TABLE victim_case_entries (
      case_number TEXT NOT NULL REFERENCES victim_cases (case_number) ON DELETE CASCADE,
      entry_id INTEGER NOT NULL,
      image INTEGER NOT NULL CHECK (image >= 0),
      PRIMARY KEY (case_number, entry_id)
    ) STRICT;
    CREATE TABLE entry_hits (
      entry_id INTEGER NOT NULL,
      outcome TEXT NOT NULL CHECK (outcome IN ('blocked', 'removed')),
      count INTEGER NOT NULL CHECK (count >= 0),
      last_at TEXT NOT NULL,
      PRIMARY KEY (entry_id, outcome)
    ) STRICT;
    ${INDEXES}
  `,
  postgres: `
    ALTER TABLE moderators ADD COLUMN password_hash text;
    CREATE TABLE sessions (
      token_hash text COLLATE "C" PRIMARY KEY,
      moderator_id text COLLATE "C" NOT NULL REFERENCES moderators (id) ON DELETE CASCADE,
      csrf_token text NOT NULL,
      created_at timestamptz NOT NULL,
      last_seen_at timestamptz NOT NULL
    );
    CREATE TABLE victim_cases (
      case_number text COLLATE "C" PRIMARY KEY,
      pin_hash text NOT NULL,
      status text NOT NULL CHECK (status IN ('active', 'withdrawn')),
      images integer NOT NULL CHECK (images >= 0),
      created_at timestamptz NOT NULL,
      withdrawn_at timestamptz,
      failed_attempts integer NOT NULL DEFAULT 0,
      failed_since timestamptz,
      CHECK ((status = 'withdrawn') = (withdrawn_at IS NOT NULL))
    );
    CREATE TABLE victim_case_entries (
      case_number text COLLATE "C" NOT NULL
        REFERENCES victim_cases (case_number) ON DELETE CASCADE,
      entry_id bigint NOT NULL,
      image integer NOT NULL CHECK (image >= 0),
      PRIMARY KEY (case_number, entry_id)
    );
    CREATE TABLE entry_hits (
      entry_id bigint NOT NULL,
      outcome text NOT NULL CHECK (outcome IN ('blocked', 'removed')),
      count bigint NOT NULL CHECK (count >= 0),
      last_at timestamptz NOT NULL,
      PRIMARY KEY (entry_id, outcome)
    );
    ${INDEXES}
  `,
};
