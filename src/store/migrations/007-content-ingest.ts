import type { Migration } from "../sql/migrate.js";

/**
 * Ingested content: a content item grows what a stream or a platform tells us about it (channel,
 * author, text, media references, public or private), the caller's idempotency key, and where it
 * is on its path (queued → done or failed, with the verdict). Items from `/v1/scan` keep working:
 * they are `done` from the start. Signals (content_signals) are the media's hashes; bytes never.
 */
const COMMON = `
  CREATE UNIQUE INDEX content_items_idempotency ON content_items (idempotency_key)
    WHERE idempotency_key IS NOT NULL;
  CREATE INDEX content_items_author ON content_items (platform, author_id, verdict)
    WHERE author_id IS NOT NULL;
  CREATE INDEX content_items_status ON content_items (status, created_at);
`;

export const contentIngestMigration: Migration = {
  version: 7,
  name: "ingested content",
  sqlite: `
    ALTER TABLE content_items ADD COLUMN idempotency_key TEXT;
    ALTER TABLE content_items ADD COLUMN channel_id TEXT;
    ALTER TABLE content_items ADD COLUMN author_id TEXT;
    ALTER TABLE content_items ADD COLUMN visibility TEXT CHECK (visibility IN ('public', 'private'));
    ALTER TABLE content_items ADD COLUMN text TEXT;
    ALTER TABLE content_items ADD COLUMN media TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(media));
    ALTER TABLE content_items ADD COLUMN posted_at TEXT;
    ALTER TABLE content_items ADD COLUMN status TEXT NOT NULL DEFAULT 'done'
      CHECK (status IN ('queued', 'done', 'failed'));
    ALTER TABLE content_items ADD COLUMN verdict TEXT;
    ALTER TABLE content_items ADD COLUMN reasons TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(reasons));
    ALTER TABLE content_items ADD COLUMN processed_at TEXT;
    ALTER TABLE content_items ADD COLUMN error TEXT;
    ${COMMON}
  `,
  postgres: `
    ALTER TABLE content_items
      ADD COLUMN idempotency_key text,
      ADD COLUMN channel_id text,
      ADD COLUMN author_id text,
      ADD COLUMN visibility text CHECK (visibility IN ('public', 'private')),
      ADD COLUMN text text,
      ADD COLUMN media jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(media) = 'array'),
      ADD COLUMN posted_at timestamptz,
      ADD COLUMN status text NOT NULL DEFAULT 'done' CHECK (status IN ('queued', 'done', 'failed')),
      ADD COLUMN verdict text,
      ADD COLUMN reasons jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(reasons) = 'array'),
      ADD COLUMN processed_at timestamptz,
      ADD COLUMN error text;
    ${COMMON}
  `,
};
