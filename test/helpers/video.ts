import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * Test clips are generated with ffmpeg's own test sources, so no video files live in the
 * repository. Without ffmpeg the video suites skip with a message; under CI=true its absence is a
 * failure, because CI must prove what those suites check.
 */
export function ffmpegAvailable(): boolean {
  const found = ["ffmpeg", "ffprobe"].every(
    (tool) => spawnSync(tool, ["-version"], { stdio: "ignore" }).status === 0,
  );
  if (found) return true;
  if (process.env.CI === "true") throw new Error("CI=true but ffmpeg/ffprobe are not on PATH");
  console.warn("Skipping video tests: ffmpeg/ffprobe not found on PATH");
  return false;
}

/** Runs ffmpeg quietly, overwriting outputs; throws with its stderr when it fails. */
export function ffmpeg(...args: string[]): Buffer {
  const run = spawnSync("ffmpeg", ["-hide_banner", "-loglevel", "error", "-y", ...args], {
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(`ffmpeg ${args.join(" ")} failed: ${run.stderr}`);
  return run.stdout;
}

/** A fresh temporary directory and the function that removes it. */
export function tempDir(prefix: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `vigil-${prefix}-`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Whether a process id is still alive (or a zombie not yet reaped). */
export function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
