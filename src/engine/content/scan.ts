/**
 * The synchronous scan (`POST /v1/scan`): what differs from the workers' pipeline is only what
 * it brings to the decide step (no reports, no author history) and what it keeps after it
 * (nothing unless asked, never the media).
 */
import { fetchUrl, type FetchUrlOptions } from "../../media/index.js";
import type { PolicyVerdict } from "../../policy/index.js";
import type { Store } from "../../store/index.js";
import type { BankMatch, BankMatcher } from "../matching/index.js";
import type { AnalysisRecord, ContentAnalyser } from "./content-analysis.js";
import {
  hashesFromBytes,
  hashesFromSubmitted,
  type Computed,
  type ContentHashes,
  type MediaFacts,
  type SubmittedHashes,
} from "./content-hashes.js";
import { decideContent, matchAll, NO_HISTORY, NO_RULES, type PolicySource } from "./decide.js";

/** What a scan is asked to look at: media bytes, a URL to fetch them from, hashes, or only text. */
export type ScanSubject =
  | { readonly kind: "bytes"; readonly bytes: Uint8Array }
  | { readonly kind: "url"; readonly url: string }
  | { readonly kind: "hashes"; readonly hashes: SubmittedHashes }
  | { readonly kind: "text" };

export type { SubmittedHashes };

export interface ScanOptions {
  readonly dihedral?: boolean;
  readonly store?: boolean;
  readonly platform?: string;
  readonly externalId?: string;
  /** The text published with the media (a caption, a message): read by the text signals. */
  readonly text?: string;
}

export interface ScanOutcome {
  readonly verdict: "allow" | "review" | "block";
  readonly reasons: readonly string[];
  readonly hashes: ContentHashes;
  readonly media?: MediaFacts;
  readonly matches: readonly BankMatch[];
  /** What the signal providers learned (nudity, faces, text, provenance); empty without them. */
  readonly signals: readonly AnalysisRecord[];
  readonly skipped: readonly {
    readonly signalType: string;
    readonly index: number;
    readonly reason: string;
  }[];
  /** Set when the scan was stored (`store: true`). */
  readonly contentId?: string;
}

export interface ScanServiceOptions {
  readonly fetchOptions: FetchUrlOptions;
  /** The signal providers; without them a scan is decided by its hashes alone. */
  readonly analyser?: ContentAnalyser;
  /** The rule set in force: its rules can block or hold what the signals show. */
  readonly policies?: PolicySource;
}

/**
 * The pre-publication scan: hash what was sent and let the signal providers look at it (in
 * memory; the bytes are dropped when this returns), look the hashes up in every enabled bank,
 * apply the policy, and decide. Nothing is stored unless asked.
 */
export class ScanService {
  constructor(
    private readonly store: Store,
    private readonly matcher: BankMatcher,
    private readonly options: ScanServiceOptions,
  ) {}

  async scan(subject: ScanSubject, options: ScanOptions = {}): Promise<ScanOutcome> {
    const bytes = await this.bytesOf(subject);
    const computed =
      subject.kind === "text"
        ? null
        : await this.computeQuery(subject, bytes, options.dihedral ?? false);
    const result = matchAll(this.matcher, computed ? [computed.query] : []);
    const banks = this.matcher.banks();
    const signals = await this.analyse(bytes, options.text);
    const decision = decideContent({
      origin: {
        source: "scan",
        ...(options.platform === undefined ? {} : { platform: options.platform }),
      },
      matches: result.matches,
      banks,
      analysis: signals,
      history: NO_HISTORY,
      ruleSet: (await this.options.policies?.current())?.ruleSet ?? NO_RULES,
      nothingFound: "no bank matched",
    });
    const verdict = scanVerdict(decision.verdict);
    // What a victim's case status counts: scans blocked because of each entry.
    if (verdict === "block" && result.matches.length > 0) {
      await this.store.entryHits.record(
        result.matches.map((m) => m.entryId),
        "blocked",
      );
    }
    const outcome = {
      verdict,
      reasons: decision.reasons,
      hashes: computed?.hashes ?? { pdq: [] },
      ...(computed?.media ? { media: computed.media } : {}),
      matches: result.matches,
      signals,
      skipped: result.skipped,
    };
    if (!options.store) return outcome;
    const record = await this.store.scans.record({
      source: "scan",
      platform: options.platform ?? null,
      externalId: options.externalId ?? null,
      signals: computed?.signals ?? [],
      matches: result.matches.map(({ bankId, entryId, signalType, distance }) => ({
        bankId,
        entryId,
        signalType,
        distance,
      })),
    });
    return { ...outcome, contentId: record.item.id };
  }

  private async bytesOf(subject: ScanSubject): Promise<Uint8Array | null> {
    switch (subject.kind) {
      case "url":
        return (await fetchUrl(subject.url, this.options.fetchOptions)).bytes;
      case "bytes":
        return subject.bytes;
      default:
        return null;
    }
  }

  private computeQuery(
    subject: Exclude<ScanSubject, { kind: "text" }>,
    bytes: Uint8Array | null,
    dihedral: boolean,
  ): Promise<Computed> | Computed {
    return subject.kind === "hashes"
      ? hashesFromSubmitted(subject.hashes, dihedral)
      : hashesFromBytes(bytes!, dihedral);
  }

  private async analyse(bytes: Uint8Array | null, text: string | undefined) {
    const { analyser } = this.options;
    if (!analyser) return [];
    const media = bytes ? [{ index: 0, bytes }] : [];
    return analyser.analyse(text === undefined ? { media } : { media, text });
  }
}

/** Before publication there is nothing to remove yet: a takedown verdict blocks the upload. */
function scanVerdict(verdict: PolicyVerdict): ScanOutcome["verdict"] {
  return verdict === "allow" || verdict === "review" ? verdict : "block";
}
