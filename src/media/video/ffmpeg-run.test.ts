import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ffmpeg, ffmpegAvailable, processExists, tempDir } from "../../../test/helpers/video.js";
import { decodeVideoFrames, hashVideo } from "./video.js";

/**
 * The child processes themselves: they are killed on every way out (time limit, caller's abort,
 * a failing consumer, a limit hit mid-stream) and reaped before the call settles. Stand-in tools
 * (shell scripts that record their pid and then `exec` a stalling or endless program, so the pid
 * is the process we must kill) make the slow and misbehaving cases certain.
 */
describe.skipIf(!ffmpegAvailable())("ffmpeg child processes", () => {
  let temp: ReturnType<typeof tempDir>;
  const file = (name: string): string => join(temp.dir, name);
  const pidOf = (name: string): number => Number(readFileSync(file(`${name}.pid`), "utf8"));

  /** A stand-in executable: records its pid in NAME.pid, then becomes `command`. */
  const tool = (name: string, command: string): string => {
    const script = `#!/bin/sh\necho $$ > '${file(`${name}.pid`)}'\n${command}\n`;
    writeFileSync(file(name), script, { mode: 0o755 });
    return file(name);
  };
  const probeJson = JSON.stringify({
    streams: [{ codec_name: "h264", width: 64, height: 64 }],
    format: { format_name: "matroska,webm", duration: "10" },
  });

  beforeAll(() => {
    temp = tempDir("ffmpeg-run");
    ffmpeg(
      "-f",
      "lavfi",
      "-i",
      "testsrc2=duration=2:size=64x64:rate=10",
      "-c:v",
      "libx264",
      "-pix_fmt",
      "yuv420p",
      "-f",
      "matroska",
      file("clip.mkv"),
    );
  });
  afterAll(() => temp?.remove());

  it("reports ffmpeg missing from PATH with media/ffmpeg-missing", async () => {
    await expect(
      hashVideo({ path: file("clip.mkv") }, { ffprobePath: "vigil-no-such-ffprobe" }),
    ).rejects.toMatchObject({ code: "media/ffmpeg-missing", details: { tool: "ffprobe" } });
    await expect(
      hashVideo({ path: file("clip.mkv") }, { ffmpegPath: "vigil-no-such-ffmpeg" }),
    ).rejects.toMatchObject({ code: "media/ffmpeg-missing", details: { tool: "ffmpeg" } });
  });

  it("kills a stalled ffprobe at the time limit and rejects with media/timeout", async () => {
    const ffprobePath = tool("stalled-ffprobe", "exec sleep 300");
    await expect(
      hashVideo(
        { bytes: readFileSync(file("clip.mkv")) },
        { ffprobePath, limits: { timeoutSeconds: 0.5 } },
      ),
    ).rejects.toMatchObject({ code: "media/timeout", details: { timeoutSeconds: 0.5 } });
    expect(processExists(pidOf("stalled-ffprobe"))).toBe(false);
  });

  it("kills a stalled ffmpeg at the time limit and rejects with media/timeout", async () => {
    const ffprobePath = tool("quick-ffprobe", `echo '${probeJson}'`);
    const ffmpegPath = tool("stalled-ffmpeg", "exec sleep 300");
    await expect(
      hashVideo(
        { path: file("clip.mkv") },
        { ffprobePath, ffmpegPath, limits: { timeoutSeconds: 0.5 } },
      ),
    ).rejects.toMatchObject({ code: "media/timeout" });
    expect(processExists(pidOf("stalled-ffmpeg"))).toBe(false);
  });

  it("kills ffmpeg when the caller aborts, rejecting with the caller's reason", async () => {
    const ffprobePath = tool("quick-ffprobe", `echo '${probeJson}'`);
    const ffmpegPath = tool("slow-ffmpeg", "exec sleep 300");
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("user went away")), 300);
    await expect(
      hashVideo({ path: file("clip.mkv") }, { ffprobePath, ffmpegPath, signal: controller.signal }),
    ).rejects.toThrow("user went away");
    expect(processExists(pidOf("slow-ffmpeg"))).toBe(false);
  });

  it("kills an ffmpeg that never stops sending frames once the frame limit is reached", async () => {
    const ffprobePath = tool("quick-ffprobe", `echo '${probeJson}'`);
    const ffmpegPath = tool("endless-ffmpeg", "exec cat /dev/zero");
    await expect(
      hashVideo({ path: file("clip.mkv") }, { ffprobePath, ffmpegPath, limits: { maxFrames: 50 } }),
    ).rejects.toMatchObject({ code: "media/too-many-frames" });
    expect(processExists(pidOf("endless-ffmpeg"))).toBe(false);
  });

  it("kills ffmpeg when the frame consumer throws, rejecting with that error", async () => {
    const ffprobePath = tool("quick-ffprobe", `echo '${probeJson}'`);
    const ffmpegPath = tool("frames-ffmpeg", "exec cat /dev/zero");
    const consumer = (): void => {
      throw new Error("consumer failed");
    };
    await expect(
      decodeVideoFrames({ path: file("clip.mkv") }, consumer, { ffprobePath, ffmpegPath }),
    ).rejects.toThrow("consumer failed");
    expect(processExists(pidOf("frames-ffmpeg"))).toBe(false);
  });

  it("decodes normally after all that, with the real tools", async () => {
    expect((await hashVideo({ path: file("clip.mkv") })).frameCount).toBe(2);
  });
});
