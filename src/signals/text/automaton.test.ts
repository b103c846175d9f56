import { describe, expect, it } from "vitest";
import { PartAutomaton } from "./automaton.js";

/** The same answer the slow way. */
function naive(parts: readonly string[], text: string): number[][] {
  return parts.map((part) => {
    const at: number[] = [];
    for (let i = text.indexOf(part); i !== -1; i = text.indexOf(part, i + 1)) at.push(i);
    return at;
  });
}

/** The automaton's sparse answer as one list per part, empty where nothing was found. */
function dense(automaton: PartAutomaton, parts: readonly string[], text: string): number[][] {
  const found = automaton.occurrences(text);
  return parts.map((_, id) => found.get(id) ?? []);
}

describe("PartAutomaton", () => {
  it("finds every occurrence of every part, overlapping and nested ones too", () => {
    const parts = ["he", "she", "his", "hers", "e", "ushers", "s"];
    const text = "ushershishehers";
    expect(dense(new PartAutomaton(parts), parts, text)).toEqual(naive(parts, text));
  });

  it("agrees with indexOf on random text over a small alphabet", () => {
    let seed = 7;
    const rand = (n: number): number => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % n;
    const word = (len: number): string =>
      Array.from({ length: len }, () => "abc"[rand(3)]).join("");
    const parts = [...new Set(Array.from({ length: 40 }, () => word(1 + rand(5))))];
    const text = word(2000);
    expect(dense(new PartAutomaton(parts), parts, text)).toEqual(naive(parts, text));
  });
});
