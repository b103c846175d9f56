import { readFile } from "node:fs/promises";
import { extname } from "node:path";
import { isVigilError } from "../../core/index.js";
import type { RuleFileFormat } from "../../policy/index.js";
import type { CliIo } from "../io.js";
import { describeFsError } from "../inputs.js";

/** Largest rule file read; the parser refuses larger text anyway. */
const MAX_FILE_BYTES = 4 * 1024 * 1024;

/** A rule file's text and its format by extension (`.yaml`/`.yml`, `.json`; else guessed). */
export async function readRuleFile(
  path: string,
): Promise<{ text: string; format: RuleFileFormat | undefined }> {
  const bytes = await readFile(path);
  if (bytes.length > MAX_FILE_BYTES) {
    throw new Error(`larger than ${MAX_FILE_BYTES} bytes: not a rule file`);
  }
  const ext = extname(path).toLowerCase();
  const format = ext === ".yaml" || ext === ".yml" ? "yaml" : ext === ".json" ? "json" : undefined;
  return { text: bytes.toString("utf8"), format };
}

/**
 * The one way a policy command reports failure: a refused rule with its path (exit 1, the file's
 * fault), a store or usage error by its message (exit 1), a file that cannot be read (exit 2).
 */
export function reportPolicyError(
  command: string,
  file: string | undefined,
  error: unknown,
  io: CliIo,
): number {
  const where = file === undefined ? "" : `${file}: `;
  if (isVigilError(error)) {
    io.stderr(`vigil policy ${command}: ${where}${error.message}\n`);
    return 1;
  }
  if ((error as { code?: unknown } | null)?.code !== undefined || error instanceof Error) {
    io.stderr(`vigil policy ${command}: ${where}${describeFsError(error)}\n`);
    return 2;
  }
  throw error;
}
