import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { isVigilError } from "../core/index.js";
import {
  c2paJumbf,
  photo,
  textChunk,
  TRAINED_ALGORITHMIC_MEDIA,
  withApp11,
  withPngChunks,
  xmpPacket,
} from "../../test/helpers/provenance-fixtures.js";
import {
  generatorNamed,
  PROVENANCE_READER,
  ProvenanceSignalProvider,
  readProvenance,
  type ProvenanceSignal,
} from "./index.js";

const markers = (signals: readonly ProvenanceSignal[]): string[] =>
  signals.map((s) => `${s.marker}: ${s.detail}`);

describe("readProvenance", () => {
  it("marks a PNG with an Automatic1111 parameters chunk, without its prompt", async () => {
    const prompt = "portrait of a woman, Steps: 20, Sampler: Euler a, CFG scale: 7";
    const png = withPngChunks(await photo("png"), [textChunk("parameters", prompt)]);
    const signals = await readProvenance(png);
    expect(signals).toEqual([
      {
        kind: "provenance",
        model: PROVENANCE_READER,
        mediaIndex: 0,
        marker: "generator_parameters",
        detail: `parameters tEXt chunk (Automatic1111 / Forge / SD.Next), ${11 + prompt.length} bytes`,
      },
    ]);
    expect(JSON.stringify(signals)).not.toContain("woman");
  });

  it("marks ComfyUI's prompt and workflow chunks and a NovelAI Software chunk", async () => {
    const png = withPngChunks(await photo("png"), [
      textChunk("prompt", "{}"),
      textChunk("workflow", "{}"),
      textChunk("Software", "NovelAI"),
      textChunk("Title", "holiday"),
    ]);
    expect(markers(await readProvenance(png))).toEqual([
      "generator_software: PNG Software: NovelAI",
      "generator_parameters: prompt tEXt chunk (ComfyUI), 9 bytes",
      "generator_parameters: workflow tEXt chunk (ComfyUI), 11 bytes",
    ]);
  });

  it("marks a JPEG with IPTC trainedAlgorithmicMedia and EXIF Software", async () => {
    const jpeg = await sharp(await photo("jpeg"))
      .jpeg()
      .withXmp(xmpPacket({ "Iptc4xmpExt:DigitalSourceType": TRAINED_ALGORITHMIC_MEDIA }))
      .withExif({ IFD0: { Software: "stable-diffusion-webui (Automatic1111)" } })
      .toBuffer();
    expect(markers(await readProvenance(jpeg))).toEqual([
      "iptc_trained_algorithmic_media: IPTC digital source type trainedAlgorithmicMedia (XMP)",
      "generator_software: EXIF Software: Stable Diffusion",
    ]);
  });

  it("marks an Automatic1111 JPEG by the parameters in its EXIF UserComment", async () => {
    const comment = "a zebra, Steps: 20, Sampler: Euler a, Seed: 1";
    const jpeg = await sharp(await photo("jpeg"))
      .jpeg()
      .withExif({ IFD2: { UserComment: comment } })
      .toBuffer();
    expect(markers(await readProvenance(jpeg))).toEqual([
      `generator_parameters: EXIF UserComment with generation parameters (Automatic1111 / Forge / SD.Next), ${comment.length} chars`,
    ]);
  });

  it("marks a C2PA manifest store as present and says it is not verified", async () => {
    const jpeg = withApp11(await photo("jpeg"), c2paJumbf());
    expect(markers(await readProvenance(jpeg))).toEqual([
      "c2pa_manifest: C2PA manifest store in JPEG APP11 (present, not verified)",
    ]);
  });

  it("gives nothing for ordinary photos, editors and cameras", async () => {
    const edited = await sharp(await photo("jpeg"))
      .jpeg()
      .withExif({ IFD0: { Software: "Adobe Photoshop 25.1 (Windows)", Make: "Canon" } })
      .withXmp(
        xmpPacket({
          "xmp:CreatorTool": "GIMP 2.10",
          "Iptc4xmpExt:DigitalSourceType":
            "http://cv.iptc.org/newscodes/digitalsourcetype/digitalCapture",
        }),
      )
      .toBuffer();
    for (const file of [edited, await photo("jpeg"), await photo("png"), await photo("webp")]) {
      expect(await readProvenance(file)).toEqual([]);
    }
  });
});

describe("generatorNamed", () => {
  it("matches whole words of the generator list", () => {
    expect(generatorNamed("DALL·E 3")).toBe("DALL·E");
    expect(generatorNamed("Adobe Firefly")).toBe("Adobe Firefly");
    expect(generatorNamed("ComfyUI")).toBe("ComfyUI");
    expect(generatorNamed("FLUX.1 [dev]")).toBe("Flux");
    expect(generatorNamed("Fluxus Photo 2")).toBeUndefined();
    expect(generatorNamed("Editor de imagen")).toBeUndefined();
    expect(generatorNamed("Lightroom")).toBeUndefined();
  });
});

describe("ProvenanceSignalProvider", () => {
  it("reads every media object of a content item under its own index", async () => {
    const marked = withPngChunks(await photo("png"), [textChunk("sd-metadata", "{}")]);
    const provider = new ProvenanceSignalProvider();
    const signals = await provider.analyse({
      media: [
        { index: 0, bytes: await photo("jpeg") },
        { index: 1, bytes: marked },
      ],
      text: "hello",
    });
    expect(signals).toHaveLength(1);
    expect(signals[0]).toMatchObject({
      kind: "provenance",
      mediaIndex: 1,
      marker: "generator_parameters",
    });
  });

  it("gives nothing for a video and refuses a file over its byte limit", async () => {
    const mp4Head = Buffer.from("0000001c667479706973736f6d0000020069736f6d69736f32", "hex");
    const provider = new ProvenanceSignalProvider({ limits: { maxBytes: 1024 } });
    expect(await provider.analyse({ media: [{ index: 0, bytes: mp4Head }] })).toEqual([]);
    const error = await provider
      .analyse({ media: [{ index: 0, bytes: new Uint8Array(4096) }] })
      .catch((e: unknown) => e);
    expect(isVigilError(error) && error.code).toBe("media/too-large");
  });
});
