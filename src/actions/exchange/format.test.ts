import { describe, expect, it } from "vitest";
import { isVigilError } from "../../core/index.js";
import { formatHashList } from "./format.js";
import { parseHashList } from "./parse.js";
import type { ExchangeEntry } from "./types.js";

const PDQ = "9def0b7dafa86a1c90f2abd78e79ceb25ec3d1a4b3d4bc7a4354baf7717ea038";
const PDQ2 = "2afc4a5c09628a7961c14d436493bba66b89b831453baa1d556ba385554daa82";
const MD5 = "d41d8cd98f00b204e9800998ecf8427e";
const SHA = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
const VPDQ = `0,100,${PDQ},0.000\n1,80,${PDQ2},1.000\n`;

const entries: ExchangeEntry[] = [
  { signalType: "pdq", value: PDQ.toUpperCase(), quality: 100, caseNumbers: ["case-1"] },
  { signalType: "pdq", value: PDQ2, quality: null, status: "active", updatedAt: 1_700_000_000_999 },
  { signalType: "pdq", value: PDQ, status: "withdrawn", updatedAt: new Date(1_600_000_000_000) },
  { signalType: "md5", value: MD5 },
  { signalType: "sha256", value: SHA, caseNumbers: ["a", "b"] },
  { signalType: "video", value: VPDQ },
];

describe("formatHashList", () => {
  it("writes a plain list of one type's active entries, and reads back the same", () => {
    const out = formatHashList(entries, "plain");
    expect(out).toEqual({ text: `${PDQ}\n${PDQ2}\n`, written: 2, skipped: 4 });
    const back = parseHashList(out.text).records;
    expect(back.map((r) => [r.signalType, r.value])).toEqual([
      ["pdq", PDQ],
      ["pdq", PDQ2],
    ]);
    const sha = formatHashList(entries, "plain", { signalType: "sha256" });
    expect(parseHashList(sha.text, { hex64: "sha256" }).records[0]!.value).toBe(SHA);
  });

  it("writes CSV as hash,quality, with an empty quality where there is none", () => {
    const out = formatHashList(entries, "csv");
    expect(out.text).toBe(`${PDQ},100\n${PDQ2},\n`);
    const back = parseHashList(out.text).records;
    expect(back.map((r) => r.quality)).toEqual([100, undefined]);
  });

  it("writes StopNCII-shaped JSON that reads back to the same entries, withdrawals included", () => {
    const out = formatHashList(entries, "json");
    expect(out.written).toBe(6);
    const json = JSON.parse(out.text) as Record<string, unknown>[];
    expect(json[0]).toEqual({
      signalType: "ImagePDQ",
      hashValue: PDQ,
      hashStatus: "Active",
      caseNumbers: { "case-1": "Active" },
      quality: 100,
    });
    expect(json[2]).toMatchObject({ hashStatus: "Withdrawn", lastModtimestamp: 1_600_000_000 });
    expect(json.map((r) => r["signalType"])).toEqual([
      "ImagePDQ",
      "ImagePDQ",
      "ImagePDQ",
      "VideoMD5",
      "SHA256",
      "VideoVPDQ",
    ]);
    const back = parseHashList(out.text);
    expect(back.errors).toEqual([]);
    expect(back.records).toEqual([
      {
        line: 1,
        signalType: "pdq",
        value: PDQ,
        quality: 100,
        status: "active",
        caseNumbers: ["case-1"],
      },
      {
        line: 2,
        signalType: "pdq",
        value: PDQ2,
        status: "active",
        caseNumbers: [],
        updatedAt: 1_700_000_000_000,
      },
      {
        line: 3,
        signalType: "pdq",
        value: PDQ,
        status: "withdrawn",
        caseNumbers: [],
        updatedAt: 1_600_000_000_000,
      },
      { line: 4, signalType: "md5", value: MD5, status: "active", caseNumbers: [] },
      { line: 5, signalType: "sha256", value: SHA, status: "active", caseNumbers: ["a", "b"] },
      { line: 6, signalType: "video", value: VPDQ, status: "active", caseNumbers: [] },
    ]);
  });

  it("writes one record a line, so the export also reads as JSON lines", () => {
    const out = formatHashList(entries.slice(0, 2), "json");
    const lines = out.text.split("\n");
    expect(lines[0]).toBe("[");
    expect(JSON.parse(lines[1]!.replace(/,$/, ""))).toMatchObject({ hashValue: PDQ });
    expect(formatHashList([], "json").text).toBe("[]\n");
    expect(formatHashList([], "plain").text).toBe("");
  });

  it("refuses to export an invalid entry rather than send a bad hash to a partner", () => {
    const bad: ExchangeEntry[] = [
      { signalType: "pdq", value: PDQ },
      { signalType: "pdq", value: PDQ.slice(2) },
    ];
    let thrown: unknown;
    try {
      formatHashList(bad, "json");
    } catch (error) {
      thrown = error;
    }
    expect(isVigilError(thrown) && thrown.code).toBe("exchange/invalid-entry");
    expect((thrown as Error).message).toMatch(/^Entry 2 cannot be exported/);
    expect(() => formatHashList([{ signalType: "md5", value: MD5, quality: 101 }], "json")).toThrow(
      /quality/,
    );
    const badTime = [{ signalType: "md5", value: MD5, updatedAt: new Date(Number.NaN) }] as const;
    expect(() => formatHashList(badTime, "json")).toThrow(/updatedAt/);
    expect(() => formatHashList(entries, "plain", { signalType: "video" })).toThrow(RangeError);
    expect(() => formatHashList(entries, "xml" as "csv")).toThrow(RangeError);
  });

  it("round-trips a million entries through CSV", () => {
    const many = function* (): Generator<ExchangeEntry> {
      for (let i = 0; i < 1_000_000; i++) {
        yield { signalType: "pdq", value: PDQ, quality: i % 101 };
      }
    };
    const out = formatHashList(many(), "csv");
    const back = parseHashList(out.text);
    expect(back.records).toHaveLength(1_000_000);
    expect(back.records[123_456]!.quality).toBe(123_456 % 101);
  });
});
