import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { sniffMediaKind } from "./media-kind.js";

export type InputItem =
  | { readonly kind: "file"; readonly path: string }
  | { readonly kind: "error"; readonly path: string; readonly message: string };

/**
 * Expands command-line paths in order: a file is taken as given (even if it turns out not to be
 * media, so the user hears about it); a directory is walked depth-first in name order and only
 * the files that are images or videos by their first bytes are taken. Hidden entries are skipped.
 */
export async function* expandInputs(paths: readonly string[]): AsyncGenerator<InputItem> {
  for (const path of paths) {
    let info;
    try {
      info = await stat(path);
    } catch (error) {
      yield { kind: "error", path, message: describeFsError(error) };
      continue;
    }
    if (info.isDirectory()) yield* walkDirectory(path);
    else yield { kind: "file", path };
  }
}

async function* walkDirectory(directory: string): AsyncGenerator<InputItem> {
  let entries;
  try {
    entries = await readdir(directory, { withFileTypes: true });
  } catch (error) {
    yield { kind: "error", path: directory, message: describeFsError(error) };
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.name.startsWith(".")) continue;
    const path = join(directory, entry.name);
    if (entry.isDirectory()) yield* walkDirectory(path);
    else if (entry.isFile() && (await sniffMediaKind(path)) !== undefined)
      yield { kind: "file", path };
  }
}

export function describeFsError(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  switch (code) {
    case "ENOENT":
      return "no such file or directory";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "EISDIR":
      return "is a directory";
    default:
      return error instanceof Error ? error.message : String(error);
  }
}
