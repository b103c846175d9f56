import { readFile, stat } from "node:fs/promises";
import { availableParallelism } from "node:os";
import { isVigilError, VigilError } from "../../core/index.js";
import {
  DEFAULT_DECODE_LIMITS,
  DEFAULT_VIDEO_LIMITS,
  hashVideo,
  resolveDecodeLimits,
} from "../../media/index.js";
import { hashImage } from "../../signals/index.js";
import { describeFsError, expandInputs, type InputItem } from "../inputs.js";
import type { CliIo } from "../io.js";
import { sniffMediaKind } from "../media-kind.js";
import { forEachOrdered } from "../ordered.js";
import { imageLines, videoLines, type OutputOptions } from "./hash-output.js";

export interface HashCommandOptions extends OutputOptions {
  readonly partial?: boolean;
  readonly maxBytes?: number;
  readonly maxPixels?: number;
  /** Video frames sampled per second. */
  readonly fps?: number;
}

type Outcome =
  | { readonly ok: true; readonly lines: string[]; readonly partial: boolean }
  | { readonly ok: false; readonly message: string };

/**
 * `vigil hash FILE...`: images print `hash,quality,path` (the reference tool's format), videos
 * `md5,frames,path` or, with --frames, a vPDQ line per frame. A bad file is reported on stderr
 * and skipped; the exit code is 1 if any was. Files are told apart by content, not name.
 */
export async function runHashCommand(
  paths: readonly string[],
  options: HashCommandOptions,
  io: CliIo,
): Promise<number> {
  let failures = 0;
  await forEachOrdered<InputItem, Outcome>(
    expandInputs(paths),
    availableParallelism(),
    (item) => hashOne(item, options),
    (outcome, item) => {
      if (!outcome.ok) {
        failures++;
        io.stderr(`vigil hash: ${item.path}: ${outcome.message}\n`);
        return;
      }
      for (const line of outcome.lines) io.stdout(line + "\n");
      if (outcome.partial) {
        io.stderr(`vigil hash: ${item.path}: damaged file; hashed only the part that decodes\n`);
      }
    },
  );
  return failures > 0 ? 1 : 0;
}

async function hashOne(item: InputItem, options: HashCommandOptions): Promise<Outcome> {
  if (item.kind === "error") return { ok: false, message: item.message };
  try {
    if ((await sniffMediaKind(item.path)) === "video") {
      const hashes = await hashVideo(
        { path: item.path },
        {
          allowPartial: options.partial ?? false,
          limits: { maxBytes: options.maxBytes ?? DEFAULT_VIDEO_LIMITS.maxBytes },
          ...(options.fps !== undefined ? { framesPerSecond: options.fps } : {}),
        },
      );
      return { ok: true, lines: videoLines(item.path, hashes, options), partial: hashes.partial };
    }
    // Anything that is not a video goes to the image decoder, which names what is wrong with it.
    const limits = resolveDecodeLimits({
      maxBytes: options.maxBytes ?? DEFAULT_DECODE_LIMITS.maxBytes,
      maxPixels: options.maxPixels ?? DEFAULT_DECODE_LIMITS.maxPixels,
    });
    const bytes = await readLimited(item.path, limits.maxBytes);
    const hashes = await hashImage(bytes, {
      limits,
      allowPartial: options.partial ?? false,
      dihedral: options.dihedral ?? false,
    });
    return { ok: true, lines: imageLines(item.path, hashes, options), partial: hashes.partial };
  } catch (error) {
    if (isVigilError(error)) return { ok: false, message: `${error.message} [${error.code}]` };
    return { ok: false, message: describeFsError(error) };
  }
}

/** Checks the size on disk first, so an oversized file is refused without being read. */
async function readLimited(path: string, maxBytes: number): Promise<Uint8Array> {
  const info = await stat(path);
  if (!info.isFile()) throw new Error("not a regular file");
  if (info.size > maxBytes) {
    throw new VigilError(
      "media/too-large",
      `The file is ${info.size} bytes; the limit is ${maxBytes}.`,
      { bytes: info.size, maxBytes },
    );
  }
  return readFile(path);
}
