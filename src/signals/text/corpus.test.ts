/**
 * Precision and recall over the labelled corpus (corpus.json, written for Vigil). The floors sit
 * a little below the measured figures in docs/signals/text.md: a lexicon or normaliser change that
 * costs more than a message or two fails here. Raise them when the figures improve.
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
// Written after the lexicon was frozen and never tuned against: the honest estimate. When the
// lexicon changes, these messages move into corpus.json and a new held-out set is written first.
const holdout = scoreCorpus(load("./corpus-holdout.json"), (text) => findTextSignals(text));

describe("text corpus", () => {
  it("holds at least 200 labelled Korean and English messages, roughly balanced", () => {
    expect(corpus.length).toBeGreaterThanOrEqual(200);
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
  });

  it.each([
    ["overall", report.overall, 0.95, 0.94],
    ["ko", report.byLanguage.ko, 0.93, 0.94],
    ["en", report.byLanguage.en, 0.97, 0.94],
  ] as const)("%s precision and recall stay above their floors", (_, score, minP, minR) => {
    expect(precision(score)).toBeGreaterThanOrEqual(minP);
    expect(recall(score)).toBeGreaterThanOrEqual(minR);
  });

  it("fires on few ordinary, news and support messages", () => {
    expect(report.overall.clean).toBeGreaterThanOrEqual(100);
    expect(report.overall.cleanFired / report.overall.clean).toBeLessThanOrEqual(0.04);
  });

  it.each(TEXT_CATEGORIES.map((c) => [c] as const))("%s recall stays above 0.85", (category) => {
    expect(recall(report.byCategory[category]!)).toBeGreaterThanOrEqual(0.85);
  });

  it("keeps the held-out figures from falling further", () => {
    expect(precision(holdout.overall)).toBeGreaterThanOrEqual(0.83);
    expect(recall(holdout.overall)).toBeGreaterThanOrEqual(0.88);
  });
});
