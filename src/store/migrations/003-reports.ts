import type { Migration } from "../sql/migrate.js";

/**
 * Reports and cases. At most one *open* case per group key: the partial unique index is what
 * `INSERT … ON CONFLICT … DO UPDATE` joins on, so simultaneous reports of one content join one
 * case on both backends; a closed case leaves room for a new one.
 */
const INDEXES = `
  CREATE UNIQUE INDEX cases_open_group_key ON cases (group_key) WHERE status = 'open';
  CREATE INDEX cases_by_status ON cases (status, id);
  CREATE INDEX reports_by_case ON reports (case_id, id);
`;

export const reportsMigration: Migration = {
  version: 3,
  name: "reports and cases",
  sqlite: `
    CREATE TABLE cases (
      id TEXT PRIMARY KEY,
      group_key TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('open', 'closed')),
      severity INTEGER NOT NULL,
      report_count INTEGER NOT NULL CHECK (report_count >= 1),
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      closed_at TEXT,
      CHECK ((status = 'closed') = (closed_at IS NOT NULL))
    ) STRICT;
    CREATE TABLE reports (
      id TEXT PRIMARY KEY,
      case_id TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
      content_ref TEXT NOT NULL,
      content_hash TEXT,
      reporter TEXT NOT NULL,
      reason TEXT NOT NULL CHECK (reason IN ('ncii', 'deepfake', 'minor', 'other')),
      text TEXT NOT NULL,
      created_at TEXT NOT NULL
    ) STRICT;
    ${INDEXES}
  `,
  postgres: `
    CREATE TABLE cases (
      id text COLLATE "C" PRIMARY KEY,
      group_key text NOT NULL,
      status text NOT NULL CHECK (status IN ('open', 'closed')),
      severity integer NOT NULL,
      report_count integer NOT NULL CHECK (report_count >= 1),
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      closed_at timestamptz,
      CHECK ((status = 'closed') = (closed_at IS NOT NULL))
    );
    CREATE TABLE reports (
      id text COLLATE "C" PRIMARY KEY,
      case_id text COLLATE "C" NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
      content_ref text NOT NULL,
      content_hash text,
      reporter text NOT NULL,
      reason text NOT NULL CHECK (reason IN ('ncii', 'deepfake', 'minor', 'other')),
      text text NOT NULL,
      created_at timestamptz NOT NULL
    );
    ${INDEXES}
  `,
};
