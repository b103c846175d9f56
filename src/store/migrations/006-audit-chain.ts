import type { Migration } from "../sql/migrate.js";

/**
 * The audit log becomes a hash chain (docs/AUDIT.md): each event stores the SHA-256 of the one
 * before it and its own. The columns are nullable because events written before this version
 * have no hashes yet: SQL cannot compute them on both dialects (SQLite has no SHA-256, neither
 * has our canonical JSON), so `chainAuditHistory` fills them in code when the store opens.
 *
 * `audit_chain_head` is one row: the last chained event and its hash. Appenders lock it (an
 * UPDATE takes a row lock on PostgreSQL; SQLite's BEGIN IMMEDIATE already serialises writers),
 * so two writers — even in two processes — can never link to the same previous event.
 */
const GENESIS = `'${"0".repeat(64)}'`;

export const auditChainMigration: Migration = {
  version: 6,
  name: "audit hash chain",
  sqlite: `
    ALTER TABLE audit_events ADD COLUMN prev_hash TEXT
      CHECK (length(prev_hash) = 64 AND prev_hash NOT GLOB '*[^0-9a-f]*');
    ALTER TABLE audit_events ADD COLUMN hash TEXT
      CHECK (length(hash) = 64 AND hash NOT GLOB '*[^0-9a-f]*');
    CREATE TABLE audit_chain_head (
      singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
      last_id INTEGER NOT NULL CHECK (last_id >= 0),
      hash TEXT NOT NULL CHECK (length(hash) = 64 AND hash NOT GLOB '*[^0-9a-f]*')
    ) STRICT;
    INSERT INTO audit_chain_head (singleton, last_id, hash) VALUES (1, 0, ${GENESIS});
  `,
  postgres: `
    ALTER TABLE audit_events
      ADD COLUMN prev_hash text CHECK (prev_hash ~ '^[0-9a-f]{64}$'),
      ADD COLUMN hash text CHECK (hash ~ '^[0-9a-f]{64}$');
    CREATE TABLE audit_chain_head (
      singleton integer PRIMARY KEY CHECK (singleton = 1),
      last_id bigint NOT NULL CHECK (last_id >= 0),
      hash text NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$')
    );
    INSERT INTO audit_chain_head (singleton, last_id, hash) VALUES (1, 0, ${GENESIS});
  `,
};
