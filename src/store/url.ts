/**
 * The forms of `VIGIL_DATABASE_URL` (read by the configuration, never here):
 *
 *   sqlite:./data/vigil.db   sqlite://./data/vigil.db   sqlite:///var/lib/vigil.db
 *   ./data/vigil.db          /var/lib/vigil.db          (a bare path is a SQLite file)
 *   sqlite::memory:          :memory:                   (private, gone when the store closes)
 *   postgres://user:pass@host:5432/db   postgresql://…
 */
import { VigilError } from "../core/index.js";

export type StoreLocation =
  | { readonly backend: "sqlite"; readonly file: string }
  | { readonly backend: "postgres"; readonly url: string };

const SCHEME = /^([a-zA-Z][a-zA-Z0-9+.-]*):/;

export function parseStoreUrl(url: string): StoreLocation {
  if (typeof url !== "string" || url.trim() === "") {
    throw badUrl("The database URL is empty.");
  }
  const trimmed = url.trim();
  if (/^postgres(ql)?:\/\//i.test(trimmed)) return { backend: "postgres", url: trimmed };
  if (/^sqlite:/i.test(trimmed)) {
    // `sqlite://path` and `sqlite:path` name the same file; `sqlite:///abs` is `/abs`.
    const file = trimmed.slice("sqlite:".length).replace(/^\/\//, "");
    if (file === "") throw badUrl("The SQLite URL names no file.");
    return { backend: "sqlite", file };
  }
  if (trimmed === ":memory:") return { backend: "sqlite", file: trimmed };
  const scheme = SCHEME.exec(trimmed)?.[1];
  // One letter before a colon is a Windows drive (C:\data\vigil.db), not a scheme.
  if (scheme !== undefined && scheme.length > 1) {
    throw badUrl(
      `The database URL scheme "${scheme}:" is not supported; use sqlite: or postgres://.`,
    );
  }
  return { backend: "sqlite", file: trimmed };
}

function badUrl(message: string): VigilError {
  return new VigilError("store/invalid-url", message);
}
