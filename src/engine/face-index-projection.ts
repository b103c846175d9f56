/**
 * The orthonormal projection the face index prunes with: K directions that hold as much of the
 * stored embeddings' energy as K directions can (the top eigenvectors of their second-moment
 * matrix, found by subspace iteration on a sample), ordered by energy. Any orthonormal rows keep
 * the index exact — the pruning bound holds for every orthonormal basis — so an approximate fit
 * only costs speed, never a wrong answer.
 */

/** xorshift32: a fixed seed makes the fit, and so the index's work, reproducible. */
function seeded(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 0x1_0000_0000 - 0.5;
  };
}

/** Modified Gram–Schmidt, twice (the second pass removes what rounding left). Rows of `k × d`. */
export function orthonormalise(rows: Float64Array, k: number, d: number, next: () => number): void {
  for (let pass = 0; pass < 2; pass++) {
    for (let j = 0; j < k; j++) {
      const row = rows.subarray(j * d, (j + 1) * d);
      for (let i = 0; i < j; i++) {
        const other = rows.subarray(i * d, (i + 1) * d);
        let dot = 0;
        for (let c = 0; c < d; c++) dot += row[c]! * other[c]!;
        for (let c = 0; c < d; c++) row[c]! -= dot * other[c]!;
      }
      let norm = 0;
      for (let c = 0; c < d; c++) norm += row[c]! * row[c]!;
      norm = Math.sqrt(norm);
      // A direction the sample does not span: any unit vector orthogonal to the others will do.
      if (norm < 1e-9) {
        for (let c = 0; c < d; c++) row[c] = next();
        j--;
        continue;
      }
      for (let c = 0; c < d; c++) row[c]! /= norm;
    }
  }
}

/** The first K coordinate axes: exact, and as good as any basis before there is data. */
export function axisProjection(k: number, d: number): Float64Array {
  const rows = new Float64Array(k * d);
  for (let j = 0; j < k; j++) rows[j * d + j] = 1;
  return rows;
}

/**
 * Fits K orthonormal rows (`k × d`, row-major) to the sample `rows` (each of length d). Four
 * rounds of subspace iteration: the leading directions settle fast, and the later ones matter
 * little to the bound.
 */
export function fitProjection(
  sample: readonly Float32Array[],
  k: number,
  d: number,
  rounds = 4,
): Float64Array {
  if (sample.length < 2 * k) return axisProjection(k, d);
  const next = seeded(0x5eed);
  let basis = new Float64Array(k * d);
  for (let i = 0; i < basis.length; i++) basis[i] = next();
  orthonormalise(basis, k, d, next);
  const scores = new Float64Array(k);
  for (let round = 0; round < rounds; round++) {
    const product = new Float64Array(k * d);
    for (const x of sample) {
      for (let j = 0; j < k; j++) {
        let dot = 0;
        const offset = j * d;
        for (let c = 0; c < d; c++) dot += basis[offset + c]! * x[c]!;
        for (let c = 0; c < d; c++) product[offset + c]! += dot * x[c]!;
      }
    }
    basis = product;
    orthonormalise(basis, k, d, next);
  }
  // Order by the energy each direction holds, so the first stages of the bound see the most.
  for (const x of sample) {
    for (let j = 0; j < k; j++) {
      let dot = 0;
      for (let c = 0; c < d; c++) dot += basis[j * d + c]! * x[c]!;
      scores[j]! += dot * dot;
    }
  }
  const order = Array.from({ length: k }, (_, j) => j).sort((a, b) => scores[b]! - scores[a]!);
  const sorted = new Float64Array(k * d);
  order.forEach((from, to) => sorted.set(basis.subarray(from * d, (from + 1) * d), to * d));
  return sorted;
}
