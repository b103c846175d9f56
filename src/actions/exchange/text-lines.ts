/**
 * Line iteration for lists of a million lines and more: one pass with `indexOf`, no array of
 * every line and no string built up piece by piece, so time and extra memory stay linear.
 */

const BOM = "\uFEFF";

/** The text without a leading byte-order mark (editors on Windows add one to UTF-8 files). */
export function stripBom(text: string): string {
  return text.startsWith(BOM) ? text.slice(1) : text;
}

/**
 * Calls `visit` with each line (without its `\n` or `\r\n`) and its 1-based number. Stops early
 * when `visit` returns false.
 */
export function forEachLine(text: string, visit: (line: string, number: number) => unknown): void {
  let start = 0;
  for (let number = 1; start <= text.length; number++) {
    let end = text.indexOf("\n", start);
    if (end < 0) end = text.length;
    const stop = end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
    if (visit(text.slice(start, stop), number) === false) return;
    start = end + 1;
  }
}

/** The 1-based line holding character `offset`; used to place a JSON syntax error. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  const end = Math.min(offset, text.length);
  for (let at = text.indexOf("\n"); at >= 0 && at < end; at = text.indexOf("\n", at + 1)) line++;
  return line;
}

/** Collects bad lines: all are counted, the first `max` kept, so a wrong file cannot flood us. */
export class ErrorSink {
  readonly errors: { line: number; message: string }[] = [];
  count = 0;

  constructor(readonly max: number) {}

  add(line: number, message: string): void {
    this.count++;
    if (this.errors.length < this.max) this.errors.push({ line, message });
  }
}
