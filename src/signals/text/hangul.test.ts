import { describe, expect, it } from "vitest";
import { choseongOf, compatJamoOf, decomposeSyllable } from "./hangul.js";

const codes = (s: string): string[] => [...s].map((c) => c.codePointAt(0)!.toString(16));

describe("hangul", () => {
  it("decomposes a syllable into initial, vowel and final jamo", () => {
    expect(codes(decomposeSyllable("욕".codePointAt(0)!))).toEqual(["110b", "116d", "11a8"]);
    expect(codes(decomposeSyllable("지".codePointAt(0)!))).toEqual(["110c", "1175"]);
  });

  it("reads compatibility, halfwidth and conjoining jamo as the same letter", () => {
    expect(compatJamoOf("ㄱ".codePointAt(0)!)).toBe("ㄱ");
    expect(compatJamoOf(0xffa1)).toBe("ㄱ"); // halfwidth ㄱ
    expect(compatJamoOf(0x1100)).toBe("ㄱ"); // conjoining initial ㄱ
    expect(compatJamoOf(0x11a8)).toBe("ㄱ"); // conjoining final ㄱ
    expect(compatJamoOf("a".codePointAt(0)!)).toBeUndefined();
  });

  it("gives the initial-consonant abbreviation of a term", () => {
    expect(choseongOf("지인능욕")).toBe("ㅈㅇㄴㅇ");
    expect(choseongOf("딥페이크 봇")).toBe("ㄷㅍㅇㅋㅂ");
  });
});
