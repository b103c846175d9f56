import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ffmpeg, ffmpegAvailable, tempDir } from "../../../test/helpers/video.js";
import { isPdqHex, matchVpdq, type VpdqFeature } from "../../hash/index.js";
import { decodeVideoFrames, hashVideo } from "./video.js";

/**
 * Six-second 640×360 clips from ffmpeg's test sources. `testsrc2` moves (a scrolling pattern,
 * a clock, a counter), so each sampled second is a different picture; `mandelbrot` and the older
 * `testsrc` are different clips. Copies are made the way uploads get changed in practice: another
 * codec at a lower bitrate, a smaller size, a slight crop.
 */
describe.skipIf(!ffmpegAvailable())("hashVideo on generated clips", () => {
  let temp: ReturnType<typeof tempDir>;
  const clip = (name: string): string => join(temp.dir, name);
  const frames: Record<string, readonly VpdqFeature[]> = {};

  beforeAll(async () => {
    temp = tempDir("video");
    const source = ["-f", "lavfi", "-i"];
    const x264 = ["-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p"];
    ffmpeg(...source, "testsrc2=duration=6:size=640x360:rate=25", ...x264, clip("original.mp4"));
    ffmpeg(
      "-i",
      clip("original.mp4"),
      "-c:v",
      "libvpx",
      "-b:v",
      "250k",
      "-deadline",
      "realtime",
      "-cpu-used",
      "8",
      clip("reencoded.webm"),
    );
    ffmpeg(
      "-i",
      clip("original.mp4"),
      "-vf",
      "scale=426:240",
      "-c:v",
      "mpeg4",
      "-q:v",
      "6",
      clip("scaled.avi"),
    );
    ffmpeg(
      "-i",
      clip("original.mp4"),
      "-vf",
      "crop=iw*0.98:ih*0.98,scale=640:360",
      ...x264,
      "-crf",
      "28",
      clip("cropped.mp4"),
    );
    ffmpeg(
      ...source,
      "mandelbrot=size=640x360:rate=25",
      "-t",
      "6",
      ...x264,
      clip("mandelbrot.mp4"),
    );
    ffmpeg(...source, "testsrc=duration=6:size=640x360:rate=25", ...x264, clip("testsrc.mp4"));
    for (const name of [
      "original.mp4",
      "reencoded.webm",
      "scaled.avi",
      "cropped.mp4",
      "mandelbrot.mp4",
      "testsrc.mp4",
    ]) {
      frames[name] = (await hashVideo({ path: clip(name) })).frames;
    }
  }, 60_000);
  afterAll(() => temp.remove());

  const matches = (a: string, b: string): boolean => matchVpdq(frames[a]!, frames[b]!).isMatch;

  it("hashes one frame a second, each with index, quality, PDQ hex and timestamp, and digests the file", async () => {
    const result = await hashVideo({ path: clip("original.mp4") });
    const bytes = readFileSync(clip("original.mp4"));
    expect(result.md5).toBe(createHash("md5").update(bytes).digest("hex"));
    expect(result.sha256).toBe(createHash("sha256").update(bytes).digest("hex"));
    expect(result).toMatchObject({
      width: 640,
      height: 360,
      durationSeconds: 6,
      frameCount: 6,
      partial: false,
    });
    expect(result.frames.map((f) => f.index)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(result.frames.map((f) => f.timestamp)).toEqual([0, 1, 2, 3, 4, 5]);
    for (const frame of result.frames) {
      expect(isPdqHex(frame.pdq)).toBe(true);
      expect(frame.quality).toBeGreaterThanOrEqual(50);
    }
  });

  it("gives the same frame hashes for bytes on stdin as for the file path", async () => {
    const fromPath = await hashVideo({ path: clip("reencoded.webm") });
    const fromBytes = await hashVideo({ bytes: readFileSync(clip("reencoded.webm")) });
    expect(fromBytes.frames).toEqual(fromPath.frames);
    expect(fromBytes.md5).toBe(fromPath.md5);
  });

  it("matches a VP8 re-encode of the clip at a low bitrate", () => {
    expect(matches("reencoded.webm", "original.mp4")).toBe(true);
  });

  it("matches a copy shrunk to 426×240 and re-encoded as MPEG-4 Part 2 in AVI", () => {
    expect(matches("scaled.avi", "original.mp4")).toBe(true);
  });

  it("matches a copy with 1 % cropped from each edge", () => {
    expect(matches("cropped.mp4", "original.mp4")).toBe(true);
  });

  it("does not match different clips", () => {
    for (const other of ["mandelbrot.mp4", "testsrc.mp4"]) {
      expect(matches(other, "original.mp4")).toBe(false);
      expect(matchVpdq(frames[other]!, frames["original.mp4"]!).queryMatchPercent).toBe(0);
    }
    expect(matches("mandelbrot.mp4", "testsrc.mp4")).toBe(false);
  });

  it("samples at the requested rate", async () => {
    const result = await hashVideo({ path: clip("original.mp4") }, { framesPerSecond: 2 });
    expect(result.frameCount).toBe(12);
    expect(result.frames.slice(0, 3).map((f) => f.timestamp)).toEqual([0, 0.5, 1]);
  });

  it("shrinks frames larger than maxFrameSide, keeping the aspect ratio", async () => {
    const sizes: string[] = [];
    const decoded = await decodeVideoFrames(
      { path: clip("original.mp4") },
      ({ pixels }) => sizes.push(`${pixels.width}×${pixels.height}×${pixels.channels}`),
      { maxFrameSide: 320 },
    );
    expect(decoded).toMatchObject({ frameWidth: 320, frameHeight: 180, frameCount: 6 });
    expect(new Set(sizes)).toEqual(new Set(["320×180×3"]));
  });
});
