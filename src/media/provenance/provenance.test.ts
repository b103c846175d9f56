import sharp from "sharp";
import { describe, expect, it } from "vitest";
import {
  c2paJumbf,
  compressedTextChunk,
  internationalTextChunk,
  photo,
  pngChunk,
  textChunk,
  TRAINED_ALGORITHMIC_MEDIA,
  unicodeUserCommentTiff,
  withApp11,
  withApp1Exif,
  withPngChunks,
  withWebpChunk,
  xmpPacket,
} from "../../../test/helpers/provenance-fixtures.js";
import { readProvenanceMetadata } from "../index.js";

const syntheticXmp = xmpPacket({
  "Iptc4xmpExt:DigitalSourceType": TRAINED_ALGORITHMIC_MEDIA,
  "xmp:CreatorTool": "Adobe Firefly",
});

describe("readProvenanceMetadata", () => {
  it("reports a PNG's text chunks by keyword and size, and keeps no text but Software", async () => {
    const png = withPngChunks(await photo("png"), [
      textChunk("parameters", "a prompt, Steps: 20, Sampler: Euler a"),
      textChunk("Software", "NovelAI"),
    ]);
    const metadata = await readProvenanceMetadata(png);
    expect(metadata.format).toBe("png");
    expect(metadata.textChunks).toEqual([
      { chunk: "tEXt", keyword: "parameters", bytes: 48 },
      { chunk: "tEXt", keyword: "Software", bytes: 16 },
    ]);
    expect(metadata.software).toEqual([{ source: "png_software", value: "NovelAI" }]);
    expect(JSON.stringify(metadata)).not.toContain("prompt");
  });

  it("reads XMP from a compressed PNG iTXt chunk", async () => {
    const png = withPngChunks(await photo("png"), [
      internationalTextChunk("XML:com.adobe.xmp", syntheticXmp, true),
    ]);
    const metadata = await readProvenanceMetadata(png);
    expect(metadata.digitalSourceTypes).toEqual([TRAINED_ALGORITHMIC_MEDIA]);
    expect(metadata.software).toEqual([{ source: "xmp_creator_tool", value: "Adobe Firefly" }]);
  });

  it("reads XMP that a writer put in a tEXt or zTXt chunk instead of iTXt", async () => {
    for (const chunk of [
      textChunk("XML:com.adobe.xmp", syntheticXmp),
      compressedTextChunk("XML:com.adobe.xmp", syntheticXmp),
    ]) {
      const metadata = await readProvenanceMetadata(withPngChunks(await photo("png"), [chunk]));
      expect(metadata.digitalSourceTypes).toEqual([TRAINED_ALGORITHMIC_MEDIA]);
      expect(metadata.textChunks).toEqual([]);
    }
  });

  it("reads XMP and EXIF Software that sharp writes into a JPEG", async () => {
    const jpeg = await sharp(await photo("jpeg"))
      .jpeg()
      .withXmp(syntheticXmp)
      .withExif({ IFD0: { Software: "ComfyUI" } })
      .toBuffer();
    const metadata = await readProvenanceMetadata(jpeg);
    expect(metadata.digitalSourceTypes).toEqual([TRAINED_ALGORITHMIC_MEDIA]);
    expect(metadata.software).toContainEqual({ source: "exif_software", value: "ComfyUI" });
    expect(metadata.software).toContainEqual({
      source: "xmp_creator_tool",
      value: "Adobe Firefly",
    });
  });

  it("notes an EXIF UserComment holding generation parameters by its size only", async () => {
    const comment = "a zebra, Steps: 20, Sampler: Euler a, CFG scale: 7, Seed: 1";
    const jpeg = await sharp(await photo("jpeg"))
      .jpeg()
      .withExif({ IFD2: { UserComment: comment } })
      .toBuffer();
    const metadata = await readProvenanceMetadata(jpeg);
    expect(metadata.parameterComments).toEqual([
      { source: "exif_user_comment", bytes: comment.length },
    ]);
    expect(JSON.stringify(metadata)).not.toContain("zebra");
    const ordinary = await sharp(await photo("jpeg"))
      .jpeg()
      .withExif({ IFD2: { UserComment: "Steps: 3 to the beach, seed: none" } })
      .toBuffer();
    expect((await readProvenanceMetadata(ordinary)).parameterComments).toEqual([]);
  });

  it("reads a UNICODE UserComment in either UTF-16 byte order", async () => {
    const comment = "ein Zebra, Steps: 30, Sampler: DPM++ 2M, Seed: 42";
    for (const order of ["be", "le"] as const) {
      const jpeg = withApp1Exif(await photo("jpeg"), unicodeUserCommentTiff(comment, order));
      expect((await readProvenanceMetadata(jpeg)).parameterComments).toEqual([
        { source: "exif_user_comment", bytes: comment.length },
      ]);
    }
  });

  it("reads XMP and EXIF from a WebP, which exifr cannot open", async () => {
    const webp = await sharp(await photo("png"))
      .webp()
      .withXmp(syntheticXmp)
      .withExif({ IFD0: { Software: "Midjourney" } })
      .toBuffer();
    const metadata = await readProvenanceMetadata(webp);
    expect(metadata.format).toBe("webp");
    expect(metadata.digitalSourceTypes).toEqual([TRAINED_ALGORITHMIC_MEDIA]);
    expect(metadata.software).toContainEqual({ source: "exif_software", value: "Midjourney" });
  });

  it("reads the element form of XMP properties, with any prefix", async () => {
    const packet =
      '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF><rdf:Description xmlns:ext="http://iptc.org/std/Iptc4xmpExt/2008-02-29/">' +
      '<ext:DigitalSourceType rdf:resource="http://cv.iptc.org/newscodes/digitalsourcetype/compositeWithTrainedAlgorithmicMedia"/>' +
      "<xmp:CreatorTool>Stable Diffusion &amp; friends</xmp:CreatorTool></rdf:Description></rdf:RDF></x:xmpmeta>";
    const jpeg = await sharp(await photo("jpeg"))
      .jpeg()
      .withXmp(packet)
      .toBuffer();
    const metadata = await readProvenanceMetadata(jpeg);
    expect(metadata.digitalSourceTypes).toEqual([
      "http://cv.iptc.org/newscodes/digitalsourcetype/compositeWithTrainedAlgorithmicMedia",
    ]);
    expect(metadata.software).toEqual([
      { source: "xmp_creator_tool", value: "Stable Diffusion & friends" },
    ]);
  });

  it("finds a C2PA manifest store in JPEG APP11, PNG caBX and WebP C2PA", async () => {
    const jpeg = withApp11(await photo("jpeg"), c2paJumbf());
    const png = withPngChunks(await photo("png"), [pngChunk("caBX", c2paJumbf())]);
    const webp = withWebpChunk(await photo("webp"), "C2PA", c2paJumbf());
    expect((await readProvenanceMetadata(jpeg)).c2pa).toEqual(["jpeg_app11"]);
    expect((await readProvenanceMetadata(png)).c2pa).toEqual(["png_cabx"]);
    expect((await readProvenanceMetadata(webp)).c2pa).toEqual(["webp_c2pa"]);
  });

  it("does not take another JUMBF box for C2PA", async () => {
    const other = c2paJumbf("jpeg360", Buffer.alloc(16, 7));
    const jpeg = withApp11(await photo("jpeg"), other);
    expect((await readProvenanceMetadata(jpeg)).c2pa).toEqual([]);
  });

  it("finds nothing in ordinary photos", async () => {
    for (const format of ["jpeg", "png", "webp"] as const) {
      const metadata = await readProvenanceMetadata(await photo(format));
      expect(metadata).toMatchObject({
        format,
        software: [],
        textChunks: [],
        digitalSourceTypes: [],
        c2pa: [],
        parameterComments: [],
        truncated: false,
      });
    }
  });

  it("reads nothing from bytes that are not an image", async () => {
    const metadata = await readProvenanceMetadata(new TextEncoder().encode("parameters: hello"));
    expect(metadata.format).toBeUndefined();
    expect(metadata.textChunks).toEqual([]);
  });
});
