import { describe, expect, it } from "vitest";
import { skeletonOf, WILDCARD } from "./normalise.js";

const codes = (text: string): string => skeletonOf(text).codes;

describe("skeletonOf", () => {
  it("folds full-width, circled and superscript letters through NFKC, and lower-cases", () => {
    expect(codes("ＮＵＤＩＦＹ")).toBe("nudify");
    expect(codes("Ⓝⓤⓓⓘⓕⓨ")).toBe("nudify");
    expect(codes("ᴺᵘᵈⁱᶠʸ")).toBe("nudify");
  });

  it("drops spaces, punctuation, symbols and zero-width characters between letters", () => {
    expect(codes("n u.d-i❤f\u200by")).toBe("nudify");
    expect(codes("지.인 능\u200b욕")).toBe(codes("지인능욕"));
  });

  it("records which letters followed a separator (word starts for Latin terms)", () => {
    expect(skeletonOf("ab c").sepBefore).toEqual([false, false, true]);
  });

  it("decomposes Hangul syllables into jamo, so jamo typed one by one meet the syllables", () => {
    expect(codes("지인능욕")).toHaveLength(11);
    expect(codes("ㅈㅣㅇㅣㄴㄴㅡㅇㅇㅛㄱ")).toBe(codes("지인능욕"));
    expect(codes("지인능ㅇㅛㄱ")).toBe(codes("지인능욕"));
    expect(codes("ㅈ ㅣ ㅇ ㅣ ㄴ")).toBe(codes("지인"));
  });

  it("keeps a consonant's role, so a final and the next initial do not stand in for a word", () => {
    // 기능 요구: the final ㅇ of 능 and the initial ㄱ of 구 must not spell 능욕.
    expect(codes("기능 요구")).not.toContain(codes("능욕"));
  });

  it("keeps lone consonants as such, for initial-consonant abbreviations", () => {
    expect(codes("ㅈㅇㄴㅇ")).toBe("ㅈㅇㄴㅇ");
    expect(codes("하ㅈㅇㄴㅇ")).toBe(`${codes("하")}ㅈㅇㄴㅇ`);
  });

  it("reads Cyrillic and Greek look-alikes as Latin only inside a word with a Latin letter", () => {
    expect(codes("пudify")).toBe("nudify");
    expect(codes("dеерfаkе")).toBe("deepfake");
    // A Russian word stays foreign: its letters match nothing.
    expect(codes("рука")).toBe("\ufffd".repeat(4));
  });

  it("reads small capitals and diacritics as their Latin letters", () => {
    expect(codes("undʀess")).toBe("undress");
    expect(codes("nüdïfy")).toBe("nudify");
  });

  it("reads digits and symbols as letters only beside letters", () => {
    expect(codes("n00ds")).toBe("noods");
    expect(codes("und3ss nud1fy")).toBe("undessnudify");
    expect(codes("n@ked $ex")).toBe("nakedsex");
    // A handle keeps its word start; a price, a year and an exclamation are not letters.
    expect(codes("@nudifybot")).toBe("nudifybot");
    expect(codes("$50 in 2024!")).toBe("in");
  });

  it("maps every letter back to the original UTF-16 span it came from", () => {
    const text = "😀 지.인 ｎ";
    const sk = skeletonOf(text);
    const spans = sk.codes.split("").map((_, i) => text.slice(sk.starts[i], sk.ends[i]));
    expect(spans).toEqual(["지", "지", "인", "인", "인", "ｎ"]);
  });

  it("treats lone surrogates and control characters as separators", () => {
    expect(codes("nu\ud800di\u0000fy\u0007")).toBe("nudify");
    expect(codes("\udfff\ud83d")).toBe("");
  });
});

describe("skeletonOf and censor marks", () => {
  it("reads a star between Latin letters as a hidden letter, one per star", () => {
    expect(codes("f*ce sw@p")).toBe(`f${WILDCARD}ceswap`);
    expect(codes("p**n")).toBe(`p${WILDCARD}${WILDCARD}n`);
    expect(codes("n*d3s")).toBe(`n${WILDCARD}des`);
  });

  it("reads other stars as punctuation: a footnote, decoration, a run of three", () => {
    expect(codes("nudes*")).toBe("nudes");
    expect(codes("so ***** good")).toBe("sogood");
    expect(codes("p***n")).toBe("pn");
    expect(codes("능*욕")).toBe(codes("능욕"));
  });
});
