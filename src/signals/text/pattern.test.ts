import { describe, expect, it } from "vitest";
import {
  censoredSpellings,
  compileChoseong,
  compilePattern,
  findPattern,
  SlotOccurrences,
} from "./pattern.js";
import { skeletonOf, WILDCARD } from "./normalise.js";

/** Hits of one pattern in a text, as the original substrings, searched the slow way. */
function found(source: string, text: string): string[] {
  const sk = skeletonOf(text);
  const places = new SlotOccurrences((codes) => {
    const at: number[] = [];
    for (let i = sk.codes.indexOf(codes); i !== -1; i = sk.codes.indexOf(codes, i + 1)) at.push(i);
    return at;
  });
  return findPattern(sk, compilePattern(source), places).map((hit) =>
    text.slice(sk.starts[hit.first], sk.ends[hit.last]),
  );
}

describe("compilePattern and findPattern", () => {
  it("reads {a|b} as one part that is any of its words", () => {
    const pattern = compilePattern("{sell*|trad*} ... {nude*|deepfake*}");
    expect(pattern.slots).toHaveLength(2);
    expect(
      found("{sell*|trad*} ... {nude*|deepfake*}", "trading deepfakes, selling nudes"),
    ).toEqual(["trading deepfakes", "selling nudes"]);
    expect(found("{sell*|trad*} ... {nude*|deepfake*}", "selling my bike")).toEqual([]);
  });

  it("lets a word marked * inside a part run on by a few letters, not a sentence", () => {
    expect(found("remove* clothes", "it removes clothes")).toEqual(["removes clothes"]);
    expect(found("remove* clothes", "remove the clothes")).toEqual(["remove the clothes"]);
    expect(found("remove* clothes", "remove all of the winter clothes")).toEqual([]);
  });

  it("keeps a part marked ^ to word starts (니 is not the end of 언니)", () => {
    expect(found("^니 ... 사진", "니 사진")).toEqual(["니 사진"]);
    expect(found("^니 ... 사진", "언니 사진")).toEqual([]);
  });

  it("rejects a pattern with an empty part: the lexicon is code", () => {
    expect(() => compilePattern("nude ... ...")).toThrow();
  });
});

describe("censoredSpellings", () => {
  it("hides one letter inside a word, or two vowels, never the first or last letter", () => {
    const forms = censoredSpellings("porn");
    expect(forms).toContain(`p${WILDCARD}rn`);
    expect(forms).toContain(`po${WILDCARD}n`);
    expect(forms).not.toContain(`${WILDCARD}orn`);
    expect(forms).not.toContain(`por${WILDCARD}`);
    expect(censoredSpellings("nudes")).toContain(`n${WILDCARD}d${WILDCARD}s`);
    // In a longer word only side by side: d**pfake, not d*epf*ke.
    expect(censoredSpellings("deepfake")).toContain(`d${WILDCARD}${WILDCARD}pfake`);
    expect(censoredSpellings("deepfake")).not.toContain(`d${WILDCARD}epf${WILDCARD}ke`);
    expect(censoredSpellings("지인")).toEqual([]);
  });
});

describe("compileChoseong", () => {
  it("gives the whole abbreviation and, for 3–4 syllables, the mixed forms one types", () => {
    const forms = compileChoseong("지인능욕").map((p) => p.source);
    expect(forms).toContain("ㅈㅇㄴㅇ");
    expect(forms).toContain("지인ㄴㅇ");
    expect(forms).toContain("ㅈㅇ능욕");
    expect(forms).toContain("지ㅇㄴㅇ");
    // 지 + ㅇ typed on: the keyboard closes the syllable.
    expect(forms).toContain("징ㄴㅇ");
    // One consonant alone is too little to mean the term.
    expect(forms).not.toContain("지인능ㅇ");
    expect(compileChoseong("능욕").map((p) => p.source)).toEqual([]);
  });
});
