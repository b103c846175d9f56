import type { Migration } from "../sql/migrate.js";

/**
 * The review queue (docs/REVIEW.md). A case a rule opens has no report yet, so `report_count`
 * may now be 0; cases gain their review state (lease holder and expiry, escalation, item count,
 * last decision and who made it, the open appeal). Moderators, the items linked to a case,
 * decisions and appeals get tables; an API key may belong to a moderator.
 *
 * The unique index of open group keys now leaves out cases reopened for an appeal: an appeal
 * reviews a past decision, and a new report of the same content meanwhile opens (or joins) a
 * fresh case rather than colliding with it.
 *
 * SQLite cannot drop a CHECK constraint, so `cases` is rebuilt. With foreign keys on (they are,
 * and the pragma is a no-op inside the migration's transaction) dropping `cases` would cascade
 * into `reports`, so `reports` is rebuilt alongside it: both copied, the old ones dropped
 * (reports first), the new ones renamed; SQLite rewrites the foreign key on rename.
 */
const CASE_COLUMNS =
  "id, group_key, status, severity, report_count, created_at, updated_at, closed_at";
const REPORT_COLUMNS = "id, case_id, content_ref, content_hash, reporter, reason, text, created_at";

const DECISIONS = `'remove', 'remove_and_ban', 'no_violation', 'escalate', 'uphold', 'overturn'`;
const REASONS = `'ncii', 'deepfake', 'minor', 'harassment', 'other'`;

const INDEXES = `
  CREATE UNIQUE INDEX cases_open_group_key ON cases (group_key)
    WHERE status = 'open' AND appeal_id IS NULL;
  CREATE INDEX cases_by_status ON cases (status, id);
  CREATE INDEX cases_queue ON cases (status, severity DESC, created_at, id);
  CREATE INDEX reports_by_case ON reports (case_id, id);
  CREATE INDEX case_items_by_item ON case_items (item_id);
  CREATE INDEX decisions_by_case ON decisions (case_id, id);
  CREATE INDEX appeals_by_case ON appeals (case_id, id);
  CREATE UNIQUE INDEX appeals_one_open ON appeals (case_id) WHERE status = 'open';
  CREATE INDEX api_keys_by_moderator ON api_keys (moderator_id);
`;

export const reviewMigration: Migration = {
  version: 9,
  name: "review queue",
  sqlite: `
    CREATE TABLE cases_new (
      id TEXT PRIMARY KEY,
      group_key TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('open', 'closed')),
      severity INTEGER NOT NULL,
      report_count INTEGER NOT NULL CHECK (report_count >= 0),
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      closed_at TEXT,
      item_count INTEGER NOT NULL DEFAULT 0 CHECK (item_count >= 0),
      assignee TEXT,
      lease_until TEXT,
      escalated INTEGER NOT NULL DEFAULT 0 CHECK (escalated IN (0, 1)),
      last_decision TEXT CHECK (last_decision IN (${DECISIONS})),
      decided_by TEXT,
      appeal_id TEXT,
      CHECK ((status = 'closed') = (closed_at IS NOT NULL)),
      CHECK ((assignee IS NULL) = (lease_until IS NULL))
    ) STRICT;
    INSERT INTO cases_new (${CASE_COLUMNS}) SELECT ${CASE_COLUMNS} FROM cases;
    CREATE TABLE reports_new (
      id TEXT PRIMARY KEY,
      case_id TEXT NOT NULL REFERENCES cases_new (id) ON DELETE CASCADE,
      content_ref TEXT NOT NULL,
      content_hash TEXT,
      reporter TEXT NOT NULL,
      reason TEXT NOT NULL CHECK (reason IN ('ncii', 'deepfake', 'minor', 'other')),
      text TEXT NOT NULL,
      created_at TEXT NOT NULL
    ) STRICT;
    INSERT INTO reports_new (${REPORT_COLUMNS}) SELECT ${REPORT_COLUMNS} FROM reports;
    DROP TABLE reports;
    DROP TABLE cases;
    ALTER TABLE cases_new RENAME TO cases;
    ALTER TABLE reports_new RENAME TO reports;
    CREATE TABLE moderators (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL UNIQUE,
      role TEXT NOT NULL CHECK (role IN ('moderator', 'lead', 'admin')),
      created_at TEXT NOT NULL,
      disabled_at TEXT
    ) STRICT;
    CREATE TABLE case_items (
      case_id TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
      item_id TEXT NOT NULL,
      rule_id TEXT,
      added_at TEXT NOT NULL,
      PRIMARY KEY (case_id, item_id)
    ) STRICT;
    CREATE TABLE decisions (
      id TEXT PRIMARY KEY,
      case_id TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
      moderator_id TEXT NOT NULL,
      decision TEXT NOT NULL CHECK (decision IN (${DECISIONS})),
      reason TEXT NOT NULL CHECK (reason IN (${REASONS})),
      note TEXT NOT NULL,
      appeal_id TEXT,
      created_at TEXT NOT NULL,
      added_entry_ids TEXT NOT NULL CHECK (json_valid(added_entry_ids))
    ) STRICT;
    CREATE TABLE appeals (
      id TEXT PRIMARY KEY,
      case_id TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
      appellant TEXT NOT NULL,
      text TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('open', 'decided')),
      outcome TEXT CHECK (outcome IN ('upheld', 'overturned')),
      decided_by TEXT,
      created_at TEXT NOT NULL,
      decided_at TEXT,
      CHECK ((status = 'decided') = (outcome IS NOT NULL AND decided_at IS NOT NULL))
    ) STRICT;
    ALTER TABLE api_keys ADD COLUMN moderator_id TEXT;
    ${INDEXES}
  `,
  postgres: `
    DROP INDEX cases_open_group_key;
    ALTER TABLE cases
      DROP CONSTRAINT cases_report_count_check,
      ADD CONSTRAINT cases_report_count_check CHECK (report_count >= 0),
      ADD COLUMN item_count integer NOT NULL DEFAULT 0 CHECK (item_count >= 0),
      ADD COLUMN assignee text COLLATE "C",
      ADD COLUMN lease_until timestamptz,
      ADD COLUMN escalated boolean NOT NULL DEFAULT false,
      ADD COLUMN last_decision text CHECK (last_decision IN (${DECISIONS})),
      ADD COLUMN decided_by text COLLATE "C",
      ADD COLUMN appeal_id text COLLATE "C",
      ADD CONSTRAINT cases_lease_check CHECK ((assignee IS NULL) = (lease_until IS NULL));
    DROP INDEX cases_by_status;
    DROP INDEX reports_by_case;
    CREATE TABLE moderators (
      id text COLLATE "C" PRIMARY KEY,
      name text NOT NULL UNIQUE,
      role text NOT NULL CHECK (role IN ('moderator', 'lead', 'admin')),
      created_at timestamptz NOT NULL,
      disabled_at timestamptz
    );
    CREATE TABLE case_items (
      case_id text COLLATE "C" NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
      item_id text COLLATE "C" NOT NULL,
      rule_id text,
      added_at timestamptz NOT NULL,
      PRIMARY KEY (case_id, item_id)
    );
    CREATE TABLE decisions (
      id text COLLATE "C" PRIMARY KEY,
      case_id text COLLATE "C" NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
      moderator_id text COLLATE "C" NOT NULL,
      decision text NOT NULL CHECK (decision IN (${DECISIONS})),
      reason text NOT NULL CHECK (reason IN (${REASONS})),
      note text NOT NULL,
      appeal_id text COLLATE "C",
      created_at timestamptz NOT NULL,
      added_entry_ids jsonb NOT NULL CHECK (jsonb_typeof(added_entry_ids) = 'array')
    );
    CREATE TABLE appeals (
      id text COLLATE "C" PRIMARY KEY,
      case_id text COLLATE "C" NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
      appellant text NOT NULL,
      text text NOT NULL,
      status text NOT NULL CHECK (status IN ('open', 'decided')),
      outcome text CHECK (outcome IN ('upheld', 'overturned')),
      decided_by text COLLATE "C",
      created_at timestamptz NOT NULL,
      decided_at timestamptz,
      CHECK ((status = 'decided') = (outcome IS NOT NULL AND decided_at IS NOT NULL))
    );
    ALTER TABLE api_keys ADD COLUMN moderator_id text COLLATE "C";
    ${INDEXES}
  `,
};
