import { dihedralOfHash, MihIndex, PDQ_WORDS, type PdqHash } from "../../hash/index.js";
import { describeFsError } from "../inputs.js";
import type { CliIo } from "../io.js";
import { readHashList } from "../hash-list.js";

export interface MatchCommandOptions {
  readonly bank: string;
  readonly distance: number;
  readonly dihedral?: boolean;
}

/**
 * `vigil match --bank BANK QUERIES`: every pair of a query line and a bank line within the
 * distance, as `<query line>,<bank line>,<distance>` (1-based line numbers), queries in file order
 * and, for each, bank lines in order. Nothing else goes to stdout; invalid lines are reported on
 * stderr with their line numbers and make the exit code 1, after all valid lines were matched.
 */
export async function runMatchCommand(
  queriesPath: string,
  options: MatchCommandOptions,
  io: CliIo,
): Promise<number> {
  let invalid = 0;
  const report = (file: string, line: number, message: string): void => {
    invalid++;
    io.stderr(`vigil match: ${file}:${line}: ${message}\n`);
  };
  try {
    const index = await loadBank(options.bank, report);
    const output = new BufferedOutput(io);
    for await (const entry of readHashList(queriesPath)) {
      if ("error" in entry) {
        report(queriesPath, entry.line, entry.error);
        continue;
      }
      const matches = options.dihedral
        ? index.searchDihedral(dihedralOfHash(entry.hash), options.distance)
        : index.search(entry.hash, options.distance);
      const byBankLine = [...matches].sort((a, b) => a.id - b.id);
      for (const match of byBankLine) output.write(`${entry.line},${match.id},${match.distance}\n`);
    }
    output.flush();
  } catch (error) {
    const path = (error as { path?: unknown } | null)?.path;
    io.stderr(
      `vigil match: ${typeof path === "string" ? `${path}: ` : ""}${describeFsError(error)}\n`,
    );
    return 2;
  }
  return invalid > 0 ? 1 : 0;
}

/** Builds the index in one pass: bank line numbers are the entries' ids. */
async function loadBank(
  path: string,
  report: (file: string, line: number, message: string) => void,
): Promise<MihIndex> {
  let ids = new Uint32Array(1024);
  let words = new Uint16Array(1024 * PDQ_WORDS);
  let count = 0;
  for await (const entry of readHashList(path)) {
    if ("error" in entry) {
      report(path, entry.line, entry.error);
      continue;
    }
    if (count === ids.length) [ids, words] = [grow(ids), grow(words)];
    ids[count] = entry.line;
    words.set(entry.hash as PdqHash, count * PDQ_WORDS);
    count++;
  }
  return MihIndex.build(ids.subarray(0, count), words.subarray(0, count * PDQ_WORDS));
}

function grow<T extends Uint32Array | Uint16Array>(array: T): T {
  const bigger = new (array.constructor as new (n: number) => T)(array.length * 2);
  bigger.set(array);
  return bigger;
}

/** Collects output lines and writes them in large chunks: millions of matches stay fast. */
class BufferedOutput {
  #parts: string[] = [];
  #size = 0;
  constructor(private readonly io: CliIo) {}

  write(text: string): void {
    this.#parts.push(text);
    this.#size += text.length;
    if (this.#size >= 1 << 16) this.flush();
  }

  flush(): void {
    if (this.#parts.length > 0) this.io.stdout(this.#parts.join(""));
    this.#parts = [];
    this.#size = 0;
  }
}
