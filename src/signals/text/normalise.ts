/**
 * Text → skeleton: one code unit per letter, everything that is not a letter dropped, each unit
 * remembering the span of the original (UTF-16 offsets) it came from. The lexicon is compiled
 * through the same function, so a term and an evasive spelling of it meet on the same skeleton.
 *
 * Steps, per code point: lone surrogates, controls, punctuation, symbols, marks and zero-width
 * characters become separators; Hangul syllables become L V (T) jamo and loose jamo get their
 * role from their neighbours (hangul.ts); everything else goes through NFKC (full-width letters,
 * ligatures, circled letters), lower case and diacritic folding. Then, per whitespace-separated
 * word: look-alike letters and leet digits become Latin letters when the word has a Latin letter,
 * and a censor mark between Latin letters (f*ce, p**n) becomes WILDCARD, one per mark.
 */
import {
  asFinal,
  asInitial,
  asVowel,
  compatJamoOf,
  decomposeSyllable,
  isCompatVowel,
} from "./hangul.js";
import { isSyllable } from "./hangul.js";
import { foldDiacritic, HOMOGLYPHS, LATIN_VARIANTS, LEET_DIGITS, LEET_SYMBOLS } from "./fold.js";

/** Letters of a script the lexicon does not know: never matched, but they break a match. */
export const OTHER_LETTER = "\ufffd";
/**
 * A censored letter (the `*` of "f*ce sw@p", "p**n"): a unit of its own that the lexicon's
 * censored spellings match (pattern.ts), never an ordinary letter.
 */
export const WILDCARD = "*";
/** Marks that stand for a hidden letter. Full-width ＊ arrives here as `*` through NFKC. */
const CENSOR_MARKS = new Set(["*", "∗", "✱"]);
/** Longer runs are decoration ("so ***** good"), not a censored letter or two. */
const MAX_CENSOR_RUN = 2;

export interface Skeleton {
  /**
   * One UTF-16 code unit per letter: a-z, WILDCARD, conjoining jamo, a lone compatibility
   * consonant, or OTHER_LETTER.
   */
  readonly codes: string;
  /** Original span of each unit, end exclusive. */
  readonly starts: readonly number[];
  readonly ends: readonly number[];
  /** A separator (space, symbol, zero-width…) stood between this unit and the previous one. */
  readonly sepBefore: readonly boolean[];
}

type Kind =
  "space" | "sep" | "latin" | "homoglyph" | "leet" | "censor" | "hangul" | "jamo" | "other";

interface Item {
  readonly start: number;
  readonly end: number;
  kind: Kind;
  value: string;
}

const SPACE = /^\s$/u;
const LETTER = /^\p{L}$/u;

function classifyFolded(ch: string, start: number, end: number, out: Item[]): void {
  const cp = ch.codePointAt(0) ?? 0;
  if (isSyllable(cp))
    return void out.push({ start, end, kind: "hangul", value: decomposeSyllable(cp) });
  const jamo = compatJamoOf(cp);
  if (jamo !== undefined) return void out.push({ start, end, kind: "jamo", value: jamo });
  const lower = ch.toLowerCase();
  const item = (kind: Kind, value: string): void => void out.push({ start, end, kind, value });
  if (lower.length === 1 && lower >= "a" && lower <= "z") return item("latin", lower);
  if (LATIN_VARIANTS[lower] !== undefined) return item("latin", LATIN_VARIANTS[lower]);
  if (HOMOGLYPHS[lower] !== undefined) return item("homoglyph", lower);
  if (LEET_DIGITS[lower] !== undefined || LEET_SYMBOLS[lower] !== undefined)
    return item("leet", lower);
  if (CENSOR_MARKS.has(lower)) return item("censor", WILDCARD);
  const base = foldDiacritic(lower);
  if (base !== undefined) return item("latin", base);
  if (LETTER.test(ch)) return item("other", OTHER_LETTER);
  item(SPACE.test(ch) ? "space" : "sep", "");
}

/** ASCII without NFKC or regular expressions: most of what is analysed. */
function classifyAscii(cp: number, i: number, items: Item[]): void {
  const item = (kind: Kind, value: string): void =>
    void items.push({ start: i, end: i + 1, kind, value });
  const ch = String.fromCharCode(cp | (cp >= 0x41 && cp <= 0x5a ? 0x20 : 0));
  if (ch >= "a" && ch <= "z") item("latin", ch);
  else if (LEET_DIGITS[ch] !== undefined || LEET_SYMBOLS[ch] !== undefined) item("leet", ch);
  else if (cp === 0x2a) item("censor", WILDCARD);
  else if (cp === 0x20 || (cp >= 0x09 && cp <= 0x0d)) item("space", "");
  else item("sep", "");
}

function classify(text: string): Item[] {
  const items: Item[] = [];
  for (let i = 0; i < text.length;) {
    const cp = text.codePointAt(i) ?? 0;
    if (cp < 0x80) {
      classifyAscii(cp, i, items);
      i++;
      continue;
    }
    const end = i + (cp > 0xffff ? 2 : 1);
    const ch = text.slice(i, end);
    if (cp >= 0xd800 && cp <= 0xdfff) items.push({ start: i, end, kind: "sep", value: "" });
    else if (SPACE.test(ch)) items.push({ start: i, end, kind: "space", value: "" });
    else if (isSyllable(cp) || compatJamoOf(cp) !== undefined) classifyFolded(ch, i, end, items);
    // NFKC may give several characters (㈜ → (주), ﬁ → fi); all keep this code point's span.
    else for (const folded of ch.normalize("NFKC")) classifyFolded(folded, i, end, items);
    i = end;
  }
  return items;
}

/**
 * For each item of a word, whether the nearest item on one side — skipping separators and other
 * leet candidates — is a Latin letter. One pass per side, so a word of 10,000 zeros stays linear.
 */
function latinBeside(items: readonly Item[], lo: number, hi: number, step: 1 | -1): boolean[] {
  const out = new Array<boolean>(hi - lo).fill(false);
  let latin = false;
  const [from, to] = step === 1 ? [lo, hi] : [hi - 1, lo - 1];
  for (let k = from; k !== to; k += step) {
    out[k - lo] = latin;
    const kind = items[k]!.kind;
    if (kind !== "sep" && kind !== "leet" && kind !== "censor") latin = kind === "latin";
  }
  return out;
}

function resolveWord(items: Item[], lo: number, hi: number): void {
  let hasLatin = false;
  for (let k = lo; k < hi; k++) if (items[k]!.kind === "latin") hasLatin = true;
  for (let k = lo; k < hi; k++) {
    const item = items[k]!;
    if (item.kind === "homoglyph") {
      item.kind = hasLatin ? "latin" : "other";
      item.value = hasLatin ? HOMOGLYPHS[item.value]! : OTHER_LETTER;
    }
  }
  if (!hasLatin) {
    for (let k = lo; k < hi; k++) {
      const item = items[k]!;
      if (item.kind === "leet" || item.kind === "censor") item.kind = "sep";
    }
    return;
  }
  const leftLatin = latinBeside(items, lo, hi, 1);
  const rightLatin = latinBeside(items, lo, hi, -1);
  for (let k = lo; k < hi; k++) {
    const item = items[k]!;
    if (item.kind !== "leet") continue;
    const left = leftLatin[k - lo]!;
    const right = rightLatin[k - lo]!;
    const symbol = LEET_SYMBOLS[item.value];
    const ok = symbol ? (symbol.needs === "both" ? left && right : right) : left || right;
    item.kind = ok ? "latin" : "sep";
    item.value = ok ? (symbol?.letter ?? LEET_DIGITS[item.value] ?? "") : "";
  }
  resolveCensors(items, lo, hi);
}

/**
 * A run of censor marks directly between two Latin letters of a word hides that many letters;
 * anywhere else (a footnote*, "*****", a word of its own) it is punctuation.
 */
function resolveCensors(items: Item[], lo: number, hi: number): void {
  for (let k = lo; k < hi; k++) {
    if (items[k]!.kind !== "censor") continue;
    let end = k;
    while (end + 1 < hi && items[end + 1]!.kind === "censor") end++;
    const hidden =
      k > lo &&
      end + 1 < hi &&
      items[k - 1]!.kind === "latin" &&
      items[end + 1]!.kind === "latin" &&
      end - k + 1 <= MAX_CENSOR_RUN;
    for (let c = k; c <= end; c++) items[c]!.kind = hidden ? "latin" : "sep";
    k = end;
  }
}

function resolveWords(items: Item[]): void {
  let lo = 0;
  for (let k = 0; k <= items.length; k++) {
    if (k === items.length || items[k]!.kind === "space") {
      resolveWord(items, lo, k);
      lo = k + 1;
    }
  }
}

/**
 * A loose jamo's role, as an input method would compose it: a consonant before a vowel is an
 * initial, after a loose vowel a final, otherwise it stays a lone consonant (ㅈㅇㄴㅇ).
 */
function jamoCode(units: readonly Item[], k: number): string {
  const c = units[k]!.value;
  if (isCompatVowel(c)) return asVowel(c)!;
  const next = units[k + 1];
  const prev = units[k - 1];
  const initial = asInitial(c);
  if (initial && next?.kind === "jamo" && isCompatVowel(next.value)) return initial;
  const final = asFinal(c);
  if (final && prev?.kind === "jamo" && isCompatVowel(prev.value)) return final;
  return c;
}

/** The skeleton of `text`, which the caller has already capped in length. */
export function skeletonOf(text: string): Skeleton {
  const items = classify(text);
  resolveWords(items);
  const letters: Item[] = [];
  const afterSep: boolean[] = [];
  let pending = false;
  for (const item of items) {
    if (item.kind === "space" || item.kind === "sep") pending = true;
    else {
      letters.push(item);
      afterSep.push(pending);
      pending = false;
    }
  }
  const parts: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  const sepBefore: boolean[] = [];
  letters.forEach((item, k) => {
    const value = item.kind === "jamo" ? jamoCode(letters, k) : item.value;
    parts.push(value);
    for (let c = 0; c < value.length; c++) {
      starts.push(item.start);
      ends.push(item.end);
      sepBefore.push(c === 0 && afterSep[k] === true);
    }
  });
  return { codes: parts.join(""), starts, ends, sepBefore };
}
