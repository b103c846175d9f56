/**
 * A hash list cut into pieces of whole lines, so the banks page can import a large list in
 * several requests and show real progress. Each piece remembers how many lines came before it,
 * to turn the server's per-piece line numbers back into the file's. JSON documents cannot be
 * cut by line and go as one piece (JSON Lines can, one record a line).
 */
export interface ImportChunk {
  readonly text: string;
  /** Lines of the file before this piece. */
  readonly lineOffset: number;
}

export const LINES_PER_CHUNK = 5_000;

export function isJsonDocument(text: string): boolean {
  const start = text.trimStart();
  if (!start.startsWith("{") && !start.startsWith("[")) return false;
  // One JSON value per line (JSON Lines) splits fine; a document over many lines does not.
  return !text
    .split(/\r?\n/)
    .filter((line) => line.trim() !== "")
    .every((line) => /^\s*\{.*\}\s*$/.test(line));
}

export function chunkHashList(text: string, linesPerChunk = LINES_PER_CHUNK): ImportChunk[] {
  if (isJsonDocument(text)) return [{ text, lineOffset: 0 }];
  const lines = text.split(/\r?\n/);
  if (lines.at(-1) === "") lines.pop();
  const chunks: ImportChunk[] = [];
  for (let start = 0; start < lines.length; start += linesPerChunk) {
    chunks.push({
      text: lines.slice(start, start + linesPerChunk).join("\n") + "\n",
      lineOffset: start,
    });
  }
  return chunks.length > 0 ? chunks : [{ text, lineOffset: 0 }];
}
