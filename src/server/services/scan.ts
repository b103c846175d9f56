import {
  decideVerdict,
  hashesFromBytes,
  hashesFromSubmitted,
  type BankMatcher,
  type BankMatch,
  type Computed,
  type ContentHashes,
  type MediaFacts,
  type SubmittedHashes,
} from "../../engine/index.js";
import { fetchUrl, type FetchUrlOptions } from "../../media/index.js";
import type { Store } from "../../store/index.js";

/** What a scan is asked to look at: media bytes, a URL to fetch them from, or hashes. */
export type ScanSubject =
  | { readonly kind: "bytes"; readonly bytes: Uint8Array }
  | { readonly kind: "url"; readonly url: string }
  | { readonly kind: "hashes"; readonly hashes: SubmittedHashes };

export type { SubmittedHashes };

export interface ScanOptions {
  readonly dihedral?: boolean;
  readonly store?: boolean;
  readonly platform?: string;
  readonly externalId?: string;
}

export interface ScanOutcome {
  readonly verdict: "allow" | "review" | "block";
  readonly reasons: readonly string[];
  readonly hashes: ContentHashes;
  readonly media?: MediaFacts;
  readonly matches: readonly BankMatch[];
  readonly skipped: readonly {
    readonly signalType: string;
    readonly index: number;
    readonly reason: string;
  }[];
  /** Set when the scan was stored (`store: true`). */
  readonly contentId?: string;
}

/**
 * The pre-publication scan: hash what was sent (in memory; the bytes are dropped when this
 * returns), look the hashes up in every enabled bank, and decide. Nothing is stored unless asked.
 */
export class ScanService {
  constructor(
    private readonly store: Store,
    private readonly matcher: BankMatcher,
    private readonly fetchOptions: FetchUrlOptions,
  ) {}

  async scan(subject: ScanSubject, options: ScanOptions = {}): Promise<ScanOutcome> {
    const computed = await this.computeQuery(subject, options.dihedral ?? false);
    const result = this.matcher.match(computed.query);
    const { verdict, reasons } = decideVerdict(result.matches, this.matcher.banks());
    // What a victim's case status counts: scans blocked because of each entry.
    if (verdict === "block") {
      await this.store.entryHits.record(
        result.matches.map((m) => m.entryId),
        "blocked",
      );
    }
    const outcome = {
      verdict,
      reasons,
      hashes: computed.hashes,
      ...(computed.media ? { media: computed.media } : {}),
      matches: result.matches,
      skipped: result.skipped,
    };
    if (!options.store) return outcome;
    const record = await this.store.scans.record({
      source: "scan",
      platform: options.platform ?? null,
      externalId: options.externalId ?? null,
      signals: computed.signals,
      matches: result.matches.map(({ bankId, entryId, signalType, distance }) => ({
        bankId,
        entryId,
        signalType,
        distance,
      })),
    });
    return { ...outcome, contentId: record.item.id };
  }

  private async computeQuery(subject: ScanSubject, dihedral: boolean): Promise<Computed> {
    switch (subject.kind) {
      case "hashes":
        return hashesFromSubmitted(subject.hashes, dihedral);
      case "url": {
        const fetched = await fetchUrl(subject.url, this.fetchOptions);
        return hashesFromBytes(fetched.bytes, dihedral);
      }
      case "bytes":
        return hashesFromBytes(subject.bytes, dihedral);
    }
  }
}
