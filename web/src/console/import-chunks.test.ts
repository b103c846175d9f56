import { describe, expect, it } from "vitest";
import { chunkHashList, isJsonDocument } from "./import-chunks.js";

describe("chunkHashList", () => {
  it("cuts a plain list into whole lines and remembers each piece's offset", () => {
    const text = ["a", "b", "c", "d", "e"].join("\n") + "\n";
    const chunks = chunkHashList(text, 2);
    expect(chunks).toEqual([
      { text: "a\nb\n", lineOffset: 0 },
      { text: "c\nd\n", lineOffset: 2 },
      { text: "e\n", lineOffset: 4 },
    ]);
    expect(chunks.map((c) => c.text).join("")).toBe(text);
  });

  it("keeps a JSON document whole and splits JSON Lines", () => {
    const document = '{\n  "hashes": []\n}\n';
    expect(isJsonDocument(document)).toBe(true);
    expect(chunkHashList(document, 1)).toEqual([{ text: document, lineOffset: 0 }]);
    const lines = '{"a":1}\n{"a":2}\n';
    expect(isJsonDocument(lines)).toBe(false);
    expect(chunkHashList(lines, 1)).toHaveLength(2);
  });

  it("accepts Windows line ends", () => {
    expect(chunkHashList("a\r\nb\r\n", 1).map((c) => c.text)).toEqual(["a\n", "b\n"]);
  });
});
