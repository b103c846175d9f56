import type { Pixels } from "../pixels.js";
import type { LumaPlane } from "./plane.js";

/** A rectangle in pixel units of some image: [x0, x1) × [y0, y1). */
export interface PixelRect {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

export interface TrimOptions {
  /** A line is flat when this share of its pixels is within `tolerance` of its median. */
  readonly flatShare?: number;
  /** Luma levels (0..255) around the median that still count as the bar's colour. */
  readonly tolerance?: number;
  /** Content must keep at least this share of each side, else nothing is trimmed. */
  readonly minSide?: number;
}

const DEFAULTS = { flatShare: 0.9, tolerance: 4, minSide: 0.1 };

/**
 * The content rectangle of a picture inside bars, frames and screenshot chrome, or undefined
 * when nothing needs trimming.
 *
 * Why not strip uniform rows: a phone screenshot's status and navigation bars carry a clock and
 * icons, and a chat shows bubbles of text above and below the picture, so no row there is
 * uniform. What those rows share is that nearly all their pixels are one colour (the bar's), with
 * a few glyphs; a photograph's rows are not. So rows and columns are classed "flat" when 90 % of
 * their pixels sit within a few levels of the line's median, the content is the longest run of
 * non-flat rows, then the longest run of non-flat columns within those rows, and the two steps
 * repeat until the rectangle stops changing (a chat bubble beside the picture stops being content
 * once the columns are narrowed to the picture's).
 *
 * A photo's own flat band (a clear night sky) can look like a bar; the untrimmed hash is kept
 * beside the trimmed one for that reason, and a trim that would keep less than a tenth of a
 * side is refused. The tolerance is tight (±4 levels): a bar is one colour, JPEG noise included,
 * while a photo's smooth sky or wall drifts by more than that across a line.
 */
export function findContent(plane: LumaPlane, options: TrimOptions = {}): PixelRect | undefined {
  const o = { ...DEFAULTS, ...options };
  const { width, height } = plane;
  let rect: PixelRect = { x0: 0, y0: 0, x1: width, y1: height };
  const line = new Float32Array(Math.max(width, height));
  for (let round = 0; round < 4; round++) {
    const rows = longestRun(height, (y) => !isFlat(plane, line, rect.x0, rect.x1, y, true, o));
    if (!rows) return undefined;
    const cols = longestRun(width, (x) => !isFlat(plane, line, rows[0], rows[1], x, false, o));
    if (!cols) return undefined;
    const next = { x0: cols[0], y0: rows[0], x1: cols[1], y1: rows[1] };
    const same =
      next.x0 === rect.x0 && next.x1 === rect.x1 && next.y0 === rect.y0 && next.y1 === rect.y1;
    rect = next;
    if (same) break;
  }
  if (rect.x1 - rect.x0 < o.minSide * width || rect.y1 - rect.y0 < o.minSide * height)
    return undefined;
  if (rect.x0 === 0 && rect.y0 === 0 && rect.x1 === width && rect.y1 === height) return undefined;
  return rect;
}

/** Whether row `at` (over columns [from, to)) or column `at` (over rows [from, to)) is flat. */
function isFlat(
  plane: LumaPlane,
  line: Float32Array,
  from: number,
  to: number,
  at: number,
  row: boolean,
  o: typeof DEFAULTS,
): boolean {
  const n = to - from;
  if (n <= 0) return true;
  const { luma, width } = plane;
  for (let i = 0; i < n; i++)
    line[i] = row ? luma[at * width + from + i]! : luma[(from + i) * width + at]!;
  const median = quickSelect(line, n, n >> 1);
  // quickSelect reorders `line`; the count below does not depend on order.
  let near = 0;
  for (let i = 0; i < n; i++) if (Math.abs(line[i]! - median) <= o.tolerance) near++;
  return near >= o.flatShare * n;
}

/** [start, end) of the longest run of indices where `keep` holds, or undefined when none. */
function longestRun(n: number, keep: (i: number) => boolean): [number, number] | undefined {
  let best: [number, number] | undefined;
  let start = -1;
  for (let i = 0; i <= n; i++) {
    const k = i < n && keep(i);
    if (k && start < 0) start = i;
    if (!k && start >= 0) {
      if (!best || i - start > best[1] - best[0]) best = [start, i];
      start = -1;
    }
  }
  return best;
}

/** The k-th smallest of a[0..n), in place (Hoare's selection). */
function quickSelect(a: Float32Array, n: number, k: number): number {
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const pivot = a[(lo + hi) >> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i] = a[j]!;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  return a[k]!;
}

/**
 * Moves each edge of `approx` (a content rectangle found on a shrunken plane, scaled to the
 * picture's own pixels) to the exact first non-flat line of the full-resolution picture, looking
 * `margin` lines either side. Why: a phone screenshot shrinks 4–5× into the 512×512 plane, so an
 * edge found there is off by a few pixels of the picture, and a few pixels of a content edge cost
 * PDQ 10–20 bits.
 */
export function refineContent(
  pixels: Pixels,
  approx: PixelRect,
  margin: number,
  options: TrimOptions = {},
): PixelRect {
  const o = { ...DEFAULTS, ...options };
  const { width, height } = pixels;
  const line = new Float32Array(Math.max(width, height));
  const m = Math.max(1, Math.ceil(margin));
  const rowFlat = (y: number, x0: number, x1: number) => flatLine(pixels, line, x0, x1, y, true, o);
  const colFlat = (x: number, y0: number, y1: number) =>
    flatLine(pixels, line, y0, y1, x, false, o);
  // Inner extent along each edge, so the corners (where two bars meet) do not decide.
  const ix0 = Math.min(width - 1, approx.x0 + m);
  const ix1 = Math.max(ix0 + 1, approx.x1 - m);
  const iy0 = Math.min(height - 1, approx.y0 + m);
  const iy1 = Math.max(iy0 + 1, approx.y1 - m);
  const firstContent = (
    from: number,
    to: number,
    step: number,
    flat: (i: number) => boolean,
  ): number => {
    for (let i = from; step > 0 ? i <= to : i >= to; i += step) if (!flat(i)) return i;
    return step > 0 ? to : to;
  };
  const y0 = firstContent(Math.max(0, approx.y0 - m), Math.min(height - 1, approx.y0 + m), 1, (y) =>
    rowFlat(y, ix0, ix1),
  );
  const y1 =
    firstContent(Math.min(height - 1, approx.y1 - 1 + m), Math.max(0, approx.y1 - 1 - m), -1, (y) =>
      rowFlat(y, ix0, ix1),
    ) + 1;
  const x0 = firstContent(Math.max(0, approx.x0 - m), Math.min(width - 1, approx.x0 + m), 1, (x) =>
    colFlat(x, iy0, iy1),
  );
  const x1 =
    firstContent(Math.min(width - 1, approx.x1 - 1 + m), Math.max(0, approx.x1 - 1 - m), -1, (x) =>
      colFlat(x, iy0, iy1),
    ) + 1;
  return x1 > x0 && y1 > y0 ? { x0, y0, x1, y1 } : approx;
}

function flatLine(
  pixels: Pixels,
  line: Float32Array,
  from: number,
  to: number,
  at: number,
  row: boolean,
  o: typeof DEFAULTS,
): boolean {
  const { data, width, channels } = pixels;
  const n = to - from;
  if (n <= 0) return true;
  for (let i = 0; i < n; i++) {
    const p = (row ? at * width + from + i : (from + i) * width + at) * channels;
    line[i] =
      channels <= 2 ? data[p]! : 0.299 * data[p]! + 0.587 * data[p + 1]! + 0.114 * data[p + 2]!;
  }
  const median = quickSelect(line, n, n >> 1);
  let near = 0;
  for (let i = 0; i < n; i++) if (Math.abs(line[i]! - median) <= o.tolerance) near++;
  return near >= o.flatShare * n;
}
