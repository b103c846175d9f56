/**
 * The Jarosz tent filter: two passes of a box filter along rows and columns, then decimation to
 * 64×64 from the centres of the output cells. Every sum is rounded to float32 at the step where
 * the reference rounds it, so that the same pixels give the same bits.
 */

export const PDQ_DOWNSAMPLE = 64;
const JAROSZ_PASSES = 2;

/** Half of a 1/64 block per pass, rounded up: two passes together cover a whole block. */
export function jaroszWindowSize(oldDimension: number, newDimension: number): number {
  return Math.trunc((oldDimension + 2 * newDimension - 1) / (2 * newDimension));
}

/** Blurs `buffer1` in place (rows × cols), using `buffer2` as scratch. */
export function jaroszFilter(
  buffer1: Float32Array,
  buffer2: Float32Array,
  rows: number,
  cols: number,
  columnSums: Float32Array,
): void {
  const windowAlongRows = jaroszWindowSize(cols, PDQ_DOWNSAMPLE);
  const windowAlongCols = jaroszWindowSize(rows, PDQ_DOWNSAMPLE);
  for (let pass = 0; pass < JAROSZ_PASSES; pass++) {
    let r = 0;
    for (; r + 4 <= rows; r += 4)
      boxAlongFourRows(buffer1, buffer2, r * cols, cols, windowAlongRows);
    for (; r < rows; r++) boxAlongRow(buffer1, buffer2, r * cols, cols, windowAlongRows);
    boxAlongColumns(buffer2, buffer1, rows, cols, windowAlongCols, columnSums);
  }
}

/**
 * A running-sum box filter over one row. The window grows from half its size at the start, runs
 * full in the middle and shrinks at the end, each output divided by the cells it covers.
 */
function boxAlongRow(
  input: Float32Array,
  output: Float32Array,
  offset: number,
  length: number,
  window: number,
): void {
  const fround = Math.fround;
  const half = Math.trunc((window + 2) / 2);
  const end = offset + length;
  let sum = 0;
  let size = 0;
  let ri = offset;
  let li = offset;
  let oi = offset;
  for (let i = 0; i < half - 1; i++) {
    sum = fround(sum + input[ri++]!);
    size++;
  }
  for (let i = 0; i < window - half + 1; i++) {
    sum = fround(sum + input[ri++]!);
    size++;
    output[oi++] = sum / size;
  }
  while (ri < end) {
    sum = fround(sum + input[ri++]!);
    sum = fround(sum - input[li++]!);
    output[oi++] = sum / size;
  }
  for (let i = 0; i < half - 1; i++) {
    sum = fround(sum - input[li++]!);
    size--;
    output[oi++] = sum / size;
  }
}

/**
 * `boxAlongRow` over four consecutive rows at once. One row's running sum is a chain of dependent
 * float additions the CPU must wait on; four independent chains interleaved keep it busy, which
 * roughly halves the time of this pass. The arithmetic per row is exactly `boxAlongRow`'s.
 */
function boxAlongFourRows(
  input: Float32Array,
  output: Float32Array,
  offset: number,
  length: number,
  window: number,
): void {
  const fround = Math.fround;
  const half = Math.trunc((window + 2) / 2);
  const r1 = length;
  const r2 = 2 * length;
  const r3 = 3 * length;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let size = 0;
  let ri = offset;
  let li = offset;
  let oi = offset;
  for (let i = 0; i < half - 1; i++, ri++) {
    s0 = fround(s0 + input[ri]!);
    s1 = fround(s1 + input[ri + r1]!);
    s2 = fround(s2 + input[ri + r2]!);
    s3 = fround(s3 + input[ri + r3]!);
    size++;
  }
  for (let i = 0; i < window - half + 1; i++, ri++, oi++) {
    s0 = fround(s0 + input[ri]!);
    s1 = fround(s1 + input[ri + r1]!);
    s2 = fround(s2 + input[ri + r2]!);
    s3 = fround(s3 + input[ri + r3]!);
    size++;
    output[oi] = s0 / size;
    output[oi + r1] = s1 / size;
    output[oi + r2] = s2 / size;
    output[oi + r3] = s3 / size;
  }
  for (const end = offset + length; ri < end; ri++, li++, oi++) {
    s0 = fround(fround(s0 + input[ri]!) - input[li]!);
    s1 = fround(fround(s1 + input[ri + r1]!) - input[li + r1]!);
    s2 = fround(fround(s2 + input[ri + r2]!) - input[li + r2]!);
    s3 = fround(fround(s3 + input[ri + r3]!) - input[li + r3]!);
    output[oi] = s0 / size;
    output[oi + r1] = s1 / size;
    output[oi + r2] = s2 / size;
    output[oi + r3] = s3 / size;
  }
  for (let i = 0; i < half - 1; i++, li++, oi++) {
    s0 = fround(s0 - input[li]!);
    s1 = fround(s1 - input[li + r1]!);
    s2 = fround(s2 - input[li + r2]!);
    s3 = fround(s3 - input[li + r3]!);
    size--;
    output[oi] = s0 / size;
    output[oi + r1] = s1 / size;
    output[oi + r2] = s2 / size;
    output[oi + r3] = s3 / size;
  }
}

/**
 * The same filter down every column at once. The reference walks each column with a stride,
 * touching a new cache line per pixel; walking rows and keeping one running sum per column does
 * the identical float operations, in the same order per column, over contiguous memory, and the
 * columns' sums are independent, so the CPU overlaps them instead of waiting on one chain.
 */
function boxAlongColumns(
  input: Float32Array,
  output: Float32Array,
  rows: number,
  cols: number,
  window: number,
  sums: Float32Array,
): void {
  const fround = Math.fround;
  const half = Math.trunc((window + 2) / 2);
  sums.fill(0, 0, cols);
  let size = 0;
  let add = 0; // offsets of the rows entering and leaving the window, and of the output row
  let remove = 0;
  let out = 0;
  for (let i = 0; i < half - 1; i++, add += cols) {
    for (let j = 0; j < cols; j++) sums[j] = sums[j]! + input[add + j]!;
    size++;
  }
  for (let i = 0; i < window - half + 1; i++, add += cols, out += cols) {
    size++;
    for (let j = 0; j < cols; j++) {
      const sum = fround(sums[j]! + input[add + j]!);
      sums[j] = sum;
      output[out + j] = sum / size;
    }
  }
  for (let r = window; r < rows; r++, add += cols, remove += cols, out += cols) {
    for (let j = 0; j < cols; j++) {
      const sum = fround(fround(sums[j]! + input[add + j]!) - input[remove + j]!);
      sums[j] = sum;
      output[out + j] = sum / size;
    }
  }
  for (let i = 0; i < half - 1; i++, remove += cols, out += cols) {
    size--;
    for (let j = 0; j < cols; j++) {
      const sum = fround(sums[j]! - input[remove + j]!);
      sums[j] = sum;
      output[out + j] = sum / size;
    }
  }
}

/** Samples the blurred image at the centres of a 64×64 grid. */
export function decimateTo64(
  input: Float32Array,
  rows: number,
  cols: number,
  out: Float32Array,
): void {
  for (let i = 0; i < PDQ_DOWNSAMPLE; i++) {
    const ini = Math.trunc(((i + 0.5) * rows) / PDQ_DOWNSAMPLE);
    for (let j = 0; j < PDQ_DOWNSAMPLE; j++) {
      const inj = Math.trunc(((j + 0.5) * cols) / PDQ_DOWNSAMPLE);
      out[i * PDQ_DOWNSAMPLE + j] = input[ini * cols + inj]!;
    }
  }
}
