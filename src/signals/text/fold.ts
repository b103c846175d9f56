/**
 * Per-character folding tables: Latin look-alikes from other scripts and the digits and symbols
 * that stand in for letters. Both apply only inside a word that already has a Latin letter, so a
 * Russian or Greek word, a price ("$50") or a date stays what it is.
 */

/** Cyrillic and Greek letters that render like Latin ones (lower case, after NFKC). */
export const HOMOGLYPHS: Readonly<Record<string, string>> = {
  а: "a",
  в: "b",
  с: "c",
  ԁ: "d",
  е: "e",
  ё: "e",
  һ: "h",
  і: "i",
  ї: "i",
  ј: "j",
  к: "k",
  м: "m",
  н: "h",
  о: "o",
  п: "n",
  р: "p",
  ԛ: "q",
  ѕ: "s",
  т: "t",
  у: "y",
  ѵ: "v",
  ш: "w",
  х: "x",
  α: "a",
  β: "b",
  ε: "e",
  η: "n",
  ι: "i",
  κ: "k",
  ν: "v",
  ο: "o",
  ρ: "p",
  τ: "t",
  υ: "u",
  χ: "x",
  ω: "w",
};

/**
 * Latin letters in other shapes (small capitals, dotless and script forms): the same script, so
 * they fold everywhere, not only beside another Latin letter. NFKC leaves these alone.
 */
export const LATIN_VARIANTS: Readonly<Record<string, string>> = {
  ᴀ: "a",
  ʙ: "b",
  ᴄ: "c",
  ᴅ: "d",
  ᴇ: "e",
  ꜰ: "f",
  ɢ: "g",
  ʜ: "h",
  ɪ: "i",
  ᴊ: "j",
  ᴋ: "k",
  ʟ: "l",
  ᴍ: "m",
  ɴ: "n",
  ᴏ: "o",
  ᴘ: "p",
  ʀ: "r",
  ꜱ: "s",
  ᴛ: "t",
  ᴜ: "u",
  ᴠ: "v",
  ᴡ: "w",
  ʏ: "y",
  ᴢ: "z",
  ɑ: "a",
  ı: "i",
  ɡ: "g",
};

/** Digits that stand for letters inside a word: n00ds, und3ss, 1 for i. */
export const LEET_DIGITS: Readonly<Record<string, string>> = {
  "0": "o",
  "1": "i",
  "3": "e",
  "4": "a",
  "5": "s",
  "7": "t",
};

/**
 * Symbols that stand for letters. `@` and `!` must sit between letters (n@ked), so a handle
 * (@nudifybot) or an exclamation keeps its word boundary; `$` needs a letter after it ($ex).
 */
export const LEET_SYMBOLS: Readonly<Record<string, { letter: string; needs: "both" | "right" }>> = {
  "@": { letter: "a", needs: "both" },
  "!": { letter: "i", needs: "both" },
  $: { letter: "s", needs: "right" },
};

const DIACRITIC = /^[a-z]\p{M}+$/u;

/** `é` → `e`, `ü` → `u`: a Latin letter with marks only, folded to its base; else undefined. */
export function foldDiacritic(ch: string): string | undefined {
  const decomposed = ch.normalize("NFD");
  return DIACRITIC.test(decomposed) ? decomposed[0] : undefined;
}
