/**
 * Precision and recall of the text findings over a labelled corpus, counted per category: a
 * message expected to be `trade` that yields `trade` and `threat` is one true and one false
 * positive. Used by the corpus test, the benchmark and the figures in docs/signals/text.md.
 */
import type { TextLanguage, TextSignal } from "../types.js";
import { TEXT_CATEGORIES, type TextCategory } from "./lexicon-types.js";

export interface CorpusItem {
  readonly lang: TextLanguage;
  /** What the message is: solicitation, evasion-jamo, news, chat… */
  readonly kind: string;
  readonly text: string;
  readonly expect: readonly TextCategory[];
}

export interface Score {
  tp: number;
  fp: number;
  fn: number;
  /** Messages expected to be clean that yielded any finding. */
  cleanFired: number;
  clean: number;
}

export interface Mistake {
  readonly item: CorpusItem;
  readonly got: readonly string[];
}

export interface CorpusReport {
  readonly overall: Score;
  readonly byLanguage: Readonly<Record<TextLanguage, Score>>;
  readonly byCategory: Readonly<Record<string, Score>>;
  /** Keyed `ko/trade`. */
  readonly byLanguageCategory: Readonly<Record<string, Score>>;
  readonly mistakes: readonly Mistake[];
}

const empty = (): Score => ({ tp: 0, fp: 0, fn: 0, cleanFired: 0, clean: 0 });

export const precision = (s: Score): number => (s.tp + s.fp === 0 ? 1 : s.tp / (s.tp + s.fp));
export const recall = (s: Score): number => (s.tp + s.fn === 0 ? 1 : s.tp / (s.tp + s.fn));

export function scoreCorpus(
  items: readonly CorpusItem[],
  find: (text: string) => readonly TextSignal[],
): CorpusReport {
  const overall = empty();
  const byLanguage: Record<TextLanguage, Score> = { ko: empty(), en: empty() };
  const byCategory: Record<string, Score> = {};
  for (const c of TEXT_CATEGORIES) byCategory[`${c}`] = empty();
  const byLanguageCategory: Record<string, Score> = {};
  const mistakes: Mistake[] = [];
  for (const item of items) {
    const got = new Set(find(item.text).map((s) => s.category));
    const expected = new Set<string>(item.expect);
    const scores = [overall, byLanguage[item.lang]];
    const add = (category: string, field: "tp" | "fp" | "fn"): void => {
      const perCategory = (byCategory[category] ??= empty());
      const perBoth = (byLanguageCategory[`${item.lang}/${category}`] ??= empty());
      for (const s of [...scores, perCategory, perBoth]) s[field]++;
    };
    for (const c of got) add(c, expected.has(c) ? "tp" : "fp");
    for (const c of expected) if (!got.has(c)) add(c, "fn");
    if (expected.size === 0) {
      for (const s of scores) {
        s.clean++;
        if (got.size > 0) s.cleanFired++;
      }
    }
    const same = got.size === expected.size && [...got].every((c) => expected.has(c));
    if (!same) mistakes.push({ item, got: [...got] });
  }
  return { overall, byLanguage, byCategory, byLanguageCategory, mistakes };
}
