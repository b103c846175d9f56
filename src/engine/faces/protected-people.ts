/**
 * ProtectedPeopleService: every change to protected people goes through here — first the store
 * (the truth), then this process's face index at once (a deleted person stops matching with the
 * very next query), then an audit event that other processes follow (face-index-sync.ts). Audit
 * details carry ids only: never a label, a consent text or an embedding.
 *
 * Reference images are embedded through the FaceEmbedder port and dropped: their bytes are never
 * stored, logged or kept past the call.
 */
import { VigilError } from "../../core/index.js";
import type {
  EmbeddingModel,
  IndexableFaceEmbedding,
  ListProtectedPeopleOptions,
  Page,
  ProtectedPerson,
  Store,
} from "../../store/index.js";
import { FaceIndex, type FaceIndexEntry, type FaceMatch } from "./face-index.js";
import type {
  FaceEmbedder,
  ProtectedPeopleOptions,
  RegisterPersonInput,
} from "./protected-people-types.js";

import { FACE_EMBEDDING_MODEL, PROTECTED_FACE_THRESHOLD } from "../../signals/index.js";

const DAY_MS = 86_400_000;
export const PROTECTED_PERSON_SUBJECT = "protected_person";
/** Human's face descriptor (faceres) has 1024 numbers. */
export const FACE_DIMENSION = 1024;
/**
 * The model a server's index holds unless its assembly says otherwise: the one the face signal
 * provider runs (Human's faceres, by its installed version), so stored references and faces in
 * content are always compared in the same space.
 */
export const DEFAULT_FACE_MODEL: EmbeddingModel = FACE_EMBEDDING_MODEL;
/** The similarity from which a face is a protected person's, as the face evaluation chose it (docs/signals/faces.md). */
export const DEFAULT_FACE_THRESHOLD = PROTECTED_FACE_THRESHOLD;

export class ProtectedPeopleService {
  readonly model: EmbeddingModel;
  readonly dimension: number;
  readonly defaultExpiryDays: number;
  readonly maxExpiryDays: number;
  readonly maxReferences: number;
  readonly #embedder: FaceEmbedder | undefined;
  readonly #clock: () => Date;

  constructor(
    private readonly store: Store,
    readonly index: FaceIndex,
    options: ProtectedPeopleOptions,
  ) {
    if (index.dimension !== options.dimension) {
      throw new VigilError("people/invalid-embedding", "The face index has another dimension.");
    }
    this.model = options.model;
    this.dimension = options.dimension;
    this.defaultExpiryDays = options.defaultExpiryDays ?? 365;
    this.maxExpiryDays = options.maxExpiryDays ?? 730;
    this.maxReferences = options.maxReferences ?? 5;
    this.#embedder = options.embedder;
    this.#clock = options.clock ?? (() => new Date());
  }

  get canEmbedImages(): boolean {
    return this.#embedder !== undefined;
  }

  async register(input: RegisterPersonInput, actor: string): Promise<ProtectedPerson> {
    const expiresAt = this.#expiry(input.expiresAt);
    const vectors = await this.#references(input);
    const { person, embeddings } = await this.store.protectedPeople.create({
      label: input.label ?? null,
      consent: input.consent,
      apiKeyId: input.apiKeyId ?? null,
      expiresAt,
      embeddings: vectors.map((vector) => ({ model: this.model, vector })),
    });
    addToIndex(this.index, embeddings);
    await this.#audit(actor, "protected_person.create", person.id, {
      embeddingIds: embeddings.map((e) => e.id),
    });
    return person;
  }

  async get(id: string): Promise<ProtectedPerson> {
    const person = await this.store.protectedPeople.get(id);
    if (!person) throw new VigilError("store/not-found", `There is no protected person "${id}".`);
    return person;
  }

  list(options?: ListProtectedPeopleOptions): Promise<Page<ProtectedPerson, string>> {
    return this.store.protectedPeople.list(options);
  }

  /** Deletes her and her embeddings; she is gone from this process's index before it returns. */
  async delete(id: string, actor: string): Promise<void> {
    await this.store.protectedPeople.delete(id);
    this.index.removePerson(id);
    await this.#audit(actor, "protected_person.delete", id, {});
  }

  /** Deletes every expired person (a periodic job calls this); returns their ids. */
  async purgeExpired(actor = "system"): Promise<string[]> {
    const ids = await this.store.protectedPeople.purgeExpired();
    for (const id of ids) {
      this.index.removePerson(id);
      await this.#audit(actor, "protected_person.expire", id, {});
    }
    return ids;
  }

  /** The protected person this face resembles above the threshold, if any. */
  match(embedding: ArrayLike<number>): FaceMatch | null {
    return this.index.search(embedding, this.#clock().getTime());
  }

  #expiry(requested: string | undefined): string {
    const now = this.#clock().getTime();
    if (requested === undefined)
      return new Date(now + this.defaultExpiryDays * DAY_MS).toISOString();
    const at = Date.parse(requested);
    if (!Number.isFinite(at)) {
      throw new VigilError("people/invalid-expiry", "expiresAt is not an ISO 8601 date and time.");
    }
    if (at <= now) throw new VigilError("people/invalid-expiry", "expiresAt is in the past.");
    if (at > now + this.maxExpiryDays * DAY_MS) {
      throw new VigilError(
        "people/invalid-expiry",
        `expiresAt is more than ${this.maxExpiryDays} days away; renew consent instead.`,
        { maxExpiryDays: this.maxExpiryDays },
      );
    }
    return new Date(at).toISOString();
  }

  async #references(input: RegisterPersonInput): Promise<Float32Array[]> {
    const embeddings = input.embeddings ?? [];
    const images = input.images ?? [];
    if (embeddings.length > 0 === images.length > 0) {
      throw new VigilError(
        "people/invalid-references",
        "Send reference embeddings or reference images (one of them, not both, not none).",
      );
    }
    const count = embeddings.length + images.length;
    if (count > this.maxReferences) {
      throw new VigilError(
        "people/invalid-references",
        `At most ${this.maxReferences} references per person.`,
        { maxReferences: this.maxReferences },
      );
    }
    if (embeddings.length > 0) {
      const model = input.model ?? this.model;
      if (model.name !== this.model.name || model.version !== this.model.version) {
        throw new VigilError(
          "people/invalid-embedding",
          `Embeddings must come from ${this.model.name} ${this.model.version}.`,
        );
      }
      return embeddings.map((vector, i) => this.#unit(vector, i));
    }
    return this.#embedImages(images);
  }

  async #embedImages(images: readonly Uint8Array[]): Promise<Float32Array[]> {
    const embedder = this.#embedder;
    if (!embedder) {
      throw new VigilError(
        "people/embedder-unavailable",
        "This server has no face model to embed images; send embeddings instead.",
      );
    }
    const vectors: Float32Array[] = [];
    for (const [i, bytes] of images.entries()) {
      const faces = await embedder.embed(bytes);
      if (faces.length !== 1) {
        throw new VigilError(
          "people/face-count",
          `Reference image ${i} shows ${faces.length} faces; each must show exactly one.`,
          { image: i, faces: faces.length },
        );
      }
      vectors.push(this.#unit(faces[0]!.embedding, i));
    }
    return vectors;
  }

  /** Checked and normalised: a wrong size, a non-finite number or a zero vector is refused. */
  #unit(vector: ArrayLike<number>, i: number): Float32Array {
    if (vector.length !== this.dimension) {
      throw new VigilError(
        "people/invalid-embedding",
        `Reference ${i} has ${vector.length} numbers; ${this.dimension} expected.`,
        { reference: i, dimension: vector.length, expected: this.dimension },
      );
    }
    let norm = 0;
    for (let c = 0; c < vector.length; c++) {
      const x = vector[c];
      if (typeof x !== "number" || !Number.isFinite(x)) {
        throw new VigilError(
          "people/invalid-embedding",
          `Reference ${i} holds something other than a finite number.`,
          { reference: i },
        );
      }
      norm += x * x;
    }
    if (norm === 0 || !Number.isFinite(norm)) {
      throw new VigilError(
        "people/invalid-embedding",
        `Reference ${i} has no length to normalise.`,
        {
          reference: i,
        },
      );
    }
    const scale = 1 / Math.sqrt(norm);
    return Float32Array.from({ length: vector.length }, (_, c) => vector[c]! * scale);
  }

  async #audit(
    actor: string,
    action: string,
    personId: string,
    details: { embeddingIds?: number[] },
  ) {
    await this.store.audit.append({
      actor,
      action,
      subjectType: PROTECTED_PERSON_SUBJECT,
      subjectId: personId,
      details,
    });
  }
}

/** A stored reference as the index holds it; null when it is of another model or size. */
function indexEntryOf(
  embedding: IndexableFaceEmbedding,
  dimension: number,
  model: EmbeddingModel | undefined,
): FaceIndexEntry | null {
  const otherModel =
    model !== undefined &&
    (embedding.model.name !== model.name || embedding.model.version !== model.version);
  if (otherModel || embedding.vector.length !== dimension) return null;
  return {
    id: embedding.id,
    personId: embedding.personId,
    vector: embedding.vector,
    expiresAtMs: Date.parse(embedding.expiresAt),
  };
}

/** Adds the references of the index's model and size; others are left out. */
export function addToIndex(
  index: FaceIndex,
  embeddings: readonly IndexableFaceEmbedding[],
  model?: EmbeddingModel,
): void {
  for (const embedding of embeddings) {
    const entry = indexEntryOf(embedding, index.dimension, model);
    if (entry) index.add(entry);
  }
}

/** The index a server holds: Human's embeddings, at the given threshold (default: the measured one). */
export function faceIndexSettings(threshold: number = DEFAULT_FACE_THRESHOLD) {
  return { dimension: FACE_DIMENSION, threshold, model: DEFAULT_FACE_MODEL } as const;
}

/** The protected people of a process over its own index, loaded from the store. */
export async function openProtectedPeople(
  store: Store,
  options: { readonly threshold?: number; readonly embedder?: FaceEmbedder } = {},
): Promise<ProtectedPeopleService> {
  const settings = faceIndexSettings(options.threshold);
  return new ProtectedPeopleService(store, await loadFaceIndex(store, settings), {
    dimension: settings.dimension,
    model: settings.model,
    ...(options.embedder ? { embedder: options.embedder } : {}),
  });
}

/** An index over every active reference in the store (start-up), references of other sizes left out. */
export async function loadFaceIndex(
  store: Store,
  options: {
    readonly dimension: number;
    readonly threshold: number;
    readonly model?: EmbeddingModel;
  },
): Promise<FaceIndex> {
  const entries: FaceIndexEntry[] = [];
  for await (const page of store.protectedPeople.iterateActive()) {
    for (const embedding of page) {
      const entry = indexEntryOf(embedding, options.dimension, options.model);
      if (entry) entries.push(entry);
    }
  }
  return FaceIndex.build(entries, options);
}
