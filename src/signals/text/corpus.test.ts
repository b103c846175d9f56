/**
 * Precision and recall over the labelled corpus (corpus.json, written for Vigil), per language and
 * category. The floors sit a little below the measured figures in docs/signals/text.md: a lexicon
 * or normaliser change that costs more than a message or two fails here. Raise them when the
 * figures improve.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { findTextSignals } from "./find.js";
import { precision, recall, scoreCorpus, type CorpusItem } from "./evaluate.js";
import { TEXT_CATEGORIES } from "./lexicon-types.js";

const load = (name: string): CorpusItem[] =>
  JSON.parse(readFileSync(new URL(name, import.meta.url), "utf8")) as CorpusItem[];
const corpus = load("./corpus.json");
const report = scoreCorpus(corpus, (text) => findTextSignals(text));
const cells = (["ko", "en"] as const).flatMap((lang) =>
  TEXT_CATEGORIES.map((category) => [`${lang}/${category}`] as const),
);

describe("text corpus", () => {
  it("holds several hundred labelled Korean and English messages, roughly balanced", () => {
    expect(corpus.length).toBeGreaterThanOrEqual(900);
    const ko = corpus.filter((item) => item.lang === "ko").length;
    expect(ko / corpus.length).toBeGreaterThan(0.4);
    expect(ko / corpus.length).toBeLessThan(0.6);
    for (const item of corpus) {
      for (const c of item.expect) expect(TEXT_CATEGORIES).toContain(c);
    }
    const kinds = new Set(corpus.map((item) => item.kind.split("-")[0]));
    for (const kind of [
      "solicitation",
      "nudify",
      "trade",
      "threat",
      "evasion",
      "news",
      "support",
      "chat",
    ]) {
      expect(kinds).toContain(kind);
    }
    for (const cell of cells) {
      const [lang, category] = cell[0].split("/");
      const positives = corpus.filter(
        (item) => item.lang === lang && item.expect.includes(category as never),
      );
      expect(positives.length, cell[0]).toBeGreaterThanOrEqual(50);
    }
  });

  it.each([
    ["overall", report.overall, 0.99, 0.99],
    ["ko", report.byLanguage.ko, 0.99, 0.98],
    ["en", report.byLanguage.en, 0.99, 0.98],
  ] as const)("%s precision and recall stay above their floors", (_, score, minP, minR) => {
    expect(precision(score)).toBeGreaterThanOrEqual(minP);
    expect(recall(score)).toBeGreaterThanOrEqual(minR);
  });

  it.each(cells)("%s precision and recall stay above 0.97", (cell) => {
    const score = report.byLanguageCategory[cell]!;
    expect(precision(score)).toBeGreaterThanOrEqual(0.97);
    expect(recall(score)).toBeGreaterThanOrEqual(0.97);
  });

  it("fires on almost no ordinary, news and support messages", () => {
    expect(report.overall.clean).toBeGreaterThanOrEqual(350);
    expect(report.overall.cleanFired / report.overall.clean).toBeLessThanOrEqual(0.01);
  });
});
