import { deflateSync } from "node:zlib";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import {
  c2paJumbf,
  internationalTextChunk,
  photo,
  pngChunk,
  textChunk,
  TRAINED_ALGORITHMIC_MEDIA,
  withApp11,
  withPngChunks,
  xmpPacket,
} from "../../../test/helpers/provenance-fixtures.js";
import { isVigilError } from "../../core/index.js";
import { readProvenanceMetadata } from "../index.js";

/** Deterministic bytes, so a failure can be replayed. */
function noise(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  let state = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    out[i] = state & 0xff;
  }
  return out;
}

describe("readProvenanceMetadata on hostile files", () => {
  it("refuses a file over the byte limit with media/too-large", async () => {
    const error = await readProvenanceMetadata(new Uint8Array(2048), {
      limits: { maxBytes: 1024 },
    }).catch((e: unknown) => e);
    expect(isVigilError(error) && error.code).toBe("media/too-large");
  });

  it("survives every truncation of a metadata-rich PNG and JPEG, keeping what came before", async () => {
    const png = withPngChunks(await photo("png"), [
      textChunk("parameters", "x".repeat(40)),
      pngChunk("caBX", c2paJumbf()),
    ]);
    const jpeg = withApp11(
      await sharp(await photo("jpeg"))
        .jpeg()
        .withXmp(xmpPacket({ "Iptc4xmpExt:DigitalSourceType": TRAINED_ALGORITHMIC_MEDIA }))
        .withExif({ IFD0: { Software: "ComfyUI" } })
        .toBuffer(),
      c2paJumbf(),
    );
    for (const file of [png, jpeg]) {
      for (let cut = 0; cut < Math.min(file.length, 1500); cut++) {
        const metadata = await readProvenanceMetadata(file.subarray(0, cut));
        expect(Array.isArray(metadata.software)).toBe(true);
      }
    }
    // Cut in the image data, after the metadata: the markers are still there.
    const cutPng = await readProvenanceMetadata(png.subarray(0, png.length - 20));
    expect(cutPng.truncated).toBe(true);
    expect(cutPng.textChunks.map((c) => c.keyword)).toEqual(["parameters"]);
    expect(cutPng.c2pa).toEqual(["png_cabx"]);
  });

  it("never throws on metadata-rich files with random bytes overwritten", async () => {
    const xmp = xmpPacket({ "Iptc4xmpExt:DigitalSourceType": TRAINED_ALGORITHMIC_MEDIA });
    const files = [
      withPngChunks(await photo("png"), [
        textChunk("Software", "NovelAI"),
        internationalTextChunk("XML:com.adobe.xmp", xmp, true),
        pngChunk("caBX", c2paJumbf()),
        pngChunk(
          "eXIf",
          Buffer.from("MM\0*\0\0\0\x08\0\x01\x01\x31\0\x02\0\0\0\x04Flux\0\0\0\0", "latin1"),
        ),
      ]),
      withApp11(
        await sharp(await photo("jpeg"))
          .jpeg()
          .withXmp(xmp)
          .withExif({ IFD0: { Software: "ComfyUI" }, IFD2: { UserComment: "Steps: 2, Seed: 1" } })
          .toBuffer(),
        c2paJumbf(),
      ),
      await sharp(await photo("png"))
        .webp()
        .withXmp(xmp)
        .withExif({ IFD0: { Software: "x" } })
        .toBuffer(),
    ];
    for (const [f, file] of files.entries()) {
      const random = noise(4000, 97 + f);
      for (let round = 0; round < 400; round++) {
        const copy = Uint8Array.from(file);
        // Damage the first KB or so, where the metadata sits, keeping the signature.
        for (let k = 0; k < 1 + (random[round]! % 8); k++) {
          const at = 12 + ((random[(round * 8 + k) % 4000]! * 7 + round * 13) % 1000);
          copy[at % copy.length] = random[(round * 9 + k) % 4000]!;
        }
        const metadata = await readProvenanceMetadata(copy);
        expect(metadata.format).toBeDefined();
      }
    }
  });

  it("stops at a chunk whose length runs past the file", async () => {
    const huge = Buffer.alloc(12);
    huge.writeUInt32BE(0xfffffff0, 0);
    huge.write("tEXt", 4, "latin1");
    const png = withPngChunks(await photo("png"), [textChunk("prompt", "{}"), huge]);
    const metadata = await readProvenanceMetadata(png);
    expect(metadata.truncated).toBe(true);
    expect(metadata.textChunks.map((c) => c.keyword)).toEqual(["prompt"]);
  });

  it("stops after maxBlocks chunks", async () => {
    const empties = Array.from({ length: 50 }, () => pngChunk("tIME", new Uint8Array(7)));
    const png = withPngChunks(await photo("png"), [...empties, textChunk("workflow", "{}")]);
    const metadata = await readProvenanceMetadata(png, { limits: { maxBlocks: 20 } });
    expect(metadata.truncated).toBe(true);
    expect(metadata.textChunks).toEqual([]);
  });

  it("reads a JPEG that repeats its EXIF segment thousands of times", async () => {
    const jpeg = await sharp(await photo("jpeg"))
      .jpeg()
      .withExif({ IFD0: { Software: "ComfyUI" } })
      .toBuffer();
    const start = jpeg.indexOf(Buffer.from("ffe1", "hex"));
    const segment = jpeg.subarray(start, start + 2 + jpeg.readUInt16BE(start + 2));
    const repeated = Buffer.concat([
      jpeg.subarray(0, 2),
      ...Array.from({ length: 3000 }, () => segment),
      jpeg.subarray(2),
    ]);
    const metadata = await readProvenanceMetadata(repeated);
    expect(metadata.truncated).toBe(false);
    expect(metadata.software).toEqual(
      Array.from({ length: 4 }, () => ({ source: "exif_software", value: "ComfyUI" })),
    );
  });

  it("does not inflate a compressed XMP chunk past the XMP cap", async () => {
    const bomb = `${xmpPacket({ "Iptc4xmpExt:DigitalSourceType": TRAINED_ALGORITHMIC_MEDIA })}${" ".repeat(4_000_000)}`;
    expect(deflateSync(bomb).length).toBeLessThan(10_000);
    const png = withPngChunks(await photo("png"), [
      internationalTextChunk("XML:com.adobe.xmp", bomb, true),
    ]);
    const metadata = await readProvenanceMetadata(png, { limits: { maxXmpBytes: 64 * 1024 } });
    expect(metadata.digitalSourceTypes).toEqual([]);
  });

  it("reads a megabyte of nested XMP tags in one linear pass", async () => {
    const packet = `${"<a:b><a:c>".repeat(100_000)}<x:CreatorTool>Flux</x:CreatorTool>`;
    const png = withPngChunks(await photo("png"), [
      internationalTextChunk("XML:com.adobe.xmp", packet),
    ]);
    const metadata = await readProvenanceMetadata(png);
    expect(metadata.software).toEqual([{ source: "xmp_creator_tool", value: "Flux" }]);
  });

  it("gives no markers and no error for garbage behind each format's signature", async () => {
    const signatures = [
      Buffer.from("89504e470d0a1a0a", "hex"),
      Buffer.from("ffd8ff", "hex"),
      Buffer.from("524946460000000057454250", "hex"),
      Buffer.from("49492a00", "hex"),
    ];
    for (const [i, signature] of signatures.entries()) {
      for (let seed = 1; seed <= 50; seed++) {
        const file = Buffer.concat([signature, noise(200 + seed * 37, seed * 7919 + i)]);
        const metadata = await readProvenanceMetadata(file);
        expect(metadata.c2pa).toEqual([]);
        expect(metadata.digitalSourceTypes).toEqual([]);
      }
    }
  });

  it("ignores a broken EXIF block and a text chunk without a keyword", async () => {
    const png = withPngChunks(await photo("png"), [
      pngChunk("eXIf", Buffer.from("MM\0*\0\0\0\x08\xff\xff\0\0", "latin1")),
      pngChunk("tEXt", Buffer.from("no keyword end", "latin1")),
      pngChunk("iTXt", Buffer.from("XML:com.adobe.xmp\0\x01", "latin1")),
    ]);
    const metadata = await readProvenanceMetadata(png);
    expect(metadata.software).toEqual([]);
    expect(metadata.textChunks).toEqual([]);
  });
});
