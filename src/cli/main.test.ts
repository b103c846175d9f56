import { execFile } from "node:child_process";
import { copyFile, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encode, scenePixels } from "../../test/helpers/images.js";
import { ffmpeg, ffmpegAvailable } from "../../test/helpers/video.js";
import { runCli } from "./main.js";

async function run(...argv: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr, lines: stdout.split("\n").filter(Boolean) };
}

const LINE = /^[0-9a-f]{64},\d{1,3},/;

describe("vigil hash", () => {
  let dir = "";
  let photo = "";
  let other = "";

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "vigil-cli-"));
    photo = join(dir, "photo.jpg");
    other = join(dir, "other.png");
    await writeFile(photo, await encode(scenePixels(320, 240, 1), "jpeg"));
    await writeFile(other, await encode(scenePixels(200, 200, 2), "png"));
    await mkdir(join(dir, "album", "nested"), { recursive: true });
    await copyFile(photo, join(dir, "album", "b.jpg"));
    await copyFile(other, join(dir, "album", "nested", "telegram_export_file_17")); // no extension
    await writeFile(join(dir, "album", "a-notes.txt"), "not an image");
    await writeFile(
      join(dir, "album", ".hidden.jpg"),
      await encode(scenePixels(50, 50, 3), "jpeg"),
    );
  });

  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("prints hash,quality,path per file, in argument order", async () => {
    const { code, lines, stderr } = await run("hash", photo, other);
    expect(code).toBe(0);
    expect(stderr).toBe("");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(LINE);
    expect(lines[0]!.endsWith(`,${photo}`)).toBe(true);
    expect(lines[1]!.endsWith(`,${other}`)).toBe(true);
  });

  it("walks a directory for files that are images by content, skipping hidden ones", async () => {
    const { code, lines } = await run("hash", join(dir, "album"));
    expect(code).toBe(0);
    expect(lines.map((line) => line.split(",")[2])).toEqual([
      join(dir, "album", "b.jpg"),
      join(dir, "album", "nested", "telegram_export_file_17"),
    ]);
  });

  it("reports bad files on stderr, hashes the rest, and exits 1", async () => {
    const text = join(dir, "album", "a-notes.txt");
    const { code, lines, stderr } = await run("hash", text, photo, join(dir, "missing.jpg"));
    expect(code).toBe(1);
    expect(lines).toHaveLength(1);
    expect(stderr).toContain(`${text}: `);
    expect(stderr).toContain("[media/unsupported-format]");
    expect(stderr).toContain("missing.jpg: no such file or directory");
  });

  it("prints JSON lines with pdq, quality, md5, sha256 and size", async () => {
    const { lines } = await run("hash", "--json", photo);
    const record = JSON.parse(lines[0]!);
    expect(record).toMatchObject({
      path: photo,
      width: 320,
      height: 240,
      format: "jpeg",
      partial: false,
    });
    expect(record.pdq).toMatch(/^[0-9a-f]{64}$/);
    expect(record.md5).toMatch(/^[0-9a-f]{32}$/);
    expect(record.sha256).toMatch(/^[0-9a-f]{64}$/);
    const plain = await run("hash", photo);
    expect(plain.lines[0]).toBe(`${record.pdq},${record.quality},${photo}`);
  });

  it("prints the eight dihedral hashes, the original first", async () => {
    const { lines } = await run("hash", "--dihedral", photo);
    const fields = lines[0]!.split(",");
    expect(fields).toHaveLength(10);
    const plain = (await run("hash", photo)).lines[0]!.split(",");
    expect(fields[0]).toBe(plain[0]);
    expect(new Set(fields.slice(0, 8)).size).toBe(8);
    expect(fields.slice(8)).toEqual([plain[1], photo]);
  });

  it("refuses a file over --max-bytes without reading it", async () => {
    const { code, stderr } = await run("hash", "--max-bytes", "100", photo);
    expect(code).toBe(1);
    expect(stderr).toContain("[media/too-large]");
  });

  it("exits 2 on a usage error", async () => {
    expect((await run("hash")).code).toBe(2);
    expect((await run("hash", "--max-bytes", "lots", photo)).code).toBe(2);
    expect((await run("frobnicate")).code).toBe(2);
  });

  it("runs as a process, with the process's exit code", async () => {
    const result = await promisify(execFile)(
      process.execPath,
      ["--import", "tsx", "src/cli/bin.ts", "hash", photo],
      { cwd: join(import.meta.dirname, "..", "..") },
    );
    expect(result.stdout).toMatch(LINE);
    const failing = promisify(execFile)(
      process.execPath,
      ["--import", "tsx", "src/cli/bin.ts", "hash", dir + "/nope"],
      {
        cwd: join(import.meta.dirname, "..", ".."),
      },
    );
    await expect(failing).rejects.toMatchObject({ code: 1 });
  });
});

describe.skipIf(!ffmpegAvailable())("vigil hash on videos", () => {
  let dir = "";
  let clip = "";

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "vigil-cli-video-"));
    clip = join(dir, "clip_without_extension");
    ffmpeg(
      "-f",
      "lavfi",
      "-i",
      "testsrc2=duration=3:size=320x240:rate=10",
      "-c:v",
      "libx264",
      "-f",
      "mp4",
      clip,
    );
  });

  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("prints md5,frames,path for a video recognised by content", async () => {
    const { code, lines } = await run("hash", clip);
    expect(code).toBe(0);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^[0-9a-f]{32},3,${clip}$`));
  });

  it("prints a vPDQ line per sampled frame with --frames, at the rate asked", async () => {
    const { lines } = await run("hash", "--frames", "--fps", "2", clip);
    expect(lines).toHaveLength(6);
    lines.forEach((line, i) => {
      const [index, quality, pdq, timestamp, path] = line.split(",");
      expect(Number(index)).toBe(i);
      expect(Number(quality)).toBeGreaterThanOrEqual(50);
      expect(pdq).toMatch(/^[0-9a-f]{64}$/);
      expect(Number(timestamp)).toBeCloseTo(i / 2, 3);
      expect(path).toBe(clip);
    });
  });

  it("describes the video in JSON", async () => {
    const record = JSON.parse((await run("hash", "--json", "--frames", clip)).lines[0]!);
    expect(record).toMatchObject({
      kind: "video",
      frameCount: 3,
      width: 320,
      height: 240,
      partial: false,
    });
    expect(record.frames).toHaveLength(3);
  });

  it("walks directories for videos as well as images", async () => {
    const { lines } = await run("hash", dir);
    expect(lines).toHaveLength(1);
  });
});

describe("vigil demo", () => {
  it("shows edited copies matching and a different picture not matching", async () => {
    const { code, stdout } = await run("demo");
    expect(code).toBe(0);
    expect(stdout).toMatch(/re-encoded as JPEG quality 40 .* match\n/);
    expect(stdout).toMatch(/rotated 90° .* match\n/);
    expect(stdout).toMatch(/a different picture .* no match\n/);
  });
});
