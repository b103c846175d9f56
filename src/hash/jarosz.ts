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
    for (let r = 0, offset = 0; r < rows; r++, offset += cols) {
      boxAlongRow(buffer1, buffer2, offset, cols, windowAlongRows);
    }
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
 * The same filter down every column at once. The reference walks each column with a stride,
 * touching a new cache line per pixel; walking rows and keeping one running sum per column does
 * the identical float operations, in the same order per column, over contiguous memory.
 */
function boxAlongColumns(
  input: Float32Array,
  output: Float32Array,
  rows: number,
  cols: number,
  window: number,
  sums: Float32Array,
): void {
  const half = Math.trunc((window + 2) / 2);
  sums.fill(0, 0, cols);
  let size = 0;
  let ri = 0; // row indices of the window's right (added) and left (removed) edges, and output
  let li = 0;
  let oi = 0;
  for (let i = 0; i < half - 1; i++, ri++) {
    addRow(sums, input, ri * cols, cols);
    size++;
  }
  for (let i = 0; i < window - half + 1; i++, ri++, oi++) {
    addRow(sums, input, ri * cols, cols);
    size++;
    writeRow(sums, output, oi * cols, cols, size);
  }
  for (; ri < rows; ri++, li++, oi++) {
    addRow(sums, input, ri * cols, cols);
    subtractRow(sums, input, li * cols, cols);
    writeRow(sums, output, oi * cols, cols, size);
  }
  for (let i = 0; i < half - 1; i++, li++, oi++) {
    subtractRow(sums, input, li * cols, cols);
    size--;
    writeRow(sums, output, oi * cols, cols, size);
  }
}

// Float32Array stores round to float32, which is exactly the reference's per-step rounding.
function addRow(sums: Float32Array, input: Float32Array, offset: number, cols: number): void {
  for (let j = 0; j < cols; j++) sums[j] = sums[j]! + input[offset + j]!;
}

function subtractRow(sums: Float32Array, input: Float32Array, offset: number, cols: number): void {
  for (let j = 0; j < cols; j++) sums[j] = sums[j]! - input[offset + j]!;
}

function writeRow(
  sums: Float32Array,
  output: Float32Array,
  offset: number,
  cols: number,
  size: number,
): void {
  for (let j = 0; j < cols; j++) output[offset + j] = sums[j]! / size;
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
