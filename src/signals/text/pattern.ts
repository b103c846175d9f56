/**
 * Lexicon patterns compiled to skeleton strings, and their search in a message's skeleton.
 *
 * Syntax: `make ... nude` — parts in order with at most MAX_GAP letters between them;
 * `nudif*` — a part ending in `*` lets its last Latin word run on (nudify, nudifier, nudifying).
 * Latin parts must start and end on a word boundary of the original text (so "undress" is not
 * found in "fund ressources"); Korean parts must end on a syllable boundary (so "유포" is not
 * found in "유폭"). Parts are found by one Aho–Corasick pass (automaton.ts); no regular
 * expression runs on the message.
 */
import { VigilError } from "../../core/index.js";
import { choseongOf, isFinalCode, isVowelCode } from "./hangul.js";
import { skeletonOf, type Skeleton } from "./normalise.js";

/** Letters allowed between two parts of a pattern (about 8 Hangul syllables or 3 words). */
export const MAX_GAP = 20;
/** Enough to show a moderator where a term is; more adds nothing to the verdict. */
const MAX_HITS_PER_PATTERN = 4;
/** Below this, a choseong abbreviation is ordinary chat (ㅇㅇ, ㄱㅅ, ㅋㅋ). */
const MIN_CHOSEONG = 3;

export interface PatternPart {
  /** The part's skeleton. */
  readonly codes: string;
  /** A Latin word may continue after it. */
  readonly stem: boolean;
}

export interface CompiledPattern {
  readonly source: string;
  readonly parts: readonly PatternPart[];
}

/** A found pattern, as skeleton unit indexes (last inclusive). */
export interface Hit {
  readonly first: number;
  readonly last: number;
}

function compilePart(text: string): PatternPart {
  const trimmed = text.trim();
  const stem = trimmed.endsWith("*");
  return { codes: skeletonOf(stem ? trimmed.slice(0, -1) : trimmed).codes, stem };
}

export function compilePattern(source: string): CompiledPattern {
  const parts = source.split("...").map(compilePart);
  if (parts.some((part) => part.codes.length === 0)) {
    // The lexicon is code, not request input: a bad pattern is our bug.
    throw new VigilError("internal", "A lexicon pattern has an empty part", { pattern: source });
  }
  return { source, parts };
}

/** The choseong form of a Korean pattern without gaps (ㅈㅇㄴㅇ), when long enough to mean it. */
export function compileChoseong(source: string): CompiledPattern | undefined {
  if (source.includes("...")) return undefined;
  const abbreviation = choseongOf(source);
  if (abbreviation.length < MIN_CHOSEONG) return undefined;
  return { source: abbreviation, parts: [{ codes: skeletonOf(abbreviation).codes, stem: false }] };
}

const isLatin = (code: number): boolean => code >= 0x61 && code <= 0x7a;

function startsWell(sk: Skeleton, at: number): boolean {
  if (!isLatin(sk.codes.charCodeAt(at))) return true;
  return at === 0 || sk.sepBefore[at] === true || !isLatin(sk.codes.charCodeAt(at - 1));
}

function endsWell(sk: Skeleton, last: number, stem: boolean): boolean {
  const code = sk.codes.charCodeAt(last);
  const next = last + 1;
  if (next >= sk.codes.length) return true;
  if (isLatin(code))
    return stem || sk.sepBefore[next] === true || !isLatin(sk.codes.charCodeAt(next));
  if (isVowelCode(code)) return !isFinalCode(sk.codes.charCodeAt(next));
  return true;
}

/** A stem's hit covers the whole word it starts (nudif* → "nudifying"), for the moderator. */
function wordEnd(sk: Skeleton, last: number): number {
  let end = last;
  while (
    end + 1 < sk.codes.length &&
    isLatin(sk.codes.charCodeAt(end + 1)) &&
    sk.sepBefore[end + 1] !== true
  ) {
    end++;
  }
  return end;
}

/** Where each part occurs in the skeleton (start offsets, ascending): from PartAutomaton. */
export type Occurrences = (codes: string) => readonly number[];

/**
 * The first well-bounded occurrence of each later part at or after a position. Positions only
 * grow while one pattern is searched, so each part's cursor moves forward only: the search
 * stays linear in the occurrences even when a first part is everywhere and the rest nowhere.
 */
class PartCursors {
  readonly #index: number[];
  constructor(
    private readonly sk: Skeleton,
    private readonly pattern: CompiledPattern,
    private readonly occurrences: Occurrences,
  ) {
    this.#index = pattern.parts.map(() => 0);
  }

  next(p: number, pos: number): number {
    const { codes, stem } = this.pattern.parts[p]!;
    const list = this.occurrences(codes);
    let k = this.#index[p]!;
    for (; k < list.length; k++) {
      const at = list[k]!;
      if (at >= pos && startsWell(this.sk, at) && endsWell(this.sk, at + codes.length - 1, stem)) {
        break;
      }
    }
    this.#index[p] = k;
    return k < list.length ? list[k]! : -1;
  }
}

/** Where the rest of a pattern follows a first part ending before `from`, or -1. */
function followEnd(pattern: CompiledPattern, cursors: PartCursors, from: number): number {
  let pos = from;
  for (let p = 1; p < pattern.parts.length; p++) {
    const at = cursors.next(p, pos);
    if (at === -1 || at - pos > MAX_GAP) return -1;
    pos = at + pattern.parts[p]!.codes.length;
  }
  return pos;
}

export function findPattern(
  sk: Skeleton,
  pattern: CompiledPattern,
  occurrences: Occurrences,
): Hit[] {
  const hits: Hit[] = [];
  const { codes: first, stem: firstStem } = pattern.parts[0]!;
  const lastStem = pattern.parts[pattern.parts.length - 1]!.stem;
  const starts = occurrences(first);
  if (starts.length === 0) return hits;
  const cursors = new PartCursors(sk, pattern, occurrences);
  let from = 0;
  for (const at of starts) {
    if (at < from) continue;
    const firstEnd = at + first.length;
    if (!startsWell(sk, at) || !endsWell(sk, firstEnd - 1, firstStem)) continue;
    const end = pattern.parts.length === 1 ? firstEnd : followEnd(pattern, cursors, firstEnd);
    if (end === -1) continue;
    hits.push({ first: at, last: lastStem ? wordEnd(sk, end - 1) : end - 1 });
    if (hits.length >= MAX_HITS_PER_PATTERN) break;
    from = end;
  }
  return hits;
}
