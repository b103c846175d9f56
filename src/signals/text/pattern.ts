/**
 * Lexicon patterns compiled to skeleton strings, and their search in a message's skeleton.
 *
 * Syntax: `make ... nude` — parts in order with at most MAX_GAP letters between them;
 * `nudif*` — a part ending in `*` lets its last Latin word run on (nudify, nudifier, nudifying),
 * and a `*` inside a part lets that word run on by a few letters (`remove* clothes`: "removes
 * clothes");
 * `^니` — a part starting with `^` must start a word, for Korean parts that are also the end of
 * another word (니 "your" vs 언니);
 * `{nude*|naked|topless}` — a part that is any of its alternatives (no `...` or inner `*` in
 * them). `pairs()` in lexicon.ts writes these, so a list of 40 × 40 words is one pattern, not
 * 1,600: the cost of a message follows the patterns it may match, not the lexicon's size.
 * Latin parts must start and end on a word boundary of the original text (so "undress" is not
 * found in "fund ressources"); Korean parts must end on a syllable boundary (so "유포" is not
 * found in "유폭"). Parts are found by one Aho–Corasick pass (automaton.ts); no regular
 * expression runs on the message.
 *
 * Two kinds of spelling are derived from a pattern rather than written: censored Latin parts
 * (f*ce, p**n: `censoredSpellings`) and initial-consonant forms of Korean terms, whole or mixed
 * with full syllables (ㅈㅇㄴㅇ, 지인ㄴㅇ, ㅈㅇ능욕: `compileChoseong`).
 */
import { VigilError } from "../../core/index.js";
import { choseongOf, isFinalCode, isSyllable, isVowelCode, JONGSEONG } from "./hangul.js";
import { skeletonOf, WILDCARD, type Skeleton } from "./normalise.js";

/** Letters allowed between two parts of a pattern (about 8 Hangul syllables or 3 words). */
export const MAX_GAP = 20;
/** Letters a `*` inside a part lets its word run on by: removes, getting, fakes. */
const MAX_RUN_ON = 4;
/** Enough to show a moderator where a term is; more adds nothing to the verdict. */
const MAX_HITS_PER_PATTERN = 4;
/** Below this, a choseong abbreviation is ordinary chat (ㅇㅇ, ㄱㅅ, ㅋㅋ). */
const MIN_CHOSEONG = 3;
/** Mixed forms (지인ㄴㅇ) only for terms this long: 2 syllables mixed (능ㅇ) are everywhere. */
const MIXED_SYLLABLES = { min: 3, max: 4 } as const;
/** People star out one letter anywhere (und*ess), mostly vowels, and only vowels twice (p**n). */
const CENSORED_VOWELS = "aeiouy";
const MAX_TWICE_CENSORED = 6;

/** One spelling a part may take. */
export interface PatternPart {
  /** The part's skeleton. */
  readonly codes: string;
  /** A Latin word may continue after it. */
  readonly stem: boolean;
  /** It must start a word (`^`): at the text's start or after a separator. */
  readonly wordStart?: boolean;
}

/** A place in a pattern and the spellings it may take there, shortest first. */
export interface PatternSlot {
  readonly alternatives: readonly PatternPart[];
  /** Letters allowed between the previous slot and this one. */
  readonly gap: number;
}

export interface CompiledPattern {
  readonly source: string;
  readonly slots: readonly PatternSlot[];
}

/** A found pattern, as skeleton unit indexes (last inclusive). */
export interface Hit {
  readonly first: number;
  readonly last: number;
}

function compilePart(text: string): PatternPart {
  let trimmed = text.trim();
  const wordStart = trimmed.startsWith("^");
  if (wordStart) trimmed = trimmed.slice(1);
  const stem = trimmed.endsWith("*");
  const codes = skeletonOf(stem ? trimmed.slice(0, -1) : trimmed).codes;
  if (codes.length === 0) {
    // The lexicon is code, not request input: a bad pattern is our bug.
    throw new VigilError("internal", "A lexicon pattern has an empty part", { part: text });
  }
  return wordStart ? { codes, stem, wordStart } : { codes, stem };
}

function slotOf(alternatives: readonly string[], gap: number): PatternSlot {
  const parts = alternatives.map(compilePart);
  const distinct = [
    ...new Map(parts.map((p) => [`${p.codes}|${p.stem}|${p.wordStart}`, p])).values(),
  ];
  return { alternatives: distinct.sort((a, b) => a.codes.length - b.codes.length), gap };
}

/**
 * The slots of one `...`-separated chunk: `{a|b}` is one slot of alternatives; `b* c` is b* and
 * c, with a short gap before c for the run-on of b. Cached: the same chunks recur across entries,
 * and a lexicon is code, so the cache is as large as the lexicons there are.
 */
const chunkSlots = new Map<string, readonly PatternSlot[]>();

function slotsOfChunk(chunk: string): readonly PatternSlot[] {
  let slots = chunkSlots.get(chunk);
  if (slots === undefined) {
    const text = chunk.trim();
    if (text.startsWith("{") && text.endsWith("}")) {
      slots = [slotOf(text.slice(1, -1).split("|"), MAX_GAP)];
    } else {
      slots = text
        .split(/\*\s+/)
        .map((word, i, all) =>
          slotOf([i < all.length - 1 ? `${word}*` : word], i === 0 ? MAX_GAP : MAX_RUN_ON),
        );
    }
    chunkSlots.set(chunk, slots);
  }
  return slots;
}

export function compilePattern(source: string): CompiledPattern {
  return { source, slots: source.split("...").flatMap(slotsOfChunk) };
}

const single = (source: string): CompiledPattern => ({
  source,
  slots: [{ alternatives: [{ codes: skeletonOf(source).codes, stem: false }], gap: MAX_GAP }],
});

/** A syllable without a final, followed by `consonant` as its final (지 + ㅇ → 징), if it can be. */
function closeWith(syllable: string, consonant: string): string | undefined {
  const cp = syllable.codePointAt(0) ?? 0;
  const final = JONGSEONG.indexOf(consonant);
  if (!isSyllable(cp) || (cp - 0xac00) % 28 !== 0 || final < 0) return undefined;
  return String.fromCodePoint(cp + final + 1);
}

/**
 * Every way of writing some syllables of a term as their initial consonant, at least two of them
 * (지인ㄴㅇ, ㅈㅇ능욕, 지ㅇㄴㅇ); a consonant after an open syllable also as that syllable's final,
 * which is what a keyboard makes of it (지 + ㅇ → 징: "징ㄴㅇ").
 */
function mixedForms(syllables: readonly string[]): string[] {
  const out: string[] = [];
  for (let mask = 1; mask < (1 << syllables.length) - 1; mask++) {
    const abbreviate = syllables.map((_, i) => (mask & (1 << i)) !== 0);
    if (abbreviate.filter(Boolean).length < 2) continue;
    let forms = [""];
    syllables.forEach((syllable, i) => {
      const initial = choseongOf(syllable);
      forms = forms.flatMap((form) => {
        if (!abbreviate[i]) return [form + syllable];
        const closed = form.length > 0 ? closeWith(form.slice(-1), initial) : undefined;
        return closed ? [form + initial, form.slice(0, -1) + closed] : [form + initial];
      });
    });
    out.push(...forms);
  }
  return out;
}

/**
 * The initial-consonant forms of a Korean pattern without gaps: the whole abbreviation
 * (ㅈㅇㄴㅇ) when long enough to mean it, and for terms of 3–4 syllables the mixed ones
 * (지인ㄴㅇ, ㅈㅇ능욕, 징ㄴㅇ).
 */
export function compileChoseong(source: string): CompiledPattern[] {
  if (source.includes("...")) return [];
  const syllables = [...source].filter((ch) => isSyllable(ch.codePointAt(0) ?? 0));
  const abbreviation = choseongOf(source);
  const out = abbreviation.length >= MIN_CHOSEONG ? [single(abbreviation)] : [];
  const whole = syllables.join("") === source.replace(/\s+/g, "");
  if (whole && syllables.length >= MIXED_SYLLABLES.min && syllables.length <= MIXED_SYLLABLES.max) {
    out.push(...mixedForms(syllables).map(single));
  }
  return out;
}

/**
 * A Latin part as it may be censored: one letter, or two vowels, inside it hidden by WILDCARD,
 * as the normaliser writes "f*ce" and "p**n". Same length as the part, so a hit maps back like
 * the plain spelling.
 */
export function censoredSpellings(codes: string): string[] {
  if (!/^[a-z]+$/.test(codes)) return [];
  const hide = (positions: readonly number[]): string => {
    const chars = [...codes];
    for (const i of positions) chars[i] = WILDCARD;
    return chars.join("");
  };
  const out: string[] = [];
  const vowels: number[] = [];
  // Never the first or last letter: a star sits inside a word, so "a p*rn" is not "ap*" (app).
  for (let i = 1; i < codes.length - 1; i++) {
    out.push(hide([i]));
    if (CENSORED_VOWELS.includes(codes[i]!)) vowels.push(i);
  }
  // Two hidden vowels: anywhere in a short word (p**n, n*d*s), side by side in a longer one
  // (d**pfake); more than one star per word is rare beyond that.
  vowels.forEach((i, a) =>
    vowels.slice(a + 1).forEach((j) => {
      if (codes.length <= MAX_TWICE_CENSORED || j === i + 1) out.push(hide([i, j]));
    }),
  );
  return out;
}

const WILDCARD_CODE = WILDCARD.charCodeAt(0);
/** A Latin letter or a censored one, for word boundaries. */
const isLatin = (code: number): boolean => (code >= 0x61 && code <= 0x7a) || code === WILDCARD_CODE;

function startsWell(sk: Skeleton, at: number, wordStart: boolean | undefined): boolean {
  if (wordStart) return at === 0 || sk.sepBefore[at] === true;
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

/** Where a spelling occurs in the skeleton (start offsets, ascending): from PartAutomaton. */
export type Occurrences = (codes: string) => readonly number[];

/** Alternatives per slot are far fewer; a found place is `start * ALT + alternative`. */
const ALT = 1024;

/**
 * Where each slot occurs, its alternatives merged in one ascending list (start, then the
 * shortest alternative). One per message: slots are shared by many patterns, and so is this.
 */
export class SlotOccurrences {
  readonly #merged = new Map<PatternSlot, readonly number[]>();
  constructor(private readonly occurrences: Occurrences) {}

  of(slot: PatternSlot): readonly number[] {
    let list = this.#merged.get(slot);
    if (list === undefined) {
      const found: number[] = [];
      slot.alternatives.forEach((part, alt) => {
        for (const at of this.occurrences(part.codes)) found.push(at * ALT + alt);
      });
      list = found.sort((a, b) => a - b);
      this.#merged.set(slot, list);
    }
    return list;
  }
}

/** A slot found at `at` in the spelling `part`, if it starts and ends where a word may. */
function bounded(sk: Skeleton, slot: PatternSlot, place: number): PatternPart | undefined {
  const at = Math.floor(place / ALT);
  const part = slot.alternatives[place % ALT]!;
  const ok =
    startsWell(sk, at, part.wordStart) && endsWell(sk, at + part.codes.length - 1, part.stem);
  return ok ? part : undefined;
}

/**
 * The first well-bounded place of each later slot at or after a position. Positions only grow
 * while one pattern is searched, so each slot's cursor moves forward only: the search stays
 * linear in the places even when a first slot is everywhere and the rest nowhere.
 */
class SlotCursors {
  readonly #index: number[];
  constructor(
    private readonly sk: Skeleton,
    private readonly pattern: CompiledPattern,
    private readonly places: SlotOccurrences,
  ) {
    this.#index = pattern.slots.map(() => 0);
  }

  /** The start and spelling of slot `s` at or after `pos`, or undefined. */
  next(s: number, pos: number): { at: number; part: PatternPart } | undefined {
    const slot = this.pattern.slots[s]!;
    const list = this.places.of(slot);
    let k = this.#index[s]!;
    // Places before `pos`, or badly bounded, will not do for any later call either.
    for (; k < list.length; k++) {
      const at = Math.floor(list[k]! / ALT);
      if (at < pos) continue;
      const part = bounded(this.sk, slot, list[k]!);
      if (part) {
        this.#index[s] = k;
        return { at, part };
      }
    }
    this.#index[s] = k;
    return undefined;
  }
}

/** Where the rest of a pattern follows a first slot ending before `from`, and its last spelling. */
function follow(
  pattern: CompiledPattern,
  cursors: SlotCursors,
  from: number,
): { end: number; last: PatternPart } | undefined {
  let pos = from;
  let last: PatternPart | undefined;
  for (let s = 1; s < pattern.slots.length; s++) {
    const found = cursors.next(s, pos);
    if (!found || found.at - pos > pattern.slots[s]!.gap) return undefined;
    pos = found.at + found.part.codes.length;
    last = found.part;
  }
  return last && { end: pos, last };
}

export function findPattern(
  sk: Skeleton,
  pattern: CompiledPattern,
  places: SlotOccurrences,
): Hit[] {
  const hits: Hit[] = [];
  const firstSlot = pattern.slots[0]!;
  const starts = places.of(firstSlot);
  if (starts.length === 0) return hits;
  const cursors = new SlotCursors(sk, pattern, places);
  let from = 0;
  for (const place of starts) {
    const at = Math.floor(place / ALT);
    if (at < from) continue;
    const first = bounded(sk, firstSlot, place);
    if (!first) continue;
    const firstEnd = at + first.codes.length;
    const rest =
      pattern.slots.length === 1
        ? { end: firstEnd, last: first }
        : follow(pattern, cursors, firstEnd);
    if (!rest) continue;
    hits.push({ first: at, last: rest.last.stem ? wordEnd(sk, rest.end - 1) : rest.end - 1 });
    if (hits.length >= MAX_HITS_PER_PATTERN) break;
    from = rest.end;
  }
  return hits;
}
