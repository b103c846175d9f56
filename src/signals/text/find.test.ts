import { describe, expect, it } from "vitest";
import { DEFAULT_TEXT_MAX_LENGTH, findTextSignals } from "./find.js";
import { VIGIL_LEXICON } from "./lexicon.js";
import type { Lexicon } from "./lexicon-types.js";

const categories = (text: string): string[] => findTextSignals(text).map((s) => s.category);

describe("findTextSignals", () => {
  it("finds a term with its category, weight, language, entry and model", () => {
    const [signal, ...rest] = findTextSignals("지인능욕 해주실 분");
    expect(rest).toEqual([]);
    expect(signal).toMatchObject({
      kind: "text",
      category: "solicitation",
      weight: 1,
      language: "ko",
      term: "ko.solicit.jiin-neungyok",
      model: { name: VIGIL_LEXICON.name, version: VIGIL_LEXICON.version },
    });
    expect(Object.isFrozen(signal)).toBe(true);
  });

  it.each([
    ["지.인.능.욕 하실분", "지.인.능.욕"],
    ["ㅋㅋ ㅈㅣㅇㅣㄴㄴㅡㅇㅇㅛㄱ 가능?", "ㅈㅣㅇㅣㄴㄴㅡㅇㅇㅛㄱ"],
    ["ㅈㅇㄴㅇ 하실 분", "ㅈㅇㄴㅇ"],
    ["지\u200b인\u200b능\u200b욕", "지\u200b인\u200b능\u200b욕"],
    ["try the ｎｕｄｉｆｙ app", "ｎｕｄｉｆｙ"],
    ["best пudify app", "пudify"],
    ["any nud1fying tools?", "nud1fying"],
    ["I will l3ak y0ur nud3s", "l3ak y0ur nud3s"],
  ])("maps %j back to the evasive spelling in the original text", (text, evasive) => {
    const [signal] = findTextSignals(text);
    expect(signal?.text).toBe(evasive);
    const [start, end] = signal!.span;
    expect(text.slice(start, end)).toBe(evasive);
    expect(start).toBe(text.indexOf(evasive));
  });

  it("cancels a finding in a news report and lifts a weak one in a request", () => {
    expect(categories("지인능욕 방 운영자를 경찰이 검거했다")).toEqual([]);
    expect(categories("Police arrested the man behind a nudify app")).toEqual([]);
    // 몰카 alone is also a TV prank; asking to buy it is trade.
    expect(categories("몰카 재밌다")).toEqual([]);
    expect(categories("몰카 구해요")).toEqual(["trade"]);
    const [lifted] = findTextSignals("몰카 구해요");
    expect(lifted?.weight).toBe(0.68); // 0.45 × 1.5, in hundredths
  });

  it("keeps Latin terms on word boundaries and Korean terms on syllable boundaries", () => {
    expect(categories("our fund ressources")).toEqual([]);
    expect(categories("undress app")).toEqual(["nudify_tool"]);
    expect(categories("기능 요구사항 능욕 구해요")).toEqual(["solicitation"]);
    expect(categories("기능 요구사항 구해요")).toEqual([]);
  });

  it("reports the stronger of overlapping findings once per category", () => {
    const found = findTextSignals("능욕방 지인능욕 해드립니다");
    expect(found.map((s) => s.term)).toEqual([
      "ko.solicit.neungyok-bang",
      "ko.solicit.jiin-neungyok",
    ]);
  });

  it("names the act: a threat beats the fakes it names, a sale beats the tool it names", () => {
    // Both from the private set: these came out solicitation and nudify_tool.
    expect(categories("I'll make fake nudes of you and send them to your parents")).toEqual([
      "threat",
    ]);
    expect(categories("trading deepnudes, got 100+")).toEqual(["trade"]);
    expect(categories("selling access to the undress bot")).toEqual(["trade"]);
    // Asking for one made of someone is solicitation even when it names the tool.
    expect(categories("got the undress bot working, send me her pic")).toEqual(["solicitation"]);
    expect(categories("best undress bot on telegram?")).toEqual(["nudify_tool"]);
  });

  it.each([
    ["ㄷㅍ 봇 링크 좀", "nudify_tool"],
    ["ㄷㅍ 해주실 분 전여친 사진 있음", "solicitation"],
    ["지인ㄴㅇ 해드림", "solicitation"],
    ["ㅎㅅ 해주실분 야한걸로", "solicitation"],
    ["need a f*ce sw@p of my coworker onto a p*rn clip", "solicitation"],
    ["clothes off AI, which one is good", "nudify_tool"],
    ["x-ray app that actually works?", "nudify_tool"],
    ["dm for the folder, all leaked", "trade"],
  ])("reads %j as %s", (text, category) => {
    expect(categories(text)).toEqual([category]);
  });

  it("maps a censored spelling back to the stars the sender typed", () => {
    const text = "need a f*ce sw@p of my coworker onto a p*rn clip";
    const [signal] = findTextSignals(text);
    expect(signal?.text).toBe("f*ce sw@p of my coworker onto a p*rn");
    expect(text.slice(...signal!.span)).toBe(signal?.text);
  });

  it("reports an entry only with what it requires, and never beside what it is unless", () => {
    const lexicon: Lexicon = {
      name: "test-lexicon",
      version: "0",
      entries: [
        {
          id: "t",
          language: "en",
          category: "threat",
          weight: 0.8,
          patterns: ["send* ... {your mom|your boss}"],
          requires: ["{unless|or else}"],
          unless: ["recipe"],
        },
      ],
      cues: [],
    };
    expect(findTextSignals("I'll send it to your mom", { lexicon })).toEqual([]);
    expect(findTextSignals("I'll send it to your boss or else", { lexicon })).toHaveLength(1);
    expect(findTextSignals("I'll send your mom the recipe or else", { lexicon })).toEqual([]);
  });

  it("takes another lexicon and another report floor", () => {
    const lexicon: Lexicon = {
      name: "test-lexicon",
      version: "0",
      entries: [
        { id: "t", language: "en", category: "trade", weight: 0.3, patterns: ["widget* ... sale"] },
      ],
      cues: [],
    };
    expect(findTextSignals("widgets on sale", { lexicon })).toEqual([]);
    const [found] = findTextSignals("widgets on sale", { lexicon, minWeight: 0.2 });
    expect(found).toMatchObject({
      term: "t",
      text: "widgets on sale",
      model: { name: "test-lexicon" },
    });
  });

  it("analyses only the first maxLength characters", () => {
    const text = `${"a ".repeat(DEFAULT_TEXT_MAX_LENGTH)}nudify app`;
    expect(findTextSignals(text)).toEqual([]);
    expect(findTextSignals(text, { maxLength: text.length })).toHaveLength(1);
  });

  it("survives hostile input: huge, repetitive, lone surrogates and controls", () => {
    const huge = "ㅈ".repeat(2_000_000) + "\ud800\u0000".repeat(1000);
    expect(findTextSignals(huge)).toEqual([]);
    // One 10,000-character word of leet candidates: each looks past the others for a letter.
    expect(findTextSignals("0".repeat(10_000) + "a")).toEqual([]);
    expect(findTextSignals("@$!".repeat(3_000))).toEqual([]);
    const repetitive = "nudify ".repeat(5000);
    expect(findTextSignals(repetitive).length).toBeGreaterThan(0);
    expect(findTextSignals("\ud83d지인능욕\udc00")).toHaveLength(1);
    expect(findTextSignals("")).toEqual([]);
    expect(findTextSignals(undefined as unknown as string)).toEqual([]);
    expect(findTextSignals("nudify", { maxLength: Number.NaN })).toEqual([]);
  });
});
