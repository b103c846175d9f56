/**
 * What the protected-people service takes and gives. The face embedder is a port: the face part
 * of `signals` (Human) implements it; this part only needs "bytes in, faces out".
 */
import type { FaceSignal } from "../../signals/index.js";
import type { ConsentGiver, EmbeddingModel } from "../../store/index.js";

/** Turns an image into the faces in it, each with its unit-length embedding. */
export interface FaceEmbedder {
  embed(bytes: Uint8Array): Promise<readonly FaceSignal[]>;
}

/** A registration: reference embeddings OR reference images (embedded, then discarded). */
export interface RegisterPersonInput {
  readonly label?: string | null;
  readonly consent: {
    readonly givenBy: ConsentGiver;
    readonly text: string;
    readonly version: string;
  };
  /** Default: now + the default protection period. */
  readonly expiresAt?: string;
  /** The API key that registers her (recorded with the consent). */
  readonly apiKeyId?: string | null;
  /** Vectors of the service's model; normalised on the way in. */
  readonly embeddings?: readonly (readonly number[])[];
  /** The model the embeddings came from; default the service's. Must be the service's. */
  readonly model?: EmbeddingModel;
  /** Image bytes, each with exactly one face. */
  readonly images?: readonly Uint8Array[];
}

export interface ProtectedPeopleOptions {
  /** The face model whose embeddings the index holds; other models' vectors are refused. */
  readonly model: EmbeddingModel;
  /** Numbers per embedding (Human: 1024). */
  readonly dimension: number;
  /** Absent: registrations from images answer `people/embedder-unavailable`. */
  readonly embedder?: FaceEmbedder;
  /** Default 365. */
  readonly defaultExpiryDays?: number;
  /** Default 730: consent is renewed at least every two years. */
  readonly maxExpiryDays?: number;
  /** References per person, default 5. */
  readonly maxReferences?: number;
  readonly clock?: () => Date;
}
