/**
 * Loading many entries at once (every bank, from the store, at start-up). Into an empty PDQ index
 * they are staged and built in one pass; other kinds go in one by one (digest sets and videos
 * have no faster path). A bad entry is counted and skipped, so one bad row cannot stop matching.
 */
import { isVigilError } from "../../core/index.js";
import { parseEntry, type ParsedEntry } from "./entry-check.js";
import type { MatcherIndexes } from "./matcher-indexes.js";
import type { AddEntriesResult, MatcherEntry } from "./matcher-types.js";
import { PdqStaging } from "./pdq-staging.js";

const MAX_REPORTED_ERRORS = 100;

export function loadEntries(
  state: MatcherIndexes,
  entries: Iterable<MatcherEntry>,
): AddEntriesResult {
  const loader = new BulkLoader(state);
  try {
    for (const entry of entries) loader.add(entry);
  } finally {
    loader.finish();
  }
  return loader.result();
}

/**
 * The same over pages read from a store cursor: the PDQ index is built once, after the last
 * page, rather than once for the first page and entry by entry for the rest.
 */
export async function loadEntryPages(
  state: MatcherIndexes,
  pages: AsyncIterable<Iterable<MatcherEntry>>,
): Promise<AddEntriesResult> {
  const loader = new BulkLoader(state);
  try {
    for await (const page of pages) for (const entry of page) loader.add(entry);
  } finally {
    loader.finish();
  }
  return loader.result();
}

class BulkLoader {
  #staging: PdqStaging | undefined;
  readonly #errors: { id: number; message: string }[] = [];
  #added = 0;
  #rejected = 0;

  constructor(private readonly state: MatcherIndexes) {
    this.#staging = state.pdq.size === 0 ? new PdqStaging() : undefined;
  }

  add(entry: MatcherEntry): void {
    const state = this.state;
    let parsed: ParsedEntry;
    try {
      parsed = parseEntry(entry, state.banks);
    } catch (error) {
      if (!isVigilError(error)) throw error;
      this.#rejected++;
      if (this.#errors.length < MAX_REPORTED_ERRORS) {
        this.#errors.push({ id: entry?.id ?? -1, message: error.message });
      }
      return;
    }
    if (state.entries.has(parsed.id)) {
      // Rare (an id twice): index what is staged first, so that the old entry can be removed.
      this.finish();
      state.remove(parsed.id);
    }
    if (this.#staging && parsed.type === "pdq") {
      this.#staging.push(parsed.id, parsed.hash);
      state.register(parsed);
    } else {
      state.insert(parsed);
    }
    this.#added++;
  }

  /** Builds what is staged. Also on a throw: registered entries must be searchable. */
  finish(): void {
    if (this.#staging && this.#staging.count > 0) this.state.pdq = this.#staging.build();
    this.#staging = undefined;
  }

  result(): AddEntriesResult {
    return { added: this.#added, rejected: this.#rejected, errors: this.#errors };
  }
}
