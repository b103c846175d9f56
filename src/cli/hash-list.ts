import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { isVigilError } from "../core/index.js";
import { parsePdqHex, type PdqHash } from "../hash/index.js";

export type HashListLine =
  | { readonly line: number; readonly hash: PdqHash }
  | { readonly line: number; readonly error: string };

/**
 * Reads a hash list: one 64-hex PDQ hash a line, optionally followed by `,` and anything (the
 * reference tools' `hash,quality,path` lines qualify). Streams the file, so a list of ten million
 * lines is never held as one string. Blank lines are skipped; any other line that does not start
 * with a valid hash is yielded as an error with its 1-based line number.
 */
export async function* readHashList(path: string): AsyncGenerator<HashListLine> {
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
  let line = 0;
  for await (const text of lines) {
    line++;
    if (text.trim() === "") continue;
    const comma = text.indexOf(",");
    try {
      yield { line, hash: parsePdqHex(comma < 0 ? text : text.slice(0, comma)) };
    } catch (error) {
      if (!isVigilError(error)) throw error;
      yield { line, error: error.message };
    }
  }
}
