import { readFile, stat } from "node:fs/promises";
import { availableParallelism } from "node:os";
import { isVigilError, VigilError } from "../../core/index.js";
import { DIHEDRAL_NAMES } from "../../hash/index.js";
import {
  DEFAULT_DECODE_LIMITS,
  resolveDecodeLimits,
  type DecodeLimits,
} from "../../media/index.js";
import { hashImage, type ImageHashes } from "../../signals/index.js";
import { describeFsError, expandInputs, type InputItem } from "../inputs.js";
import type { CliIo } from "../io.js";
import { forEachOrdered } from "../ordered.js";

export interface HashCommandOptions {
  readonly json?: boolean;
  readonly dihedral?: boolean;
  readonly partial?: boolean;
  readonly maxBytes?: number;
  readonly maxPixels?: number;
}

type Outcome = { ok: true; hashes: ImageHashes } | { ok: false; message: string };

/**
 * `vigil hash FILE...`: one line per image, in the reference tool's `hash,quality,path` format
 * (or JSON lines). A bad file is reported on stderr and skipped; the exit code is 1 if any was.
 */
export async function runHashCommand(
  paths: readonly string[],
  options: HashCommandOptions,
  io: CliIo,
): Promise<number> {
  const limits = resolveDecodeLimits({
    maxBytes: options.maxBytes ?? DEFAULT_DECODE_LIMITS.maxBytes,
    maxPixels: options.maxPixels ?? DEFAULT_DECODE_LIMITS.maxPixels,
  });
  let failures = 0;
  await forEachOrdered<InputItem, Outcome>(
    expandInputs(paths),
    availableParallelism(),
    (item) => hashOne(item, limits, options),
    (outcome, item) => {
      if (outcome.ok) {
        io.stdout(formatLine(item.path, outcome.hashes, options) + "\n");
        if (outcome.hashes.partial) {
          io.stderr(`vigil hash: ${item.path}: damaged file; hashed only the part that decodes\n`);
        }
      } else {
        failures++;
        io.stderr(`vigil hash: ${item.path}: ${outcome.message}\n`);
      }
    },
  );
  return failures > 0 ? 1 : 0;
}

async function hashOne(
  item: InputItem,
  limits: DecodeLimits,
  options: HashCommandOptions,
): Promise<Outcome> {
  if (item.kind === "error") return { ok: false, message: item.message };
  try {
    const bytes = await readLimited(item.path, limits.maxBytes);
    const hashes = await hashImage(bytes, {
      limits,
      allowPartial: options.partial ?? false,
      dihedral: options.dihedral ?? false,
    });
    return { ok: true, hashes };
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
      {
        bytes: info.size,
        maxBytes,
      },
    );
  }
  return readFile(path);
}

function formatLine(path: string, hashes: ImageHashes, options: HashCommandOptions): string {
  if (options.json) {
    const { pdq, quality, md5, sha256, width, height, format, partial, dihedral } = hashes;
    return JSON.stringify({
      path,
      pdq,
      quality,
      md5,
      sha256,
      width,
      height,
      format,
      partial,
      ...(dihedral ? { dihedral } : {}),
    });
  }
  if (hashes.dihedral) {
    const variants = DIHEDRAL_NAMES.map((name) => hashes.dihedral![name]);
    return `${variants.join(",")},${hashes.quality},${path}`;
  }
  return `${hashes.pdq},${hashes.quality},${path}`;
}
