/**
 * Protected people: someone (or support-centre staff on her behalf) who asked that her face be
 * watched for in explicit content. The store keeps a consent record and reference embeddings —
 * numbers a face model computed — never an image. Deleting a person removes both at once.
 */
import type { IsoTimestamp, PageOptions } from "../types.js";
import type { Page } from "../types.js";

/** Who gave consent: the person herself, or support-centre staff on her behalf. */
export const CONSENT_GIVERS = ["self", "staff"] as const;
export type ConsentGiver = (typeof CONSENT_GIVERS)[number];

/** The longest vector the store accepts (Human's face embeddings have 1024 numbers). */
export const MAX_EMBEDDING_DIMENSION = 4096;
/** Reference embeddings per person: a few photos, not an album. */
export const MAX_EMBEDDINGS_PER_PERSON = 10;

export interface ConsentRecord {
  readonly givenBy: ConsentGiver;
  /** The consent text shown, or a reference to it. */
  readonly text: string;
  /** The version of that text, e.g. `2026-11`. */
  readonly version: string;
  readonly at: IsoTimestamp;
}

export interface EmbeddingModel {
  readonly name: string;
  readonly version: string;
}

export interface ProtectedPerson {
  /** A time-ordered UUID (v7). */
  readonly id: string;
  /** A reference for staff (a case number); never required, never matched on. */
  readonly label: string | null;
  readonly consent: ConsentRecord;
  /** The API key that registered the person; null when the key was not recorded. */
  readonly apiKeyId: string | null;
  readonly createdAt: IsoTimestamp;
  /** After this instant the person is no longer protected, and purgeExpired removes her. */
  readonly expiresAt: IsoTimestamp;
  readonly embeddingCount: number;
}

export interface NewReferenceEmbedding {
  readonly model: EmbeddingModel;
  /** Finite numbers; stored as Float32, so it is kept at that precision. */
  readonly vector: Float32Array;
}

export interface NewProtectedPerson {
  readonly label?: string | null;
  readonly consent: {
    readonly givenBy: ConsentGiver;
    readonly text: string;
    readonly version: string;
    /** Default: now. */
    readonly at?: IsoTimestamp;
  };
  readonly apiKeyId?: string | null;
  readonly expiresAt: IsoTimestamp;
  /** 1..MAX_EMBEDDINGS_PER_PERSON. */
  readonly embeddings: readonly NewReferenceEmbedding[];
}

/** One reference embedding as an in-memory face index needs it. */
export interface IndexableFaceEmbedding {
  /** A positive integer, unique across all people. */
  readonly id: number;
  readonly personId: string;
  readonly model: EmbeddingModel;
  readonly vector: Float32Array;
  readonly expiresAt: IsoTimestamp;
}

export type ListProtectedPeopleOptions = PageOptions<string>;

export interface ProtectedPersonRepository {
  /** The person and her embeddings, in one transaction; `store/invalid` for an expiry not in the future. */
  create(
    person: NewProtectedPerson,
  ): Promise<{ person: ProtectedPerson; embeddings: IndexableFaceEmbedding[] }>;
  /** Expired people too, until purged. */
  get(id: string): Promise<ProtectedPerson | null>;
  /** By id, ascending, without vectors; `after` is the last id of the previous page. */
  list(options?: ListProtectedPeopleOptions): Promise<Page<ProtectedPerson, string>>;
  /** Deletes the person and every embedding of hers, in one transaction; nothing of her remains. */
  delete(id: string): Promise<{ readonly deletedEmbeddings: number }>;
  /**
   * Every embedding of every person not expired (or of one person, `personId`), by id, a page
   * at a time (default 1000).
   */
  iterateActive(options?: {
    readonly pageSize?: number;
    readonly personId?: string;
  }): AsyncIterable<readonly IndexableFaceEmbedding[]>;
  /** Deletes every expired person with her embeddings; returns their ids. */
  purgeExpired(): Promise<string[]>;
}
