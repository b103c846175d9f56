import type { Migration } from "../sql/migrate.js";

/**
 * An author's history as one flag per item: `taken_down`, set when the item's verdict took it
 * down or a moderator removed it (and cleared when that removal is overturned). Counting an
 * author's takedowns is then a scan of a partial index holding only taken-down items, however
 * many items the author posted — not a join over cases and decisions for each of them.
 */
const BACKFILL = `
  UPDATE content_items SET taken_down = TRUE
  WHERE verdict IN ('block', 'remove', 'remove_and_ban')
     OR id IN (
       SELECT ci.item_id FROM case_items ci
       JOIN cases c ON c.id = ci.case_id
       JOIN decisions d ON d.case_id = c.id
       WHERE d.decision IN ('remove', 'remove_and_ban')
         AND (c.last_decision IS NULL OR c.last_decision <> 'overturn'));
  DROP INDEX content_items_author;
  CREATE INDEX content_items_taken_down ON content_items (platform, author_id)
    WHERE taken_down AND author_id IS NOT NULL;
`;

export const authorHistoryMigration: Migration = {
  version: 11,
  name: "author history",
  sqlite: `
    ALTER TABLE content_items ADD COLUMN taken_down INTEGER NOT NULL DEFAULT 0
      CHECK (taken_down IN (0, 1));
    ${BACKFILL}
  `,
  postgres: `
    ALTER TABLE content_items ADD COLUMN taken_down boolean NOT NULL DEFAULT false;
    ${BACKFILL}
  `,
};
