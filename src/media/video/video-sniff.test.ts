import { describe, expect, it } from "vitest";
import { mp4IndexFollowsData, sniffVideoFormat, VIDEO_SNIFF_BYTES } from "./video-sniff.js";

function bytes(...parts: (string | number[])[]): Uint8Array {
  const out: number[] = [];
  for (const part of parts) {
    if (typeof part === "string") for (const c of part) out.push(c.charCodeAt(0));
    else out.push(...part);
  }
  return Uint8Array.from(out);
}

/** An ISO-BMFF box: 32-bit size, type, payload of `payload` zero bytes. */
function box(type: string, payload: number): number[] {
  const size = 8 + payload;
  return [
    size >>> 24,
    (size >>> 16) & 255,
    (size >>> 8) & 255,
    size & 255,
    ...bytes(type),
    ...new Array<number>(payload).fill(0),
  ];
}

function padded(head: Uint8Array): Uint8Array {
  const out = new Uint8Array(VIDEO_SNIFF_BYTES + 16);
  out.set(head);
  return out;
}

describe("sniffVideoFormat", () => {
  it.each([
    ["mp4", bytes([0, 0, 0, 32], "ftypisom")],
    ["mp4", bytes([0, 0, 0, 32], "ftypmp42")],
    ["mov", bytes([0, 0, 0, 20], "ftypqt  ")],
    ["mov", bytes([0, 0, 0, 8], "wide")],
    ["matroska", bytes([0x1a, 0x45, 0xdf, 0xa3])],
    ["avi", bytes("RIFF", [0, 0, 0, 0], "AVI LIST")],
    ["flv", bytes("FLV", [1, 5])],
    ["mpeg", bytes([0, 0, 1, 0xba])],
    ["asf", bytes([0x30, 0x26, 0xb2, 0x75, 0x8e, 0x66, 0xcf, 0x11])],
    ["ogg", bytes("OggS", [0, 2])],
  ])("recognises %s by its first bytes", (container, head) => {
    expect(sniffVideoFormat(padded(head))).toBe(container);
  });

  it("recognises MPEG-TS by the sync byte of two packets in a row", () => {
    const head = padded(new Uint8Array(0));
    head[0] = 0x47;
    head[188] = 0x47;
    expect(sniffVideoFormat(head)).toBe("mpegts");
  });

  it("does not take images or text for video", () => {
    expect(sniffVideoFormat(padded(bytes([0, 0, 0, 28], "ftypavif")))).toBeUndefined();
    expect(sniffVideoFormat(padded(bytes([0, 0, 0, 24], "ftypheic")))).toBeUndefined();
    expect(sniffVideoFormat(padded(bytes("\x89PNG\r\n\x1a\n")))).toBeUndefined();
    expect(sniffVideoFormat(padded(bytes("Just some text in a file")))).toBeUndefined();
    expect(sniffVideoFormat(new Uint8Array(0))).toBeUndefined();
  });
});

describe("mp4IndexFollowsData", () => {
  it("is true for an MP4 whose moov comes after its mdat", () => {
    expect(
      mp4IndexFollowsData(
        bytes(box("ftyp", 16), box("free", 0), box("mdat", 100), box("moov", 40)),
      ),
    ).toBe(true);
  });

  it("is false when moov comes first (fast start)", () => {
    expect(mp4IndexFollowsData(bytes(box("ftyp", 16), box("moov", 40), box("mdat", 100)))).toBe(
      false,
    );
  });

  it("is false for fragmented MP4, which streams", () => {
    expect(
      mp4IndexFollowsData(
        bytes(box("ftyp", 16), box("moof", 20), box("mdat", 50), box("moov", 40)),
      ),
    ).toBe(false);
  });

  it("is false when there is no moov at all, leaving the damage to be reported as such", () => {
    expect(mp4IndexFollowsData(bytes(box("ftyp", 16), box("mdat", 100)))).toBe(false);
  });

  it("follows a 64-bit box size", () => {
    const largeMdat = [
      0,
      0,
      0,
      1,
      ...bytes("mdat"),
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      24,
      ...new Array<number>(8).fill(0),
    ];
    expect(mp4IndexFollowsData(bytes(box("ftyp", 16), largeMdat, box("moov", 8)))).toBe(true);
  });

  it("stops at a malformed box size instead of looping", () => {
    expect(mp4IndexFollowsData(bytes(box("ftyp", 16), [0, 0, 0, 3], "mdat"))).toBe(false);
  });
});
