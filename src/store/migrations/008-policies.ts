import type { Migration } from "../sql/migrate.js";

/**
 * Policy versions and the record of every evaluation (docs/POLICY.md).
 *
 * `evaluations.item_id` is unique: the ingest pipeline may process an item twice (a redelivered
 * job), and the first record stands. `evaluation_rules` holds one row per rule that fired (live)
 * or would have (shadow) on an item, with the time copied in, so the rules page counts per rule
 * without reading the JSON of every evaluation. `policy_version` is not a foreign key: null
 * stands for the built-in default rule set, which has no row.
 */
const INDEXES = `
  CREATE INDEX evaluations_by_time ON evaluations (at, id);
  CREATE INDEX evaluation_rules_by_time ON evaluation_rules (at, rule_id, mode);
`;

export const policiesMigration: Migration = {
  version: 8,
  name: "policy versions and evaluations",
  sqlite: `
    CREATE TABLE policy_versions (
      version INTEGER PRIMARY KEY CHECK (version >= 1),
      rule_set TEXT NOT NULL CHECK (json_valid(rule_set)),
      created_at TEXT NOT NULL,
      created_by TEXT NOT NULL,
      comment TEXT
    ) STRICT;
    CREATE TABLE evaluations (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      item_id TEXT NOT NULL UNIQUE,
      policy_version INTEGER CHECK (policy_version >= 1),
      facts TEXT NOT NULL CHECK (json_valid(facts)),
      verdict TEXT NOT NULL,
      fired TEXT NOT NULL CHECK (json_valid(fired)),
      shadow TEXT NOT NULL CHECK (json_valid(shadow)),
      at TEXT NOT NULL
    ) STRICT;
    CREATE TABLE evaluation_rules (
      evaluation_id INTEGER NOT NULL REFERENCES evaluations (id) ON DELETE CASCADE,
      rule_id TEXT NOT NULL,
      mode TEXT NOT NULL CHECK (mode IN ('live', 'shadow')),
      at TEXT NOT NULL,
      PRIMARY KEY (evaluation_id, rule_id, mode)
    ) STRICT;
    ${INDEXES}
  `,
  postgres: `
    CREATE TABLE policy_versions (
      version integer PRIMARY KEY CHECK (version >= 1),
      rule_set jsonb NOT NULL CHECK (jsonb_typeof(rule_set) = 'object'),
      created_at timestamptz NOT NULL,
      created_by text NOT NULL,
      comment text
    );
    CREATE TABLE evaluations (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      item_id text COLLATE "C" NOT NULL UNIQUE,
      policy_version integer CHECK (policy_version >= 1),
      facts jsonb NOT NULL CHECK (jsonb_typeof(facts) = 'object'),
      verdict text NOT NULL,
      fired jsonb NOT NULL,
      shadow jsonb NOT NULL,
      at timestamptz NOT NULL
    );
    CREATE TABLE evaluation_rules (
      evaluation_id bigint NOT NULL REFERENCES evaluations (id) ON DELETE CASCADE,
      rule_id text COLLATE "C" NOT NULL,
      mode text NOT NULL CHECK (mode IN ('live', 'shadow')),
      at timestamptz NOT NULL,
      PRIMARY KEY (evaluation_id, rule_id, mode)
    );
    ${INDEXES}
  `,
};
