/**
 * Synthetic face embeddings for the face index's tests and benchmark (no model, no images).
 *
 * - `random`: unit vectors uniform on the sphere — the worst case for any pruning, since their
 *   energy is spread evenly over every direction.
 * - `clustered`: what real embeddings look like in shape: each person an identity drawn from a
 *   Gaussian whose variance decays over directions (λ_c = (1 + c/scale)^-2, about 3·scale
 *   effective dimensions), turned by a dense random rotation (random signs, then a Walsh–Hadamard
 *   transform) so no coordinate axis is special; each reference is the identity plus isotropic
 *   noise of relative size `noise`, normalised.
 */

/** Mulberry32 plus Box–Muller: seeded, so every run sees the same data. */
export function gaussian(seed: number): () => number {
  let a = seed >>> 0;
  const uniform = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
}

export function unit(v: Float64Array | Float32Array): Float32Array {
  let norm = 0;
  for (const x of v) norm += x * x;
  norm = Math.sqrt(norm);
  return Float32Array.from(v, (x) => x / norm);
}

export function randomUnit(d: number, next: () => number): Float32Array {
  return unit(Float64Array.from({ length: d }, next));
}

/** In place; d must be a power of two. Orthogonal once scaled by 1/√d. */
function hadamard(v: Float64Array): void {
  for (let h = 1; h < v.length; h *= 2) {
    for (let i = 0; i < v.length; i += 2 * h) {
      for (let j = i; j < i + h; j++) {
        const x = v[j]!;
        const y = v[j + h]!;
        v[j] = x + y;
        v[j + h] = x - y;
      }
    }
  }
}

export interface ClusteredFaces {
  /** A new identity (a person not yet seen), unit length. */
  identity(): Float64Array;
  /** A reference or query photo of that identity, unit length. */
  view(identity: Float64Array): Float32Array;
}

export function clusteredFaces(
  d: number,
  seed: number,
  { scale = 32, noise = 0.5 }: { scale?: number; noise?: number } = {},
): ClusteredFaces {
  const next = gaussian(seed);
  const signs = Float64Array.from({ length: d }, () => (next() < 0 ? -1 : 1));
  return {
    identity() {
      const z = Float64Array.from({ length: d }, (_, c) => (next() * signs[c]!) / (1 + c / scale));
      hadamard(z);
      return Float64Array.from(unit(z));
    },
    view(identity) {
      const sigma = noise / Math.sqrt(d);
      return unit(Float64Array.from(identity, (x) => x + sigma * next()));
    },
  };
}
