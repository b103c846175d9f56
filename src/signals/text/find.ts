/**
 * findTextSignals: lexicon findings in one message, each with its span in the original text.
 *
 * The context rule, in full: a finding's weight is the entry's weight times the smallest
 * reporting factor present in the message (news, police, victim support: 0.3) times the largest
 * request factor present (asking, selling, DM me: 1.5), capped at 1. A finding is reported when
 * that is at least `minWeight` (0.5). So a news report cancels even a strong term, a request lifts
 * a weak one, and a quoted request inside a news report stays cancelled (0.3 × 1.5 < 1).
 */
import type { TextSignal } from "../types.js";
import { VIGIL_LEXICON } from "./lexicon.js";
import type { Lexicon, LexiconEntry } from "./lexicon-types.js";
import { skeletonOf, type Skeleton } from "./normalise.js";
import { PartAutomaton } from "./automaton.js";
import {
  compileChoseong,
  compilePattern,
  findPattern,
  type CompiledPattern,
  type Occurrences,
} from "./pattern.js";

/** Characters analysed (UTF-16 units): a Telegram message is at most 4,096. The rest is ignored. */
export const DEFAULT_TEXT_MAX_LENGTH = 10_000;
export const DEFAULT_TEXT_MIN_WEIGHT = 0.5;
/** More findings than this in one message add nothing a moderator can use. */
const MAX_FINDINGS = 32;

export interface FindTextSignalsOptions {
  readonly lexicon?: Lexicon;
  /** Analyse at most this many UTF-16 units from the start of the text. */
  readonly maxLength?: number;
  readonly minWeight?: number;
}

interface CompiledLexicon {
  readonly lexicon: Lexicon;
  readonly entries: readonly { entry: LexiconEntry; patterns: readonly CompiledPattern[] }[];
  readonly cues: readonly {
    kind: "reporting" | "request";
    factor: number;
    patterns: readonly CompiledPattern[];
  }[];
  /** Every distinct part of every pattern, and its id in the automaton. */
  readonly automaton: PartAutomaton;
  readonly partIds: ReadonlyMap<string, number>;
}

const compiled = new WeakMap<Lexicon, CompiledLexicon>();

function compileEntry(entry: LexiconEntry): CompiledPattern[] {
  const patterns = entry.patterns.map(compilePattern);
  if (!entry.choseong) return patterns;
  const abbreviations = entry.patterns.map(compileChoseong);
  return patterns.concat(abbreviations.filter((p): p is CompiledPattern => p !== undefined));
}

function compileLexicon(lexicon: Lexicon): CompiledLexicon {
  let result = compiled.get(lexicon);
  if (!result) {
    const entries = lexicon.entries.map((entry) => ({ entry, patterns: compileEntry(entry) }));
    const cues = lexicon.cues.map((cue) => ({
      kind: cue.kind,
      factor: cue.factor,
      patterns: cue.patterns.map(compilePattern),
    }));
    const partIds = new Map<string, number>();
    for (const { patterns } of [...entries, ...cues]) {
      for (const part of patterns.flatMap((p) => p.parts)) {
        if (!partIds.has(part.codes)) partIds.set(part.codes, partIds.size);
      }
    }
    const automaton = new PartAutomaton([...partIds.keys()]);
    result = { lexicon, entries, cues, automaton, partIds };
    compiled.set(lexicon, result);
  }
  return result;
}

/** The context factor of a message: min reporting factor × max request factor. */
function contextFactor(sk: Skeleton, lexicon: CompiledLexicon, occ: Occurrences): number {
  let reporting = 1;
  let request = 1;
  for (const cue of lexicon.cues) {
    const present = cue.patterns.some((p) => findPattern(sk, p, occ).length > 0);
    if (!present) continue;
    if (cue.kind === "reporting") reporting = Math.min(reporting, cue.factor);
    else request = Math.max(request, cue.factor);
  }
  return reporting * request;
}

interface Candidate {
  readonly entry: LexiconEntry;
  readonly start: number;
  readonly end: number;
}

function candidatesOf(sk: Skeleton, lexicon: CompiledLexicon, occ: Occurrences): Candidate[] {
  const out: Candidate[] = [];
  for (const { entry, patterns } of lexicon.entries) {
    for (const pattern of patterns) {
      for (const hit of findPattern(sk, pattern, occ)) {
        out.push({ entry, start: sk.starts[hit.first]!, end: sk.ends[hit.last]! });
      }
    }
  }
  return out;
}

/**
 * The strongest of overlapping findings of one category; and a weaker finding inside a stronger
 * one of another category goes too (능욕 inside "능욕 자료 공유방" is the trade, not a request).
 */
function strongestFirst(candidates: Candidate[]): Candidate[] {
  const sorted = [...candidates].sort(
    (a, b) => b.entry.weight - a.entry.weight || a.start - b.start,
  );
  const kept: Candidate[] = [];
  for (const c of sorted) {
    const shadowed = kept.some((k) =>
      k.entry.category === c.entry.category
        ? k.start < c.end && c.start < k.end
        : k.entry.weight > c.entry.weight && k.start <= c.start && c.end <= k.end,
    );
    if (!shadowed) kept.push(c);
    if (kept.length >= MAX_FINDINGS) break;
  }
  return kept.sort((a, b) => a.start - b.start);
}

export function findTextSignals(text: string, options: FindTextSignalsOptions = {}): TextSignal[] {
  // Callers from JavaScript (a Telegram update, parsed JSON) may hand over anything.
  if (typeof text !== "string" || text.length === 0) return [];
  const lexicon = compileLexicon(options.lexicon ?? VIGIL_LEXICON);
  const minWeight = options.minWeight ?? DEFAULT_TEXT_MIN_WEIGHT;
  const original = text.slice(0, Math.max(0, options.maxLength ?? DEFAULT_TEXT_MAX_LENGTH));
  const sk = skeletonOf(original);
  const found = lexicon.automaton.occurrences(sk.codes);
  const none: readonly number[] = [];
  const occ: Occurrences = (codes) => found[lexicon.partIds.get(codes) ?? -1] ?? none;
  const candidates = candidatesOf(sk, lexicon, occ);
  if (candidates.length === 0) return [];
  const factor = contextFactor(sk, lexicon, occ);
  const model = Object.freeze({ name: lexicon.lexicon.name, version: lexicon.lexicon.version });
  const signals: TextSignal[] = [];
  for (const c of strongestFirst(candidates)) {
    const weight = Math.round(Math.min(1, c.entry.weight * factor) * 100) / 100;
    if (weight < minWeight) continue;
    signals.push(
      Object.freeze({
        kind: "text",
        model,
        category: c.entry.category,
        weight,
        language: c.entry.language,
        span: Object.freeze([c.start, c.end] as const),
        text: original.slice(c.start, c.end),
        term: c.entry.id,
      }),
    );
  }
  return signals;
}
