import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ffmpeg, ffmpegAvailable, tempDir } from "../../../test/helpers/video.js";
import type { ErrorCode } from "../../core/index.js";
import { hashVideo, type HashVideoOptions } from "./video.js";
import type { VideoInput } from "./video-input.js";

/** Bad input and limits: every case is a VigilError with its own code, never a crash or a hang. */
describe.skipIf(!ffmpegAvailable())("hashVideo refusing bad input", () => {
  let temp: ReturnType<typeof tempDir>;
  const file = (name: string): string => join(temp.dir, name);
  const bytes = (name: string): Uint8Array => readFileSync(file(name));

  beforeAll(() => {
    temp = tempDir("video-input");
    const source = ["-f", "lavfi", "-i", "testsrc2=duration=4:size=320x180:rate=25"];
    const x264 = ["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p"];
    // libx264 into MP4 writes the index (moov) last, as most cameras and phones do.
    ffmpeg(...source, ...x264, file("index-last.mp4"));
    ffmpeg(
      "-i",
      file("index-last.mp4"),
      "-c",
      "copy",
      "-movflags",
      "+faststart",
      file("index-first.mp4"),
    );
    // Matroska written to a pipe cannot go back to fill in the duration.
    writeFileSync(file("no-duration.mkv"), ffmpeg(...source, ...x264, "-f", "matroska", "pipe:1"));
    ffmpeg("-f", "lavfi", "-i", "sine=duration=2", "-c:a", "aac", file("audio.m4a"));
    ffmpeg("-f", "lavfi", "-i", "testsrc2=size=64x64", "-frames:v", "1", file("image.png"));
    ffmpeg("-f", "lavfi", "-i", "testsrc2=duration=2:size=64x64:rate=5", file("animated.gif"));
    writeFileSync(file("notes.txt"), "Not a video, just a few words of text.\n");
    writeFileSync(file("empty.mp4"), new Uint8Array(0));
    const whole = bytes("index-first.mp4");
    writeFileSync(file("cut-index-first.mp4"), whole.subarray(0, Math.floor(whole.length * 0.6)));
    const indexLast = bytes("index-last.mp4");
    writeFileSync(
      file("cut-index-last.mp4"),
      indexLast.subarray(0, Math.floor(indexLast.length * 0.6)),
    );
  }, 30_000);
  afterAll(() => temp?.remove());

  const refusal = async (input: VideoInput, options: HashVideoOptions = {}): Promise<ErrorCode> => {
    const error: unknown = await hashVideo(input, options).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ name: "VigilError" });
    return (error as { code: ErrorCode }).code;
  };

  it("refuses an empty file, as a path and as bytes", async () => {
    expect(await refusal({ path: file("empty.mp4") })).toBe("media/empty");
    expect(await refusal({ bytes: new Uint8Array(0) })).toBe("media/empty");
  });

  it("refuses a text file as an unsupported format", async () => {
    expect(await refusal({ path: file("notes.txt") })).toBe("media/unsupported-format");
    expect(await refusal({ bytes: bytes("notes.txt") })).toBe("media/unsupported-format");
  });

  it("refuses a still image, saying it is one", async () => {
    await expect(hashVideo({ path: file("image.png") })).rejects.toMatchObject({
      code: "media/unsupported-format",
      message: expect.stringContaining("PNG image"),
    });
  });

  it("refuses a file with sound but no video stream", async () => {
    await expect(hashVideo({ path: file("audio.m4a") })).rejects.toMatchObject({
      code: "media/unsupported-format",
      message: expect.stringContaining("no video stream"),
    });
  });

  it("refuses a file that does not exist as unreadable", async () => {
    expect(await refusal({ path: file("missing.mp4") })).toBe("media/unreadable");
    expect(await refusal({ path: temp.dir })).toBe("media/unreadable");
  });

  it("refuses an MP4 cut off before its index as corrupt", async () => {
    expect(await refusal({ path: file("cut-index-last.mp4") })).toBe("media/corrupt");
  });

  it("refuses an MP4 cut off after its index as corrupt", async () => {
    expect(await refusal({ path: file("cut-index-first.mp4") })).toBe("media/corrupt");
    expect(await refusal({ bytes: bytes("cut-index-first.mp4") })).toBe("media/corrupt");
  });

  it("hashes what survives of that MP4 with allowPartial, marking it partial", async () => {
    const result = await hashVideo({ path: file("cut-index-first.mp4") }, { allowPartial: true });
    expect(result.partial).toBe(true);
    expect(result.frameCount).toBeGreaterThan(0);
    expect(result.frameCount).toBeLessThan(4);
  });

  it("asks for a file path when an MP4 sent as bytes keeps its index last", async () => {
    await expect(hashVideo({ bytes: bytes("index-last.mp4") })).rejects.toMatchObject({
      code: "media/unstreamable",
      message: expect.stringContaining("file path"),
    });
    expect((await hashVideo({ path: file("index-last.mp4") })).frameCount).toBe(4);
    expect((await hashVideo({ bytes: bytes("index-first.mp4") })).frameCount).toBe(4);
  });

  it("asks for a file path for an animated GIF sent as bytes, and reads it from the file", async () => {
    expect(await refusal({ bytes: bytes("animated.gif") })).toBe("media/unstreamable");
    expect((await hashVideo({ path: file("animated.gif") })).frameCount).toBe(2);
  });

  it("refuses a file over the byte limit without starting ffmpeg", async () => {
    const limits = { maxBytes: 1000 };
    const noTools = { ffmpegPath: "/nonexistent/ffmpeg", ffprobePath: "/nonexistent/ffprobe" };
    expect(await refusal({ path: file("index-first.mp4") }, { limits, ...noTools })).toBe(
      "media/too-large",
    );
    expect(await refusal({ bytes: bytes("index-first.mp4") }, { limits, ...noTools })).toBe(
      "media/too-large",
    );
  });

  it("refuses a video whose declared duration is over the limit", async () => {
    await expect(
      hashVideo({ path: file("index-first.mp4") }, { limits: { maxDurationSeconds: 3 } }),
    ).rejects.toMatchObject({ code: "media/too-long", details: { durationSeconds: 4 } });
  });

  it("stops a video that declares no duration once its frames pass the duration limit", async () => {
    const options = { limits: { maxDurationSeconds: 1.5 } };
    for (const input of [{ path: file("no-duration.mkv") }, { bytes: bytes("no-duration.mkv") }]) {
      const error = await hashVideo(input, options).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: "media/too-long", details: { maxDurationSeconds: 1.5 } });
      // Found while decoding: no declared duration to report.
      expect((error as { details: object }).details).not.toHaveProperty("durationSeconds");
    }
  });

  it("refuses more frames than the limit, declared or as decoded", async () => {
    const options = { limits: { maxFrames: 3 } };
    expect(await refusal({ path: file("index-first.mp4") }, options)).toBe("media/too-many-frames");
    expect(await refusal({ path: file("no-duration.mkv") }, options)).toBe("media/too-many-frames");
    const fast = { framesPerSecond: 10, limits: { maxFrames: 30 } };
    expect(await refusal({ path: file("no-duration.mkv") }, fast)).toBe("media/too-many-frames");
  });

  it("refuses frames over the pixel limit", async () => {
    const options = { limits: { maxFramePixels: 320 * 100 } };
    expect(await refusal({ path: file("index-first.mp4") }, options)).toBe("media/too-many-pixels");
  });
});
