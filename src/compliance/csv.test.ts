import { describe, expect, it } from "vitest";
import { toCsv } from "./csv.js";

describe("toCsv", () => {
  it("writes RFC 4180: CRLF, quotes only where needed, doubled quotes, empty for null", () => {
    expect(
      toCsv(
        ["a", "b"],
        [
          ["x,y", 'say "hi"'],
          [1.5, null],
          [true, "line\nbreak"],
        ],
      ),
    ).toBe('a,b\r\n"x,y","say ""hi"""\r\n1.5,\r\ntrue,"line\nbreak"\r\n');
  });

  it("keeps a text cell from running as a spreadsheet formula, but not a number", () => {
    expect(toCsv(["v"], [["=HYPERLINK(1)"], ["@x"], [-3]])).toBe(
      "v\r\n'=HYPERLINK(1)\r\n'@x\r\n-3\r\n",
    );
  });
});
