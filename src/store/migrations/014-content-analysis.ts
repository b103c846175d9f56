import type { Migration } from "../sql/migrate.js";

/**
 * What the signal providers learned about an item (nudity scores, protected-face matches, text
 * findings, provenance markers), as a JSON array of plain signal records. It is written at
 * ingest for media sent as bytes (the bytes are gone afterwards) and completed by the worker
 * for media it fetched and for the text. Face embeddings are never part of it.
 * (Versions 12 and 13 come from parallel branches.)
 */
export const contentAnalysisMigration: Migration = {
  version: 14,
  name: "content analysis",
  sqlite: `
    ALTER TABLE content_items ADD COLUMN analysis TEXT NOT NULL DEFAULT '[]'
      CHECK (json_valid(analysis));
  `,
  postgres: `
    ALTER TABLE content_items
      ADD COLUMN analysis jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(analysis) = 'array');
  `,
};
