/**
 * Protected people and their reference embeddings, over SQL. A person and her embeddings are
 * written and deleted together, in one transaction; lists never carry vectors.
 */
import { VigilError } from "../../core/index.js";
import { newId } from "../ids.js";
import {
  CONSENT_GIVERS,
  MAX_EMBEDDING_DIMENSION,
  MAX_EMBEDDINGS_PER_PERSON,
  type IndexableFaceEmbedding,
  type ListProtectedPeopleOptions,
  type NewProtectedPerson,
  type NewReferenceEmbedding,
  type ProtectedPerson,
} from "./protected-people-types.js";
import type { ProtectedPersonRepository } from "./protected-people-types.js";
import type { Page } from "../types.js";
import { checkLimit, checkOneOf, checkOptionalText, checkText, invalid } from "../validate.js";
import { int, nullableText, oneOf, text, timestamp } from "../sql/columns.js";
import type { RepositoryContext } from "../sql/context.js";
import { nowIso, pageOf } from "../sql/context.js";
import type { Row, SqlExecutor } from "../sql/executor.js";
import { first } from "../sql/executor.js";

const PERSON_COLUMNS = `p.id, p.label, p.consent_by, p.consent_text, p.consent_version,
  p.consent_at, p.api_key_id, p.created_at, p.expires_at,
  (SELECT COUNT(*) FROM face_embeddings e WHERE e.person_id = p.id) AS embedding_count`;

export class SqlProtectedPeople implements ProtectedPersonRepository {
  constructor(private readonly context: RepositoryContext) {}

  async create(
    person: NewProtectedPerson,
  ): Promise<{ person: ProtectedPerson; embeddings: IndexableFaceEmbedding[] }> {
    if (typeof person !== "object" || person === null) invalid("person", "expected an object");
    const now = this.context.clock();
    const values = personValues(person, now);
    const embeddings = checkEmbeddings(person.embeddings);
    const id = newId(now);
    return this.context.db.transaction(async (tx) => {
      await tx.run(
        `INSERT INTO protected_people (id, label, consent_by, consent_text, consent_version,
           consent_at, api_key_id, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [id, ...values.slice(0, 6), now.toISOString(), values[6]],
      );
      const stored: IndexableFaceEmbedding[] = [];
      for (const embedding of embeddings) {
        const row = await first(
          tx,
          `INSERT INTO face_embeddings (person_id, model_name, model_version, dimension, vector)
           VALUES (?, ?, ?, ?, ?) RETURNING id`,
          [
            id,
            embedding.model.name,
            embedding.model.version,
            embedding.vector.length,
            encodeVector(embedding.vector),
          ],
        );
        stored.push({
          id: int(row!, "id"),
          personId: id,
          model: embedding.model,
          vector: embedding.vector,
          expiresAt: values[6],
        });
      }
      return { person: (await getPerson(tx, id))!, embeddings: stored };
    });
  }

  get(id: string): Promise<ProtectedPerson | null> {
    return getPerson(this.context.db, id);
  }

  async list(options: ListProtectedPeopleOptions = {}): Promise<Page<ProtectedPerson, string>> {
    const limit = checkLimit(options.limit);
    const rows = await this.context.db.all(
      `SELECT ${PERSON_COLUMNS} FROM protected_people p WHERE p.id > ? ORDER BY p.id LIMIT ?`,
      [options.after ?? "", limit + 1],
    );
    return pageOf(rows.map(decodePerson), limit, (person) => person.id);
  }

  async delete(id: string): Promise<{ readonly deletedEmbeddings: number }> {
    return this.context.db.transaction(async (tx) => {
      const deletedEmbeddings = await tx.run("DELETE FROM face_embeddings WHERE person_id = ?", [
        id,
      ]);
      const deleted = await tx.run("DELETE FROM protected_people WHERE id = ?", [id]);
      if (deleted === 0) {
        throw new VigilError("store/not-found", `There is no protected person "${id}".`, {
          personId: id,
        });
      }
      return { deletedEmbeddings };
    });
  }

  async *iterateActive(
    options: { readonly pageSize?: number; readonly personId?: string } = {},
  ): AsyncIterable<readonly IndexableFaceEmbedding[]> {
    const pageSize = options.pageSize ?? 1000;
    // One instant for the whole iteration: a person expiring half-way does not split in two.
    const now = nowIso(this.context);
    let after = 0;
    for (;;) {
      const rows = await this.context.db.all(
        `SELECT e.id, e.person_id, e.model_name, e.model_version, e.vector, p.expires_at
         FROM face_embeddings e JOIN protected_people p ON p.id = e.person_id
         WHERE p.expires_at > ? AND e.id > ? ${options.personId === undefined ? "" : "AND p.id = ?"}
         ORDER BY e.id LIMIT ?`,
        [now, after, ...(options.personId === undefined ? [] : [options.personId]), pageSize],
      );
      const page = rows.map(decodeEmbedding);
      const last = page[page.length - 1];
      if (last === undefined) return;
      yield page;
      if (page.length < pageSize) return;
      after = last.id;
    }
  }

  async purgeExpired(): Promise<string[]> {
    const now = nowIso(this.context);
    return this.context.db.transaction(async (tx) => {
      await tx.run(
        `DELETE FROM face_embeddings WHERE person_id IN
           (SELECT id FROM protected_people WHERE expires_at <= ?)`,
        [now],
      );
      const rows = await tx.all("DELETE FROM protected_people WHERE expires_at <= ? RETURNING id", [
        now,
      ]);
      return rows.map((row) => text(row, "id")).sort();
    });
  }
}

/** label, consent (by, text, version, at), api key, expiry — in column order. */
function personValues(
  person: NewProtectedPerson,
  now: Date,
): [string | null, string, string, string, string, string | null, string] {
  const consent: unknown = person.consent;
  if (typeof consent !== "object" || consent === null) invalid("consent", "expected an object");
  const consentAt =
    person.consent.at === undefined
      ? now.toISOString()
      : checkInstant(person.consent.at, "consent.at");
  const expiresAt = checkInstant(person.expiresAt, "expiresAt");
  if (Date.parse(expiresAt) <= now.getTime()) invalid("expiresAt", "must be in the future");
  return [
    checkOptionalText(person.label, "label", 200),
    checkOneOf(person.consent.givenBy, "consent.givenBy", CONSENT_GIVERS),
    checkText(person.consent.text, "consent.text", 20_000, { multiline: true }),
    checkText(person.consent.version, "consent.version", 100),
    consentAt,
    checkOptionalText(person.apiKeyId, "apiKeyId", 64),
    expiresAt,
  ];
}

/** An ISO instant, written back in the one form the store keeps (UTC, milliseconds, `Z`). */
function checkInstant(value: unknown, field: string): string {
  const millis = typeof value === "string" ? Date.parse(value) : NaN;
  if (!Number.isFinite(millis)) invalid(field, "expected an ISO 8601 date and time");
  return new Date(millis).toISOString();
}

function checkEmbeddings(value: unknown): readonly NewReferenceEmbedding[] {
  if (!Array.isArray(value) || value.length === 0) {
    invalid("embeddings", "expected at least one embedding");
  }
  if (value.length > MAX_EMBEDDINGS_PER_PERSON) {
    invalid("embeddings", `more than ${MAX_EMBEDDINGS_PER_PERSON} embeddings`);
  }
  return value.map((embedding: NewReferenceEmbedding, i) => {
    const field = `embeddings[${i}]`;
    checkText(embedding?.model?.name, `${field}.model.name`, 200);
    checkText(embedding.model.version, `${field}.model.version`, 100);
    const vector: unknown = embedding.vector;
    if (!(vector instanceof Float32Array)) invalid(`${field}.vector`, "expected a Float32Array");
    if (vector.length === 0 || vector.length > MAX_EMBEDDING_DIMENSION) {
      invalid(`${field}.vector`, `expected 1 to ${MAX_EMBEDDING_DIMENSION} numbers`);
    }
    if (!vector.every(Number.isFinite)) invalid(`${field}.vector`, "holds a non-finite number");
    return embedding;
  });
}

async function getPerson(db: SqlExecutor, id: string): Promise<ProtectedPerson | null> {
  const row = await first(db, `SELECT ${PERSON_COLUMNS} FROM protected_people p WHERE p.id = ?`, [
    id,
  ]);
  return row ? decodePerson(row) : null;
}

function decodePerson(row: Row): ProtectedPerson {
  return {
    id: text(row, "id"),
    label: nullableText(row, "label"),
    consent: {
      givenBy: oneOf(row, "consent_by", CONSENT_GIVERS),
      text: text(row, "consent_text"),
      version: text(row, "consent_version"),
      at: timestamp(row, "consent_at"),
    },
    apiKeyId: nullableText(row, "api_key_id"),
    createdAt: timestamp(row, "created_at"),
    expiresAt: timestamp(row, "expires_at"),
    embeddingCount: int(row, "embedding_count"),
  };
}

function decodeEmbedding(row: Row): IndexableFaceEmbedding {
  return {
    id: int(row, "id"),
    personId: text(row, "person_id"),
    model: { name: text(row, "model_name"), version: text(row, "model_version") },
    vector: decodeVector(row.vector),
    expiresAt: timestamp(row, "expires_at"),
  };
}

/** Little-endian whatever the machine, so a database file moves between machines intact. */
export function encodeVector(vector: Float32Array): Buffer {
  const bytes = Buffer.alloc(vector.length * 4);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  vector.forEach((value, i) => view.setFloat32(i * 4, value, true));
  return bytes;
}

export function decodeVector(value: unknown): Float32Array {
  if (!(value instanceof Uint8Array) || value.length % 4 !== 0) {
    throw new Error("Unexpected value in column vector");
  }
  const view = new DataView(value.buffer, value.byteOffset, value.byteLength);
  const vector = new Float32Array(value.length / 4);
  for (let i = 0; i < vector.length; i++) vector[i] = view.getFloat32(i * 4, true);
  return vector;
}
