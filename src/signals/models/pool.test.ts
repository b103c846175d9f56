import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isVigilError } from "../../core/index.js";
import { NUDITY_CLASSES } from "../types.js";
import { ImageAnalyser } from "./pool.js";
import {
  AVATAR,
  assetCrop,
  CEILING,
  PORTRAIT,
  WOMAN,
} from "../../../test/helpers/model-samples.js";
import { cosineSimilarity, PROTECTED_FACE_THRESHOLD } from "./similarity.js";

describe("ImageAnalyser (nsfwjs MobileNetV2 and Human, one worker thread)", () => {
  let analyser: ImageAnalyser;
  let portrait: Buffer;

  beforeAll(async () => {
    analyser = await ImageAnalyser.open({ threads: 1 });
    portrait = await assetCrop(PORTRAIT.file, PORTRAIT.region);
  }, 120_000);

  afterAll(async () => {
    await analyser?.close();
  });

  it("loads the bundled models offline and scores the five classes", async () => {
    const { nudity } = await analyser.analyse(portrait);
    expect(nudity.kind).toBe("nudity");
    expect(nudity.model.name).toBe("nsfwjs/MobileNetV2");
    expect(Object.keys(nudity.scores).sort()).toEqual([...NUDITY_CLASSES]);
    const total = Object.values(nudity.scores).reduce((a, b) => a + b, 0);
    expect(total).toBeCloseTo(1, 2);
  });

  it("scores a photo of a man's face as neutral", async () => {
    const { nudity } = await analyser.analyse(portrait);
    expect(top(nudity.scores)).toBe("neutral");
  });

  it("scores an anime-style avatar as a drawing", async () => {
    const { nudity } = await analyser.analyse(await assetCrop(AVATAR.file, AVATAR.region));
    expect(top(nudity.scores)).toBe("drawing");
  });

  it("finds the face in a portrait, with a unit-length 1024-d embedding", async () => {
    const { faces, facesChecked } = await analyser.analyse(portrait, { mediaIndex: 2 });
    expect(facesChecked).toBe(true);
    expect(faces).toHaveLength(1);
    const face = faces[0]!;
    expect(face).toMatchObject({ kind: "face", mediaIndex: 2, model: { name: "human/faceres" } });
    expect(face.confidence).toBeGreaterThan(0.5);
    expect(face.box.width).toBeGreaterThan(60);
    expect(face.embedding).toHaveLength(1024);
    expect(cosineSimilarity(face.embedding, face.embedding)).toBeCloseTo(1, 5);
  });

  it("finds no face in a photo of a ceiling", async () => {
    const { faces } = await analyser.analyse(await assetCrop(CEILING.file, CEILING.region));
    expect(faces).toEqual([]);
  });

  it("embeds a resized, re-encoded copy of a face closer than another person's face", async () => {
    const copy = await sharp(portrait).resize(100).webp({ quality: 60 }).toBuffer();
    const [a] = (await analyser.analyse(portrait)).faces;
    const [again] = (await analyser.analyse(portrait)).faces;
    const [b] = (await analyser.analyse(copy)).faces;
    const [other] = (await analyser.analyse(await assetCrop(WOMAN.file, WOMAN.region))).faces;
    expect(cosineSimilarity(a!.embedding, again!.embedding)).toBeCloseTo(1, 5);
    const same = cosineSimilarity(a!.embedding, b!.embedding);
    expect(same).toBeGreaterThan(0.9);
    expect(same).toBeGreaterThan(PROTECTED_FACE_THRESHOLD);
    expect(cosineSimilarity(a!.embedding, other!.embedding)).toBeLessThan(PROTECTED_FACE_THRESHOLD);
  });

  it("skips face detection when the nudity gate is not reached", async () => {
    const result = await analyser.analyse(portrait, { faceGate: 0.5 });
    expect(result.facesChecked).toBe(false);
    expect(result.faces).toEqual([]);
  });

  it("refuses corrupt bytes with a media error and keeps serving", async () => {
    const truncated = portrait.subarray(0, 2000);
    const error = await analyser.analyse(truncated).catch((e: unknown) => e);
    expect(isVigilError(error) && error.code).toBe("media/corrupt");
    const noise = await analyser.analyse(new Uint8Array([1, 2, 3, 4])).catch((e: unknown) => e);
    expect(isVigilError(noise) && noise.code).toBe("media/unsupported-format");
    expect((await analyser.analyse(portrait)).faces).toHaveLength(1);
  });

  it("releases every tensor: the count is flat over many images", async () => {
    const ceiling = await assetCrop(CEILING.file, CEILING.region);
    await analyser.analyse(portrait);
    const before = await analyser.tensorCount();
    for (let i = 0; i < 6; i++) await analyser.analyse(i % 2 ? portrait : ceiling);
    await analyser.analyse(new Uint8Array([0xff, 0xd8, 0xff, 0])).catch(() => undefined);
    expect(await analyser.tensorCount()).toBe(before);
  });
});

describe("ImageAnalyser.close", () => {
  it("ends the threads, and later calls say the analyser is closed", async () => {
    const analyser = await ImageAnalyser.open({ threads: 1, faces: false });
    expect(analyser.threads).toBe(1);
    await analyser.close();
    expect(analyser.threads).toBe(0);
    const error = await analyser.analyse(new Uint8Array([1])).catch((e: unknown) => e);
    expect(isVigilError(error) && error.code).toBe("signals/unavailable");
  }, 120_000);
});

function top(scores: Readonly<Record<string, number>>): string {
  return Object.entries(scores).sort((a, b) => b[1] - a[1])[0]![0];
}
