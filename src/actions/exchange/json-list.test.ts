import { describe, expect, it } from "vitest";
import { parseHashList } from "./parse.js";

const PDQ = "9def0b7dafa86a1c90f2abd78e79ceb25ec3d1a4b3d4bc7a4354baf7717ea038";
const PDQ2 = "2afc4a5c09628a7961c14d436493bba66b89b831453baa1d556ba385554daa82";
const MD5 = "d41d8cd98f00b204e9800998ecf8427e";

/** A record as StopNCII's FetchHashes returns it (python-threatexchange's test data). */
function stopNcii(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    lastModtimestamp: 1625175071,
    hashValue: PDQ,
    hashStatus: "Active",
    caseNumbers: { "cc592711-7068-442f-b5d2-24d50d389751": "Active" },
    signalType: "ImagePDQ",
    CSPFeedbacks: [{ source: "Facebook", feedbackValue: "Blocked", tags: ["Nude"] }],
    ...overrides,
  };
}

describe("parseHashList: StopNCII JSON", () => {
  it("reads a FetchHashes response, with its real field names and values", () => {
    const response = {
      count: 2,
      nextSetTimestamp: 1625175071,
      nextPageToken: "W3siY29tcG9zaXRlVG9rZW4i",
      hasMoreRecords: false,
      hashRecords: [stopNcii(), stopNcii({ hashValue: MD5, signalType: "VideoMD5" })],
    };
    const result = parseHashList(JSON.stringify(response, null, 2));
    expect(result.format).toBe("json");
    expect(result.errors).toEqual([]);
    expect(result.records).toEqual([
      {
        line: 1,
        signalType: "pdq",
        value: PDQ,
        status: "active",
        caseNumbers: ["cc592711-7068-442f-b5d2-24d50d389751"],
        updatedAt: 1625175071000,
      },
      expect.objectContaining({ line: 2, signalType: "md5", value: MD5 }),
    ]);
  });

  it("turns Withdrawn and Deleted into removals, and drops withdrawn cases", () => {
    const records = [
      stopNcii({ hashStatus: "Withdrawn" }),
      stopNcii({ hashStatus: "Deleted", hashValue: PDQ2 }),
      stopNcii({ hashStatus: "Received", caseNumbers: { a: "Received", b: "Withdrawn" } }),
      stopNcii({ caseNumbers: [] }),
    ];
    const result = parseHashList(JSON.stringify(records));
    expect(result.records.map((r) => [r.status, r.caseNumbers])).toEqual([
      ["withdrawn", ["cc592711-7068-442f-b5d2-24d50d389751"]],
      ["withdrawn", ["cc592711-7068-442f-b5d2-24d50d389751"]],
      ["active", ["a"]],
      ["active", []],
    ]);
  });

  it("reads JSON lines, reporting a malformed line and importing the others", () => {
    const lines = [
      JSON.stringify(stopNcii()),
      "",
      '{"signalType": "ImagePDQ", "hashValue": ',
      JSON.stringify(stopNcii({ hashValue: PDQ2 })),
    ];
    const result = parseHashList(`\uFEFF${lines.join("\r\n")}\r\n`);
    expect(result.records.map((r) => [r.line, r.value])).toEqual([
      [1, PDQ],
      [4, PDQ2],
    ]);
    expect(result.errors).toEqual([{ line: 3, message: "the line is not valid JSON" }]);
  });

  it("reports each bad record by its position and imports the rest", () => {
    const noStatus = stopNcii();
    delete noStatus["hashStatus"];
    const records = [
      stopNcii(),
      "not an object",
      stopNcii({ signalType: undefined }),
      noStatus,
      stopNcii({ hashValue: 42 }),
      stopNcii({ signalType: "VideoTMK" }),
      stopNcii({ hashStatus: "Pending" }),
      stopNcii({ hashValue: PDQ.slice(1) }),
      stopNcii({ hashValue: MD5, signalType: "ImagePDQ" }),
      stopNcii({ caseNumbers: "abc" }),
      stopNcii({ caseNumbers: { x: 1 } }),
      stopNcii({ lastModtimestamp: -5 }),
      stopNcii({ quality: 101 }),
      stopNcii({ signalType: "VideoVPDQ", hashValue: "0,100,nothex,0.000" }),
      stopNcii({ hashValue: PDQ2, quality: 88 }),
    ];
    const result = parseHashList(JSON.stringify(records));
    expect(result.records.map((r) => [r.line, r.quality])).toEqual([
      [1, undefined],
      [15, 88],
    ]);
    expect(result.errors).toEqual([
      { line: 2, message: "a record must be a JSON object" },
      { line: 3, message: "the record has no signalType field" },
      { line: 4, message: "the record has no hashStatus field" },
      { line: 5, message: "hashValue must be a string" },
      { line: 6, message: 'signal type "VideoTMK" is not supported' },
      { line: 7, message: "hashStatus is not one of Received, Active, Withdrawn, Deleted" },
      { line: 8, message: "a PDQ hash has 64 hex digits; this one has 63" },
      { line: 9, message: "a PDQ hash has 64 hex digits; this one has 32" },
      { line: 10, message: "caseNumbers must map case numbers to statuses" },
      { line: 11, message: "caseNumbers must map case numbers to statuses" },
      { line: 12, message: expect.stringContaining("lastModtimestamp") },
      { line: 13, message: "quality must be an integer from 0 to 100" },
      { line: 14, message: expect.stringContaining("Line 1 of the vPDQ hash is invalid") },
    ]);
  });

  it("refuses a damaged JSON document as a whole, naming the line where it broke", () => {
    const text = `[\n${JSON.stringify(stopNcii())},\n{"signalType": "ImagePDQ",}\n]`;
    const result = parseHashList(text);
    expect(result.records).toEqual([]);
    expect(result.errors).toEqual([{ line: 3, message: "the text is not valid JSON" }]);
    const truncated = parseHashList(`[\n${JSON.stringify(stopNcii())},\n\n`);
    expect(truncated.errors).toEqual([{ line: 2, message: "the text is not valid JSON" }]);
  });

  it("refuses a document that holds no list of records", () => {
    const result = parseHashList('{"hashRecords": 5}');
    expect(result.errors).toEqual([
      { line: 1, message: "expected an array of records or hashRecords" },
    ]);
  });

  it("reads Vigil's own SHA256 and VideoVPDQ types and a single record", () => {
    const sha = "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855";
    const one = parseHashList(JSON.stringify(stopNcii({ signalType: "SHA256", hashValue: sha })));
    expect(one.records[0]).toMatchObject({ signalType: "sha256", value: sha.toLowerCase() });
    const vpdq = `0,100,${PDQ.toUpperCase()},0.000\r\n1,90,${PDQ2},1.5\n`;
    const video = parseHashList(
      JSON.stringify([stopNcii({ signalType: "VideoVPDQ", hashValue: vpdq })]),
    );
    expect(video.records[0]!.value).toBe(`0,100,${PDQ},0.000\n1,90,${PDQ2},1.500\n`);
  });
});
