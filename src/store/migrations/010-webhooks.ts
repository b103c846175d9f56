import type { Migration } from "../sql/migrate.js";

/**
 * Webhook endpoints and the action log. An endpoint's signing secret is kept as it is, not
 * hashed: Vigil has to sign with it, and the admin has to copy it into the receiver. The action
 * log's `key` is unique — the idempotency key that keeps a redelivered job from acting twice.
 */
export const webhooksMigration: Migration = {
  version: 10,
  name: "webhooks and action log",
  sqlite: `
    CREATE TABLE webhook_endpoints (
      id TEXT PRIMARY KEY,
      url TEXT NOT NULL,
      secret TEXT NOT NULL,
      events TEXT NOT NULL CHECK (json_valid(events)),
      enabled INTEGER NOT NULL CHECK (enabled IN (0, 1)),
      description TEXT NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT;
    CREATE TABLE action_log (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      at TEXT NOT NULL,
      key TEXT NOT NULL UNIQUE,
      kind TEXT NOT NULL,
      subject_type TEXT,
      subject_id TEXT,
      target TEXT,
      outcome TEXT NOT NULL CHECK (outcome IN ('ok', 'failed', 'dead_lettered', 'skipped')),
      detail TEXT NOT NULL CHECK (json_valid(detail)),
      attempts INTEGER NOT NULL CHECK (attempts >= 0)
    ) STRICT;
    CREATE INDEX action_log_by_subject ON action_log (subject_type, subject_id, id);
    CREATE INDEX action_log_by_kind ON action_log (kind, id);
  `,
  postgres: `
    CREATE TABLE webhook_endpoints (
      id text COLLATE "C" PRIMARY KEY,
      url text NOT NULL,
      secret text NOT NULL,
      events jsonb NOT NULL CHECK (jsonb_typeof(events) = 'array'),
      enabled boolean NOT NULL,
      description text NOT NULL,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL
    );
    CREATE TABLE action_log (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      at timestamptz NOT NULL,
      key text COLLATE "C" NOT NULL UNIQUE,
      kind text NOT NULL,
      subject_type text,
      subject_id text,
      target text,
      outcome text NOT NULL CHECK (outcome IN ('ok', 'failed', 'dead_lettered', 'skipped')),
      detail jsonb NOT NULL CHECK (jsonb_typeof(detail) = 'object'),
      attempts integer NOT NULL CHECK (attempts >= 0)
    );
    CREATE INDEX action_log_by_subject ON action_log (subject_type, subject_id, id);
    CREATE INDEX action_log_by_kind ON action_log (kind, id);
  `,
};
