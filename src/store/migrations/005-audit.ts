import type { Migration } from "../sql/migrate.js";

/** The append-only audit log, listed newest first overall or per subject. */
export const auditMigration: Migration = {
  version: 5,
  name: "audit events",
  sqlite: `
    CREATE TABLE audit_events (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      at TEXT NOT NULL,
      actor TEXT NOT NULL,
      action TEXT NOT NULL,
      subject_type TEXT,
      subject_id TEXT,
      details TEXT NOT NULL CHECK (json_valid(details))
    ) STRICT;
    CREATE INDEX audit_events_by_subject ON audit_events (subject_type, subject_id, id);
  `,
  postgres: `
    CREATE TABLE audit_events (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      at timestamptz NOT NULL,
      actor text NOT NULL,
      action text NOT NULL,
      subject_type text,
      subject_id text,
      details jsonb NOT NULL CHECK (jsonb_typeof(details) = 'object')
    );
    CREATE INDEX audit_events_by_subject ON audit_events (subject_type, subject_id, id);
  `,
};
