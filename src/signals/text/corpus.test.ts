/**
 * Precision and recall over the labelled corpus (corpus.json, written for Vigil) and the held-out
 * set (corpus-holdout.json), per language and category. The floors are the figures measured for
 * lexicon 1.2.0 (docs/signals/text.md): a lexicon or normaliser change that loses a single message
 * fails here. Raise them when the figures improve.
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
// Round 3: written before lexicon 1.2.0 was tuned (commit 565917d), measured once after it was
// frozen (b2cdace) and never tuned against. When the lexicon changes, these messages move into
// corpus.json and a new held-out set is written first.
const holdout = scoreCorpus(load("./corpus-holdout.json"), (text) => findTextSignals(text));
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
    ["overall", report.overall, 1, 0.996],
    ["ko", report.byLanguage.ko, 1, 0.996],
    ["en", report.byLanguage.en, 1, 0.996],
  ] as const)("%s precision and recall stay at their floors", (_, score, minP, minR) => {
    expect(precision(score)).toBeGreaterThanOrEqual(minP);
    expect(recall(score)).toBeGreaterThanOrEqual(minR);
  });

  it.each(cells)("%s precision and recall stay at 0.98 or more", (cell) => {
    const score = report.byLanguageCategory[cell]!;
    expect(precision(score)).toBeGreaterThanOrEqual(0.98);
    expect(recall(score)).toBeGreaterThanOrEqual(0.98);
  });

  it("fires on no ordinary, news and support message", () => {
    expect(report.overall.clean).toBeGreaterThanOrEqual(350);
    expect(report.overall.cleanFired).toBe(0);
  });
});

describe("text held-out set", () => {
  it("holds 150 Korean and 150 English messages, 20 of each category per language", () => {
    expect(holdout.overall.tp + holdout.overall.fn).toBe(160);
    expect(holdout.overall.clean).toBe(140);
  });

  it.each([
    ["overall", holdout.overall, 0.98, 0.98],
    ["ko", holdout.byLanguage.ko, 0.986, 0.975],
    ["en", holdout.byLanguage.en, 0.975, 0.987],
  ] as const)("%s precision and recall do not fall", (_, score, minP, minR) => {
    expect(precision(score)).toBeGreaterThanOrEqual(minP);
    expect(recall(score)).toBeGreaterThanOrEqual(minR);
  });

  // The measured figures; en/nudify_tool precision (0.909) is below the 0.95 goal.
  it.each([
    ["ko/solicitation", 1, 1],
    ["ko/nudify_tool", 0.952, 1],
    ["ko/trade", 1, 0.95],
    ["ko/threat", 1, 0.95],
    ["en/solicitation", 1, 1],
    ["en/nudify_tool", 0.909, 1],
    ["en/trade", 1, 1],
    ["en/threat", 1, 0.95],
  ] as const)("%s precision and recall do not fall", (cell, minP, minR) => {
    const score = holdout.byLanguageCategory[cell]!;
    expect(precision(score)).toBeGreaterThanOrEqual(minP);
    expect(recall(score)).toBeGreaterThanOrEqual(minR);
  });

  it("fires on at most 3 of its 140 ordinary, news and support messages", () => {
    expect(holdout.overall.cleanFired).toBeLessThanOrEqual(3);
  });
});
