/**
 * FaceIndex: every active reference embedding of every protected person in memory, answering
 * "which protected person, if any, does this face resemble above the threshold?" EXACTLY as a
 * brute-force scan would, in a fraction of its time.
 *
 * Why not brute force: 100,000 references × 1024 numbers is 100M multiply-adds a query, about a
 * tenth of a second in JavaScript. Instead each reference also keeps its first K coordinates in
 * an orthonormal basis fitted to the references (face-index-projection.ts), and for each stage
 * boundary k an upper bound on the norm of what lies beyond (its "tail"). For unit vectors q, x
 * and any orthonormal rows P, Cauchy–Schwarz gives
 *
 *     q·x = (Pq)₁..ₖ·(Px)₁..ₖ + rest,   |rest| ≤ ‖tail of q after k‖ · ‖tail of x after k‖
 *
 * so after k coordinates a reference whose partial sum plus that bound is below the threshold
 * (or below the best match found so far) cannot win, and is dropped; survivors get the full dot
 * product over the original vectors — the same arithmetic as brute force. A margin of 1e-5
 * absorbs rounding (the stored head is Float32: a relative error of 6e-8 a term), so a reference
 * is dropped only when it is certainly not the answer. Ties go to the lowest embedding id.
 *
 * How much is dropped depends on the data: real face embeddings concentrate their energy in few
 * directions and most fall after 16–32 coordinates; random unit vectors spread it evenly and
 * almost none do (bench/faces.bench.ts measures both). The answer is exact either way.
 */
import { VigilError } from "../../core/index.js";
import { axisProjection, fitProjection, projectInto } from "./face-index-projection.js";

export interface FaceIndexOptions {
  /** Numbers in an embedding (Human: 1024). */
  readonly dimension: number;
  /** The least cosine similarity that is a match, -1..1; the calibrated value comes from the face evaluation. */
  readonly threshold: number;
  /** Coordinates in the pruning basis (default 128, at most the dimension). */
  readonly projectionSize?: number;
}

export interface FaceIndexEntry {
  /** The store's embedding id, a positive integer. */
  readonly id: number;
  readonly personId: string;
  readonly vector: Float32Array;
  /** Milliseconds since 1970; a reference stops matching at this instant. Default: never. */
  readonly expiresAtMs?: number;
}

export interface FaceMatch {
  readonly personId: string;
  readonly embeddingId: number;
  /** Cosine similarity, at least the threshold. */
  readonly similarity: number;
}

/** Rounding margin of the pruning bound (see the header). */
const MARGIN = 1e-5;
/** Up to this size the basis is refitted whenever the index has doubled since the last fit. */
const REFIT_LIMIT = 4096;
const SAMPLE = 1024;

/** A unit-length Float32 copy; `engine/invalid-query` for a zero, non-finite or wrong-sized vector. */
export function normaliseEmbedding(vector: ArrayLike<number>, dimension: number): Float32Array {
  if (vector.length !== dimension) {
    throw new VigilError(
      "engine/invalid-query",
      `An embedding has ${vector.length} numbers; ${dimension} expected.`,
      { dimension: vector.length, expected: dimension },
    );
  }
  let norm = 0;
  for (let i = 0; i < dimension; i++) norm += vector[i]! * vector[i]!;
  if (!Number.isFinite(norm) || norm === 0) {
    throw new VigilError("engine/invalid-query", "An embedding is zero or not finite.");
  }
  norm = Math.sqrt(norm);
  const unit = new Float32Array(dimension);
  for (let i = 0; i < dimension; i++) unit[i] = vector[i]! / norm;
  return unit;
}

/** Cosine similarity of unit vectors in float64: brute force's arithmetic, and the index's last step. */
export function similarity(a: Float32Array, b: Float32Array, offset = 0): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i]! * b[offset + i]!;
  return sum;
}

export class FaceIndex {
  readonly dimension: number;
  readonly threshold: number;
  readonly #k: number;
  /** Stage boundaries in the basis: k/4, k/2, k. */
  readonly #stages: readonly [number, number, number];
  #projection: Float64Array;
  #fittedAt = 0;
  #building = false;
  #count = 0;
  #capacity = 0;
  #vectors = new Float32Array(0);
  #head = new Float32Array(0);
  #tails = new Float32Array(0);
  #ids = new Float64Array(0);
  #expires = new Float64Array(0);
  #people: string[] = [];
  readonly #slots = new Map<number, number>();
  /** Cumulative work counters (see `work`). */
  #searches = 0;
  #scanned = 0;
  #stage2 = 0;
  #stage3 = 0;
  #exact = 0;
  readonly #query: Float64Array;
  readonly #scratch: Float64Array;

  constructor(options: FaceIndexOptions) {
    const { dimension, threshold } = options;
    if (!Number.isInteger(dimension) || dimension < 1) {
      throw new VigilError("engine/invalid-query", "The face index needs a positive dimension.");
    }
    if (!(threshold >= -1 && threshold <= 1)) {
      throw new VigilError("engine/invalid-query", "The face threshold must be within -1..1.");
    }
    this.dimension = dimension;
    this.threshold = threshold;
    this.#k = Math.max(4, Math.min(dimension, options.projectionSize ?? 128));
    if (this.#k > dimension) this.#k = dimension;
    const k = this.#k;
    this.#stages = [Math.max(1, k >> 2), Math.max(1, k >> 1), k];
    this.#projection = axisProjection(k, dimension);
    this.#query = new Float64Array(k);
    this.#scratch = new Float64Array(k);
  }

  /** An index over `entries`, its basis fitted to them once. */
  static build(entries: Iterable<FaceIndexEntry>, options: FaceIndexOptions): FaceIndex {
    const index = new FaceIndex(options);
    index.#building = true;
    for (const entry of entries) index.add(entry);
    index.#building = false;
    index.#refit(index.#sample());
    return index;
  }

  get size(): number {
    return this.#count;
  }

  has(embeddingId: number): boolean {
    return this.#slots.has(embeddingId);
  }

  /** Bytes held by the typed arrays (vectors, heads, bounds, ids, expiries). */
  get byteLength(): number {
    return (
      this.#vectors.byteLength +
      this.#head.byteLength +
      this.#tails.byteLength +
      this.#ids.byteLength +
      this.#expires.byteLength
    );
  }

  /**
   * Multiply-adds spent by all searches so far, and what brute force would have spent: the
   * machine-independent measure of how much the bound prunes (bench/faces.bench.ts prints it).
   */
  get work(): {
    readonly searches: number;
    readonly multiplyAdds: number;
    readonly bruteForce: number;
    readonly exact: number;
  } {
    const [k1, k2, k3] = this.#stages;
    const d = this.dimension;
    return {
      searches: this.#searches,
      multiplyAdds:
        this.#searches * k3 * d +
        this.#scanned * k1 +
        this.#stage2 * (k2 - k1) +
        this.#stage3 * (k3 - k2) +
        this.#exact * d,
      bruteForce: this.#scanned * d,
      exact: this.#exact,
    };
  }

  /** Adds (or replaces) a reference; the vector is normalised to unit length. */
  add(entry: FaceIndexEntry): void {
    if (!Number.isSafeInteger(entry.id) || entry.id < 1) {
      throw new VigilError(
        "engine/invalid-entry",
        "A face embedding id must be a positive integer.",
      );
    }
    const vector = normaliseEmbedding(entry.vector, this.dimension);
    this.remove(entry.id);
    if (this.#count === this.#capacity) this.#grow();
    const slot = this.#count++;
    this.#vectors.set(vector, slot * this.dimension);
    this.#ids[slot] = entry.id;
    this.#expires[slot] = entry.expiresAtMs ?? Infinity;
    this.#people[slot] = entry.personId;
    this.#slots.set(entry.id, slot);
    this.#project(slot);
    if (
      !this.#building &&
      this.#count <= REFIT_LIMIT &&
      this.#count >= 2 * Math.max(this.#fittedAt, 64)
    ) {
      this.#refit(this.#sample());
    }
  }

  /** Removes one reference; false when it was not there. */
  remove(embeddingId: number): boolean {
    const slot = this.#slots.get(embeddingId);
    if (slot === undefined) return false;
    this.#slots.delete(embeddingId);
    const last = --this.#count;
    if (slot !== last) {
      // The last slot moves into the hole: the arrays stay dense, the scan stays a straight line.
      const d = this.dimension;
      const k = this.#k;
      this.#vectors.copyWithin(slot * d, last * d, (last + 1) * d);
      this.#head.copyWithin(slot * k, last * k, (last + 1) * k);
      this.#tails.copyWithin(slot * 3, last * 3, last * 3 + 3);
      this.#ids[slot] = this.#ids[last]!;
      this.#expires[slot] = this.#expires[last]!;
      this.#people[slot] = this.#people[last]!;
      this.#slots.set(this.#ids[slot]!, slot);
    }
    this.#people.length = last;
    return true;
  }

  /** Removes every reference of a person; says how many went. */
  removePerson(personId: string): number {
    const ids: number[] = [];
    for (let slot = 0; slot < this.#count; slot++) {
      if (this.#people[slot] === personId) ids.push(this.#ids[slot]!);
    }
    for (const id of ids) this.remove(id);
    return ids.length;
  }

  /**
   * The reference most similar to `embedding`, if at least the threshold and not expired at
   * `nowMs`; null otherwise. Exactly what scanning every reference would answer. `threshold`
   * overrides the index's own for this query (a stricter check, an evaluation).
   */
  search(
    embedding: ArrayLike<number>,
    nowMs = Date.now(),
    threshold = this.threshold,
  ): FaceMatch | null {
    const q = normaliseEmbedding(embedding, this.dimension);
    const d = this.dimension;
    const k = this.#k;
    const [k1, k2, k3] = this.#stages;
    const p = this.#query;
    let energy = 0;
    for (let c = 0; c < d; c++) energy += q[c]! * q[c]!;
    let captured = 0;
    const qTail = [0, 0, 0];
    projectInto(this.#projection, k, d, q, p);
    for (let j = 0; j < k; j++) {
      const dot = p[j]!;
      captured += dot * dot;
      if (j + 1 === k1) qTail[0] = Math.sqrt(Math.max(0, energy - captured));
      if (j + 1 === k2) qTail[1] = Math.sqrt(Math.max(0, energy - captured));
      if (j + 1 === k3) qTail[2] = Math.sqrt(Math.max(0, energy - captured));
    }
    const [t1, t2, t3] = qTail as [number, number, number];
    const head = this.#head;
    const tails = this.#tails;
    let floor = threshold - MARGIN;
    let best = -Infinity;
    let bestSlot = -1;
    let stage2 = 0;
    let stage3 = 0;
    let exactCount = 0;
    for (let slot = 0; slot < this.#count; slot++) {
      const h = slot * k;
      let s = 0;
      let j = 0;
      for (; j < k1; j++) s += p[j]! * head[h + j]!;
      if (s + t1 * tails[slot * 3]! < floor) continue;
      stage2++;
      for (; j < k2; j++) s += p[j]! * head[h + j]!;
      if (s + t2 * tails[slot * 3 + 1]! < floor) continue;
      stage3++;
      for (; j < k3; j++) s += p[j]! * head[h + j]!;
      if (s + t3 * tails[slot * 3 + 2]! < floor) continue;
      if (this.#expires[slot]! <= nowMs) continue;
      exactCount++;
      const exact = similarity(q, this.#vectors, slot * d);
      if (exact < threshold) continue;
      if (exact > best || (exact === best && this.#ids[slot]! < this.#ids[bestSlot]!)) {
        best = exact;
        bestSlot = slot;
        floor = Math.max(floor, best - MARGIN);
      }
    }
    this.#searches++;
    this.#scanned += this.#count;
    this.#stage2 += stage2;
    this.#stage3 += stage3;
    this.#exact += exactCount;
    if (bestSlot < 0) return null;
    return {
      personId: this.#people[bestSlot]!,
      embeddingId: this.#ids[bestSlot]!,
      similarity: best,
    };
  }

  /** Every reference's head and tail bounds in the current basis. */
  #project(slot: number): void {
    const d = this.dimension;
    const k = this.#k;
    const [k1, k2] = this.#stages;
    const x = this.#vectors.subarray(slot * d, (slot + 1) * d);
    let energy = 0;
    for (let c = 0; c < d; c++) energy += x[c]! * x[c]!;
    const dots = this.#scratch;
    projectInto(this.#projection, k, d, x, dots);
    let captured = 0;
    for (let j = 0; j < k; j++) {
      const dot = dots[j]!;
      this.#head[slot * k + j] = dot;
      captured += dot * dot;
      const stage = j + 1 === k1 ? 0 : j + 1 === k2 ? 1 : j + 1 === k ? 2 : -1;
      // Rounded up before it becomes a Float32: a bound may be loose, never short.
      if (stage >= 0) {
        this.#tails[slot * 3 + stage] =
          Math.sqrt(Math.max(0, energy - captured)) * (1 + 1e-6) + 1e-7;
      }
    }
  }

  #refit(sample: readonly Float32Array[]): void {
    this.#projection = fitProjection(sample.slice(0, SAMPLE), this.#k, this.dimension);
    this.#fittedAt = this.#count;
    for (let slot = 0; slot < this.#count; slot++) this.#project(slot);
  }

  /** Up to SAMPLE references spread evenly over the index. */
  #sample(): Float32Array[] {
    const step = Math.max(1, Math.floor(this.#count / SAMPLE));
    const out: Float32Array[] = [];
    for (let slot = 0; slot < this.#count && out.length < SAMPLE; slot += step) {
      out.push(this.#vectors.subarray(slot * this.dimension, (slot + 1) * this.dimension));
    }
    return out;
  }

  #grow(): void {
    const capacity = Math.max(64, this.#capacity * 2);
    const grow = <T extends Float32Array | Float64Array>(
      old: T,
      make: (n: number) => T,
      w: number,
    ) => {
      const next = make(capacity * w);
      next.set(old);
      return next;
    };
    this.#vectors = grow(this.#vectors, (n) => new Float32Array(n), this.dimension);
    this.#head = grow(this.#head, (n) => new Float32Array(n), this.#k);
    this.#tails = grow(this.#tails, (n) => new Float32Array(n), 3);
    this.#ids = grow(this.#ids, (n) => new Float64Array(n), 1);
    this.#expires = grow(this.#expires, (n) => new Float64Array(n), 1);
    this.#capacity = capacity;
  }
}
