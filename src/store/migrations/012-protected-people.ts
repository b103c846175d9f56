import type { Migration } from "../sql/migrate.js";

/**
 * Protected people and their reference face embeddings. A vector is a little-endian Float32 blob
 * (4 bytes a number), checked against its stated dimension. No image column exists, on purpose.
 * Embeddings are deleted with their person (explicitly by the repository, and by the foreign key).
 */
export const protectedPeopleMigration: Migration = {
  version: 12,
  name: "protected people",
  sqlite: `
    CREATE TABLE protected_people (
      id TEXT PRIMARY KEY,
      label TEXT,
      consent_by TEXT NOT NULL CHECK (consent_by IN ('self', 'staff')),
      consent_text TEXT NOT NULL,
      consent_version TEXT NOT NULL,
      consent_at TEXT NOT NULL,
      api_key_id TEXT,
      created_at TEXT NOT NULL,
      expires_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX protected_people_by_expiry ON protected_people (expires_at);
    CREATE TABLE face_embeddings (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      person_id TEXT NOT NULL REFERENCES protected_people (id) ON DELETE CASCADE,
      model_name TEXT NOT NULL,
      model_version TEXT NOT NULL,
      dimension INTEGER NOT NULL CHECK (dimension BETWEEN 1 AND 4096),
      vector BLOB NOT NULL CHECK (length(vector) = dimension * 4)
    ) STRICT;
    CREATE INDEX face_embeddings_by_person ON face_embeddings (person_id, id);
  `,
  postgres: `
    CREATE TABLE protected_people (
      id text COLLATE "C" PRIMARY KEY,
      label text,
      consent_by text NOT NULL CHECK (consent_by IN ('self', 'staff')),
      consent_text text NOT NULL,
      consent_version text NOT NULL,
      consent_at timestamptz NOT NULL,
      api_key_id text,
      created_at timestamptz NOT NULL,
      expires_at timestamptz NOT NULL
    );
    CREATE INDEX protected_people_by_expiry ON protected_people (expires_at);
    CREATE TABLE face_embeddings (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      person_id text COLLATE "C" NOT NULL REFERENCES protected_people (id) ON DELETE CASCADE,
      model_name text NOT NULL,
      model_version text NOT NULL,
      dimension integer NOT NULL CHECK (dimension BETWEEN 1 AND 4096),
      vector bytea NOT NULL CHECK (octet_length(vector) = dimension * 4)
    );
    CREATE INDEX face_embeddings_by_person ON face_embeddings (person_id, id);
  `,
};
