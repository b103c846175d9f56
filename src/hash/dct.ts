/**
 * The part of the 2-D DCT-II that PDQ keeps: frequencies 1..16 on each axis of the 64×64
 * downsample (frequency 0, the mean, carries no shape). Computing only these 16×16 coefficients
 * as two matrix products is cheaper than any full fast DCT, as the reference also found.
 */

const N = 64;
const K = 16;

/**
 * D[i][j] = sqrt(2/64) · cos(π/128 · (i+1) · (2j+1)), float32, row-major 16×64. Built once at
 * load; the expression is evaluated in the reference's order (double products, one float32 scale
 * factor) so the table holds the same float32 values.
 */
export const DCT_MATRIX: Float32Array = (() => {
  const scale = Math.fround(Math.sqrt(2 / N));
  const matrix = new Float32Array(K * N);
  for (let i = 0; i < K; i++) {
    for (let j = 0; j < N; j++) {
      matrix[i * N + j] = scale * Math.cos((Math.PI / 2 / N) * (i + 1) * (2 * j + 1));
    }
  }
  return matrix;
})();

/**
 * B = D · A · Dᵀ for a 64×64 `a`, through the 16×64 scratch `t`, into the 16×16 `b`. Each
 * product is rounded to float32 before it is added, as float arithmetic does in the reference.
 */
export function dct64To16(a: Float32Array, t: Float32Array, b: Float32Array): void {
  const d = DCT_MATRIX;
  const fround = Math.fround;
  for (let i = 0; i < K; i++) {
    const dRow = i * N;
    for (let j = 0; j < N; j++) {
      let sum = 0;
      for (let k = 0, ak = j; k < N; k++, ak += N) {
        sum = fround(sum + fround(d[dRow + k]! * a[ak]!));
      }
      t[i * N + j] = sum;
    }
  }
  for (let i = 0; i < K; i++) {
    const tRow = i * N;
    for (let j = 0; j < K; j++) {
      const dRow = j * N;
      let sum = 0;
      for (let k = 0; k < N; k++) {
        sum = fround(sum + fround(t[tRow + k]! * d[dRow + k]!));
      }
      b[i * K + j] = sum;
    }
  }
}
