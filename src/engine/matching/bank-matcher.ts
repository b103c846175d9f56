/**
 * BankMatcher: every bank entry in memory, indexed for matching a scan. One MihIndex holds the PDQ
 * hashes of all banks (ids are entry ids), two DigestSets the MD5 and SHA-256 digests, and a
 * VideoIndex the vPDQ videos. Adds, removals and bank changes apply at once — there is no
 * periodic rebuild — and at start-up `addEntries` loads everything from the store in one pass.
 *
 * Synchronous and single-threaded: a change made between two scans is seen by the second.
 */
import { loadEntries, loadEntryPages } from "./bulk-load.js";
import { parseEntry } from "./entry-check.js";
import { MatcherIndexes } from "./matcher-indexes.js";
import { matchQuery } from "./match-query.js";
import type {
  AddEntriesResult,
  MatcherBank,
  MatcherEntry,
  MatcherStats,
  MatchQuery,
  MatchResult,
} from "./matcher-types.js";

export class BankMatcher {
  readonly #state = new MatcherIndexes();

  /** Number of entries, of all banks. */
  get size(): number {
    return this.#state.entries.size;
  }

  get stats(): MatcherStats {
    const s = this.#state;
    return {
      banks: s.banks.size,
      entries: s.entries.size,
      pdq: s.pdq.size,
      md5: s.md5.size,
      sha256: s.sha256.size,
      video: s.video.size,
      videoFrames: s.video.frameCount,
      byteLength: s.byteLength,
    };
  }

  /** The banks as the matcher holds them (frozen copies). */
  banks(): MatcherBank[] {
    return this.#state.banks.banks();
  }

  /** Adds a bank, or changes one (threshold, enabled, action, labels) with immediate effect. */
  setBank(bank: MatcherBank): void {
    this.#state.banks.set(bank);
  }

  /** Removes a bank and all its entries; returns how many entries went. */
  removeBank(bankId: string): number {
    const slot = this.#state.banks.byId(bankId);
    if (!slot) return 0;
    const ids = this.#state.idsOfBank(slot.number);
    for (const id of ids) this.#state.remove(id);
    this.#state.banks.delete(bankId);
    return ids.length;
  }

  /** Adds an entry, or replaces the entry with the same id. Throws `engine/invalid-entry`. */
  addEntry(entry: MatcherEntry): void {
    const parsed = parseEntry(entry, this.#state.banks);
    this.#state.remove(parsed.id);
    this.#state.insert(parsed);
  }

  /**
   * Adds many entries (start-up). Into an empty PDQ index they are built in one pass. A bad entry
   * is counted and reported, and the others still load.
   */
  addEntries(entries: Iterable<MatcherEntry>): AddEntriesResult {
    return loadEntries(this.#state, entries);
  }

  /** `addEntries` over pages from a store cursor, with the PDQ index built once at the end. */
  addEntryPages(pages: AsyncIterable<Iterable<MatcherEntry>>): Promise<AddEntriesResult> {
    return loadEntryPages(this.#state, pages);
  }

  /** Removes an entry (deleted, or withdrawn by the person it protects); false if unknown. */
  removeEntry(id: number): boolean {
    return this.#state.remove(id);
  }

  hasEntry(id: number): boolean {
    return this.#state.entries.has(id);
  }

  /**
   * The entries of enabled banks that the scan's signals match, each once at its best; and the
   * signals that were not matched and why (PDQ under quality 50). Throws `engine/invalid-query`
   * or `hash/invalid-hex` on malformed signals.
   */
  match(query: MatchQuery): MatchResult {
    return matchQuery(this.#state, query);
  }
}
