import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isVigilError } from "../../core/index.js";
import type { FaceSignal, NuditySignal } from "../types.js";
import { ImageSignalProvider } from "./provider.js";
import { assetCrop, PORTRAIT } from "../../../test/helpers/model-samples.js";

describe("ImageSignalProvider", () => {
  let provider: ImageSignalProvider;
  let portrait: Buffer;

  beforeAll(async () => {
    provider = await ImageSignalProvider.open({ threads: 1 });
    portrait = await assetCrop(PORTRAIT.file, PORTRAIT.region);
  }, 120_000);

  afterAll(async () => {
    await provider?.close();
  });

  it("gives a nudity signal per image and a face signal per face, by media index", async () => {
    const notAnImage = new TextEncoder().encode("\0\0\0\x20ftypisom a video, not an image");
    const signals = await provider.analyse({
      media: [
        { index: 0, bytes: notAnImage },
        { index: 1, bytes: portrait },
      ],
    });
    const nudity = signals.filter((s): s is NuditySignal => s.kind === "nudity");
    const faces = signals.filter((s): s is FaceSignal => s.kind === "face");
    expect(nudity.map((s) => s.mediaIndex)).toEqual([1]);
    expect(faces.map((s) => s.mediaIndex)).toEqual([1]);
    expect(Object.isFrozen(nudity[0])).toBe(true);
  });

  it("applies the face gate given per call", async () => {
    const signals = await provider.analyse(
      { media: [{ index: 0, bytes: portrait }] },
      { faceGate: 0.9 },
    );
    expect(signals.map((s) => s.kind)).toEqual(["nudity"]);
  });

  it("fails on a damaged image with its media error code", async () => {
    const damaged = portrait.subarray(0, 1500);
    const error = await provider
      .analyse({ media: [{ index: 0, bytes: damaged }] })
      .catch((e: unknown) => e);
    expect(isVigilError(error) && error.code).toBe("media/corrupt");
  });
});
