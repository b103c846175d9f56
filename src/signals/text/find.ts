/**
 * findTextSignals: lexicon findings in one message, each with its span in the original text.
 *
 * The rules, in full:
 * 1. An entry fires where one of its patterns matches, unless one of its `unless` patterns is in
 *    the message, and only if one of its `requires` patterns is (when it has any).
 * 2. Context: a finding's weight is the entry's weight times the smallest reporting factor present
 *    in the message (news, police, victim support: 0.3) times the largest request factor present
 *    (asking, selling, DM me: 1.5), capped at 1. A finding is reported when that is at least
 *    `minWeight` (0.5). So a news report cancels even a strong term, a request lifts a weak one,
 *    and a quoted request inside a news report stays cancelled (0.3 × 1.5 < 1).
 * 3. The act: of the findings reported, only those of the most severe category stay
 *    (ACT_PRECEDENCE: threat, trade, solicitation, nudify_tool).
 * 4. Of overlapping findings of that category, the strongest.
 */
import type { TextSignal } from "../types.js";
import { VIGIL_LEXICON } from "./lexicon.js";
import type { Lexicon, LexiconEntry, TextCategory } from "./lexicon-types.js";
import { skeletonOf, type Skeleton } from "./normalise.js";
import { PartAutomaton } from "./automaton.js";
import {
  censoredSpellings,
  compileChoseong,
  compilePattern,
  findPattern,
  SlotOccurrences,
  type CompiledPattern,
  type Hit,
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

/**
 * A compiled pattern, indexed under each spelling of its first slot: a message only tries the
 * patterns whose first slot it contains. `owner` is the entry's index, for entry patterns.
 */
interface IndexedPattern {
  readonly pattern: CompiledPattern;
  readonly owner: number;
}

/** Patterns by the part numbers of their first slot's spellings. */
type PatternIndex = ReadonlyMap<number, readonly IndexedPattern[]>;

interface CompiledLexicon {
  readonly lexicon: Lexicon;
  /** Every entry pattern, indexed by its first part. */
  readonly entryPatterns: PatternIndex;
  readonly conditions: readonly {
    requires: PatternIndex | undefined;
    unless: PatternIndex | undefined;
  }[];
  readonly cues: readonly {
    kind: "reporting" | "request";
    factor: number;
    patterns: PatternIndex;
  }[];
  /** Every spelling of every distinct part (censored ones too), in one automaton. */
  readonly automaton: PartAutomaton;
  /** Spelling id (the automaton's part id) → part number. */
  readonly partOfSpelling: readonly number[];
  /** A part's skeleton → its number. */
  readonly partNumbers: ReadonlyMap<string, number>;
}

const compiled = new WeakMap<Lexicon, CompiledLexicon>();

function compileEntry(entry: LexiconEntry): CompiledPattern[] {
  const patterns = entry.patterns.map(compilePattern);
  if (!entry.choseong) return patterns;
  return patterns.concat(entry.patterns.flatMap(compileChoseong));
}

/**
 * Numbers parts and their spellings as patterns are added, and indexes the patterns. Censored
 * spellings (f*ce) are added for what the lexicon looks for — entries and what they require —
 * not for context cues: nobody stars out "according to", and each would add dozens of spellings.
 */
class LexiconIndexer {
  readonly spellings: string[] = [];
  readonly partOfSpelling: number[] = [];
  readonly partNumbers = new Map<string, number>();
  readonly #censored = new Set<number>();

  #number(codes: string, censor: boolean): number {
    let part = this.partNumbers.get(codes);
    if (part === undefined) {
      part = this.partNumbers.size;
      this.partNumbers.set(codes, part);
      this.#spell(codes, part);
    }
    if (censor && !this.#censored.has(part)) {
      this.#censored.add(part);
      for (const form of censoredSpellings(codes)) this.#spell(form, part);
    }
    return part;
  }

  #spell(form: string, part: number): void {
    this.spellings.push(form);
    this.partOfSpelling.push(part);
  }

  index(patterns: readonly CompiledPattern[], censor: boolean, owner = -1): PatternIndex {
    const byFirst = new Map<number, IndexedPattern[]>();
    for (const pattern of patterns) {
      for (const slot of pattern.slots) {
        for (const part of slot.alternatives) this.#number(part.codes, censor);
      }
      const indexed = { pattern, owner };
      for (const part of pattern.slots[0]!.alternatives) {
        const first = this.#number(part.codes, censor);
        const list = byFirst.get(first) ?? [];
        if (!list.includes(indexed)) list.push(indexed);
        byFirst.set(first, list);
      }
    }
    return byFirst;
  }
}

function merge(into: Map<number, IndexedPattern[]>, from: PatternIndex): void {
  for (const [first, list] of from) {
    const existing = into.get(first);
    if (existing) existing.push(...list);
    else into.set(first, [...list]);
  }
}

function compileLexicon(lexicon: Lexicon): CompiledLexicon {
  const cached = compiled.get(lexicon);
  if (cached) return cached;
  const indexer = new LexiconIndexer();
  const optional = (
    sources: readonly string[] | undefined,
    censor: boolean,
  ): PatternIndex | undefined =>
    sources && sources.length > 0 ? indexer.index(sources.map(compilePattern), censor) : undefined;
  const entryPatterns = new Map<number, IndexedPattern[]>();
  const conditions = lexicon.entries.map((entry, owner) => {
    merge(entryPatterns, indexer.index(compileEntry(entry), true, owner));
    return { requires: optional(entry.requires, true), unless: optional(entry.unless, false) };
  });
  const cues = lexicon.cues.map((cue) => ({
    kind: cue.kind,
    factor: cue.factor,
    patterns: indexer.index(cue.patterns.map(compilePattern), false),
  }));
  const result: CompiledLexicon = {
    lexicon,
    entryPatterns,
    conditions,
    cues,
    automaton: new PartAutomaton(indexer.spellings),
    partOfSpelling: indexer.partOfSpelling,
    partNumbers: indexer.partNumbers,
  };
  compiled.set(lexicon, result);
  return result;
}

/** One message's view of the automaton's answer: where each part found occurs. */
class Found {
  /** Part number → start offsets in any of its spellings, ascending. */
  readonly #parts = new Map<number, number[]>();
  readonly places: SlotOccurrences;

  constructor(
    private readonly lexicon: CompiledLexicon,
    readonly sk: Skeleton,
  ) {
    for (const [spelling, starts] of lexicon.automaton.occurrences(sk.codes)) {
      const part = lexicon.partOfSpelling[spelling]!;
      const list = this.#parts.get(part);
      // Spellings of one part differ at a letter, so two never start at the same offset.
      if (list) list.push(...starts);
      else this.#parts.set(part, starts);
    }
    for (const list of this.#parts.values()) list.sort((a, b) => a - b);
    this.places = new SlotOccurrences(
      (codes) => this.#parts.get(this.lexicon.partNumbers.get(codes) ?? -1) ?? NONE,
    );
  }

  /** Each pattern of `index` that matches, with its hits: only those whose first slot occurs. */
  *matches(index: PatternIndex): Generator<[IndexedPattern, Hit[]]> {
    const tried = new Set<IndexedPattern>();
    for (const part of this.#parts.keys()) {
      for (const p of index.get(part) ?? []) {
        if (tried.has(p)) continue;
        tried.add(p);
        const hits = findPattern(this.sk, p.pattern, this.places);
        if (hits.length > 0) yield [p, hits];
      }
    }
  }

  present(index: PatternIndex): boolean {
    return !this.matches(index).next().done;
  }
}

const NONE: readonly number[] = Object.freeze([]);

/** The context factor of a message: min reporting factor × max request factor. */
function contextFactor(lexicon: CompiledLexicon, found: Found): number {
  let reporting = 1;
  let request = 1;
  for (const cue of lexicon.cues) {
    if (!found.present(cue.patterns)) continue;
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

function candidatesOf(lexicon: CompiledLexicon, found: Found): Candidate[] {
  const { sk } = found;
  const byEntry = new Map<number, Hit[]>();
  for (const [p, hits] of found.matches(lexicon.entryPatterns)) {
    const list = byEntry.get(p.owner);
    if (list) list.push(...hits);
    else byEntry.set(p.owner, hits);
  }
  const out: Candidate[] = [];
  // In the lexicon's order, so ties between entries resolve the same way every time.
  for (const [owner, hits] of [...byEntry].sort((a, b) => a[0] - b[0])) {
    const { requires, unless } = lexicon.conditions[owner]!;
    if (unless && found.present(unless)) continue;
    if (requires && !found.present(requires)) continue;
    const entry = lexicon.lexicon.entries[owner]!;
    for (const hit of hits) {
      out.push({ entry, start: sk.starts[hit.first]!, end: sk.ends[hit.last]! });
    }
  }
  return out;
}

/**
 * The strongest of overlapping findings of one category. Findings of other categories stay until
 * the act is decided (`ACT_PRECEDENCE`): 능욕 inside "능욕 자료 판매" is the trade, whichever
 * entry weighs more.
 */
function strongestFirst(candidates: Candidate[]): Candidate[] {
  const sorted = [...candidates].sort(
    (a, b) => b.entry.weight - a.entry.weight || a.start - b.start,
  );
  const kept: Candidate[] = [];
  for (const c of sorted) {
    const shadowed = kept.some(
      (k) => k.entry.category === c.entry.category && k.start < c.end && c.start < k.end,
    );
    if (!shadowed) kept.push(c);
    if (kept.length >= MAX_FINDINGS) break;
  }
  return kept.sort((a, b) => a.start - b.start);
}

/**
 * The act a message commits, most severe first: a threat to spread images is a threat even when
 * it names the fakes it would make ("I'll make fake nudes of you and send them to your family");
 * selling or swapping material is trade even when the material is named after the tool
 * ("trading deepnudes"); asking for a deepfake of someone is solicitation even when it names the
 * tool to use. Findings of the lesser acts in the same message are dropped.
 */
export const ACT_PRECEDENCE: readonly TextCategory[] = [
  "threat",
  "trade",
  "solicitation",
  "nudify_tool",
];

/** The candidates of the most severe act among those that reach the report floor. */
function ofTheAct(
  candidates: readonly Candidate[],
  factor: number,
  minWeight: number,
): Candidate[] {
  const reported = candidates.filter((c) => weighed(c, factor) >= minWeight);
  const act = ACT_PRECEDENCE.find((a) => reported.some((c) => c.entry.category === a));
  return reported.filter((c) => c.entry.category === act);
}

/** A finding's weight after the context rule, in hundredths. */
const weighed = (c: Candidate, factor: number): number =>
  Math.round(Math.min(1, c.entry.weight * factor) * 100) / 100;

export function findTextSignals(text: string, options: FindTextSignalsOptions = {}): TextSignal[] {
  // Callers from JavaScript (a Telegram update, parsed JSON) may hand over anything.
  if (typeof text !== "string" || text.length === 0) return [];
  const lexicon = compileLexicon(options.lexicon ?? VIGIL_LEXICON);
  const minWeight = options.minWeight ?? DEFAULT_TEXT_MIN_WEIGHT;
  const original = text.slice(0, Math.max(0, options.maxLength ?? DEFAULT_TEXT_MAX_LENGTH));
  const found = new Found(lexicon, skeletonOf(original));
  const candidates = candidatesOf(lexicon, found);
  if (candidates.length === 0) return [];
  const factor = contextFactor(lexicon, found);
  const model = Object.freeze({ name: lexicon.lexicon.name, version: lexicon.lexicon.version });
  return strongestFirst(ofTheAct(candidates, factor, minWeight)).map((c) =>
    Object.freeze({
      kind: "text",
      model,
      category: c.entry.category,
      weight: weighed(c, factor),
      language: c.entry.language,
      span: Object.freeze([c.start, c.end] as const),
      text: original.slice(c.start, c.end),
      term: c.entry.id,
    }),
  );
}
