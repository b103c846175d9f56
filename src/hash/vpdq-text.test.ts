import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { pdqVectorPath, sharedDataAvailable } from "../../test/helpers/shared.js";
import { formatVpdq, parseVpdq } from "./vpdq-text.js";

const HEX = "25ad26b96f58d2491a79f80f07f2c9936fe6083dfb4983d8a4a36db40034df54";

describe("parseVpdq", () => {
  it("reads frame, quality, PDQ hex and timestamp from each line", () => {
    expect(parseVpdq(`0,100,${HEX},0.000\n1,87,${HEX},0.033\n`)).toEqual([
      { index: 0, quality: 100, pdq: HEX, timestamp: 0 },
      { index: 1, quality: 87, pdq: HEX, timestamp: 0.033 },
    ]);
  });

  it("accepts CRLF line ends, blank lines and upper-case hex, and lower-cases the hash", () => {
    const text = `\r\n0,100,${HEX.toUpperCase()},0.000\r\n\r\n2,60,${HEX},1.5\r\n`;
    expect(parseVpdq(text).map((f) => f.pdq)).toEqual([HEX, HEX]);
  });

  it("reads empty text as a video with no frames", () => {
    expect(parseVpdq("")).toEqual([]);
  });

  it.each([
    ["too few fields", `0,100,${HEX}`, "expected 4"],
    ["too many fields", `0,100,${HEX},0.000,extra`, "expected 4"],
    ["a negative frame number", `-1,100,${HEX},0.000`, "frame number"],
    ["a fractional frame number", `1.5,100,${HEX},0.000`, "frame number"],
    ["quality over 100", `0,101,${HEX},0.000`, "quality"],
    ["a short hash", `0,100,${HEX.slice(1)},0.000`, "PDQ hash"],
    ["a non-hex digit", `0,100,${HEX.slice(1)}g,0.000`, "PDQ hash"],
    ["a negative timestamp", `0,100,${HEX},-0.5`, "timestamp"],
    ["a timestamp that is not a number", `0,100,${HEX},NaN`, "timestamp"],
  ])("refuses %s, naming the line", (_, badLine, reason) => {
    const text = `0,100,${HEX},0.000\n\n${badLine}\n`;
    const attempt = (): unknown => parseVpdq(text);
    expect(attempt).toThrow(
      expect.objectContaining({ code: "hash/invalid-vpdq", details: { line: 3 } }),
    );
    expect(attempt).toThrow(new RegExp(`Line 3 .*${reason}`));
  });
});

describe("formatVpdq", () => {
  it("writes one line per frame with the timestamp to three decimals", () => {
    const text = formatVpdq([{ index: 4, quality: 99, pdq: HEX, timestamp: 1 / 3 }]);
    expect(text).toBe(`4,99,${HEX},0.333\n`);
  });
});

describe.skipIf(!sharedDataAvailable())("vPDQ text of Meta's sample hashes", () => {
  it("reads a sample file and writes it back byte for byte", () => {
    const text = readFileSync(pdqVectorPath("vpdq-sample-hashes/chair-19-sd-bar.txt"), "utf8");
    const features = parseVpdq(text);
    expect(features).toHaveLength(564);
    expect(formatVpdq(features)).toBe(text);
  });
});
