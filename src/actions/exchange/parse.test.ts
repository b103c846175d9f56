import { describe, expect, it } from "vitest";
import { detectHashListFormat, parseHashList } from "./parse.js";

const PDQ = "f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22";
const PDQ2 = "9def0b7dafa86a1c90f2abd78e79ceb25ec3d1a4b3d4bc7a4354baf7717ea038";
const MD5 = "d41d8cd98f00b204e9800998ecf8427e";
const SHA = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

describe("parseHashList: plain lists", () => {
  it("reads one hash a line, infers the type from the length and lower-cases", () => {
    const result = parseHashList(`${PDQ.toUpperCase()}\n\n${MD5}\n`);
    expect(result.format).toBe("plain");
    expect(result.errors).toEqual([]);
    expect(result.records).toEqual([
      { line: 1, signalType: "pdq", value: PDQ, status: "active", caseNumbers: [] },
      { line: 3, signalType: "md5", value: MD5, status: "active", caseNumbers: [] },
    ]);
  });

  it("reads 64 hex digits as SHA-256 when told so", () => {
    const byOption = parseHashList(`${SHA}\n`, { hex64: "sha256" });
    expect(byOption.records[0]).toMatchObject({ signalType: "sha256", value: SHA });
    const forced = parseHashList(`${SHA}\n${MD5}\n`, { signalType: "sha256" });
    expect(forced.records.map((r) => r.signalType)).toEqual(["sha256"]);
    expect(forced.errors).toEqual([
      { line: 2, message: "a SHA-256 hash has 64 hex digits; this one has 32" },
    ]);
  });

  it("reports every kind of bad line by number and still imports the rest", () => {
    const text = [PDQ, "abc", PDQ.replace("f", "g"), `${PDQ} extra`, PDQ2].join("\n");
    const result = parseHashList(text, { format: "plain" });
    expect(result.records.map((r) => r.line)).toEqual([1, 5]);
    expect(result.errors).toEqual([
      { line: 2, message: expect.stringContaining("this one has 3") },
      { line: 3, message: "the hash contains a non-hex character" },
      { line: 4, message: "a plain list holds one hash a line and nothing else" },
    ]);
    expect(result.errorCount).toBe(3);
  });

  it("accepts CRLF line ends and a byte-order mark", () => {
    const result = parseHashList(`\uFEFF${PDQ}\r\n${PDQ2}\r\n`);
    expect(result.errors).toEqual([]);
    expect(result.records.map((r) => [r.line, r.value])).toEqual([
      [1, PDQ],
      [2, PDQ2],
    ]);
  });

  it("keeps only the first maxErrors errors but counts them all", () => {
    const result = parseHashList("x\ny\nz\n", { maxErrors: 2 });
    expect(result.errors.map((e) => e.line)).toEqual([1, 2]);
    expect(result.errorCount).toBe(3);
  });
});

describe("parseHashList: CSV lists", () => {
  it("reads the reference tools' hash,quality,path lines, paths with commas included", () => {
    const text = `${PDQ},100,photos/a,b.jpg\n${PDQ2},49,c.png\n${MD5}\n${MD5},\n`;
    const result = parseHashList(text);
    expect(result.format).toBe("csv");
    expect(result.errors).toEqual([]);
    expect(result.records.map((r) => [r.line, r.signalType, r.quality])).toEqual([
      [1, "pdq", 100],
      [2, "pdq", 49],
      [3, "md5", undefined],
      [4, "md5", undefined],
    ]);
    expect("quality" in result.records[2]!).toBe(false);
  });

  it("skips a header line, and only as the first line with content", () => {
    const text = `\r\nhash,quality,path\r\n${PDQ},90,a.jpg\r\nhash,quality\r\n`;
    const result = parseHashList(text);
    expect(result.records.map((r) => r.line)).toEqual([3]);
    expect(result.errors.map((e) => e.line)).toEqual([4]);
  });

  it("refuses a quality that is not an integer from 0 to 100", () => {
    const lines = ["101", "-1", "50.5", "high", "1000"].map((q) => `${PDQ},${q}`);
    const result = parseHashList(`${PDQ},0\n${lines.join("\n")}\n${PDQ},"75"`);
    expect(result.records.map((r) => [r.line, r.quality])).toEqual([
      [1, 0],
      [7, 75],
    ]);
    expect(result.errors).toHaveLength(5);
    for (const error of result.errors) {
      expect(error.message).toBe("the quality is not an integer from 0 to 100");
    }
  });
});

describe("detectHashListFormat", () => {
  it("looks at the first line with content", () => {
    expect(detectHashListFormat(`\n  \n${PDQ}\n${PDQ},1`)).toBe("plain");
    expect(detectHashListFormat(`\uFEFF${PDQ},100,a.jpg`)).toBe("csv");
    expect(detectHashListFormat("\r\n  [\n]")).toBe("json");
    expect(detectHashListFormat('{"signalType":"ImagePDQ"}')).toBe("json");
    expect(detectHashListFormat("")).toBe("plain");
  });
});

describe("parseHashList: input checks", () => {
  it("refuses options that make no sense and text that is not a string", () => {
    expect(() => parseHashList(PDQ, { format: "xml" as "csv" })).toThrow(RangeError);
    expect(() => parseHashList(PDQ, { signalType: "video" as "pdq" })).toThrow(RangeError);
    expect(() => parseHashList(PDQ, { maxErrors: -1 })).toThrow(RangeError);
    expect(() => parseHashList(42 as unknown as string)).toThrow(TypeError);
  });

  it("reads a million-line list in one linear pass", () => {
    const line = `${PDQ},80,some/path.jpg\n`;
    const text = line.repeat(1_000_000);
    const result = parseHashList(text);
    expect(result.records).toHaveLength(1_000_000);
    expect(result.records[999_999]!.line).toBe(1_000_000);
    expect(result.errorCount).toBe(0);
  });
});
