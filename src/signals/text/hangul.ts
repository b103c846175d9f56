/**
 * Hangul as jamo. A syllable is decomposed into its initial (L), vowel (V) and optional final (T)
 * so that partial and jamo-typed spellings meet the lexicon letter by letter. The role of each
 * consonant is kept in the code it is written as (conjoining L vs T code points): without it
 * "기능 요구" (feature requirement) would contain the letters of "능욕" — the final ㅇ of 능 and
 * the initial ㄱ of 구 would stand in for the ㅇ and ㄱ of 욕.
 */

/** The 19 initials, 21 vowels and 27 finals of modern Hangul, as compatibility jamo. */
export const CHOSEONG = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ";
export const JUNGSEONG = "ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ";
export const JONGSEONG = "ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ";

const SYLLABLE_FIRST = 0xac00;
const SYLLABLE_LAST = 0xd7a3;
const L_BASE = 0x1100;
const V_BASE = 0x1161;
const T_BASE = 0x11a8;

export function isSyllable(cp: number): boolean {
  return cp >= SYLLABLE_FIRST && cp <= SYLLABLE_LAST;
}

/** The conjoining jamo of a precomposed syllable: L V or L V T. */
export function decomposeSyllable(cp: number): string {
  const index = cp - SYLLABLE_FIRST;
  const t = index % 28;
  const v = Math.floor(index / 28) % 21;
  const l = Math.floor(index / 588);
  const lv = String.fromCharCode(L_BASE + l, V_BASE + v);
  return t === 0 ? lv : lv + String.fromCharCode(T_BASE + t - 1);
}

/** A compatibility jamo as an initial (L), if it can be one. */
export function asInitial(compat: string): string | undefined {
  const i = CHOSEONG.indexOf(compat);
  return i < 0 ? undefined : String.fromCharCode(L_BASE + i);
}

export function asVowel(compat: string): string | undefined {
  const i = JUNGSEONG.indexOf(compat);
  return i < 0 ? undefined : String.fromCharCode(V_BASE + i);
}

export function asFinal(compat: string): string | undefined {
  const i = JONGSEONG.indexOf(compat);
  return i < 0 ? undefined : String.fromCharCode(T_BASE + i);
}

export function isVowelCode(code: number): boolean {
  return code >= V_BASE && code < V_BASE + 21;
}

export function isFinalCode(code: number): boolean {
  return code >= T_BASE && code < T_BASE + 27;
}

function isHangulJamoRange(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x11ff) ||
    (cp >= 0x3131 && cp <= 0x318e) ||
    (cp >= 0xffa0 && cp <= 0xffdc)
  );
}

/**
 * Any jamo the text may hold — compatibility (ㄱ, typed alone), halfwidth (ﾡ) or conjoining
 * (ᄀ) — as the compatibility letter, or undefined when it is not a modern letter. Its role is
 * decided later from its neighbours, as a keyboard's input method would.
 */
export function compatJamoOf(cp: number): string | undefined {
  if (!isHangulJamoRange(cp)) return undefined;
  if (cp >= 0x3131 && cp <= 0x3163) return String.fromCodePoint(cp);
  // NFKC turns halfwidth jamo into conjoining ones, which index straight into the tables.
  const code = String.fromCodePoint(cp).normalize("NFKC").codePointAt(0) ?? 0;
  if (code >= L_BASE && code < L_BASE + 19) return CHOSEONG[code - L_BASE];
  if (code >= V_BASE && code < V_BASE + 21) return JUNGSEONG[code - V_BASE];
  if (code >= T_BASE && code < T_BASE + 27) return JONGSEONG[code - T_BASE];
  if (code >= 0x3131 && code <= 0x3163) return String.fromCodePoint(code);
  return undefined;
}

export function isCompatVowel(compat: string): boolean {
  return JUNGSEONG.includes(compat);
}

/** The initial-consonant abbreviation of a Korean term: 지인능욕 → ㅈㅇㄴㅇ (syllables only). */
export function choseongOf(term: string): string {
  let out = "";
  for (const ch of term) {
    const cp = ch.codePointAt(0) ?? 0;
    if (isSyllable(cp)) out += CHOSEONG[Math.floor((cp - SYLLABLE_FIRST) / 588)];
  }
  return out;
}
