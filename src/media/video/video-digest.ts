/**
 * MD5 and SHA-256 of a video's bytes, for exact-copy matching and evidence. Node's native hashes
 * are used here rather than the hash part's pure-JS ones: a 500 MB file takes about a second
 * instead of over ten, and this part never runs in the browser.
 */
import { createHash } from "node:crypto";
import { open } from "node:fs/promises";
import { VigilError } from "../../core/index.js";
import type { Digests } from "../../hash/index.js";

const CHUNK_BYTES = 1024 * 1024;

export function bytesDigests(bytes: Uint8Array): Digests {
  return {
    md5: createHash("md5").update(bytes).digest("hex"),
    sha256: createHash("sha256").update(bytes).digest("hex"),
  };
}

/** Reads the file once, in chunks, stopping when `signal` fires or it outgrows `maxBytes`. */
export async function fileDigests(
  path: string,
  maxBytes: number,
  signal: AbortSignal,
): Promise<Digests> {
  const md5 = createHash("md5");
  const sha256 = createHash("sha256");
  const buffer = new Uint8Array(CHUNK_BYTES);
  const handle = await open(path, "r").catch((error: unknown) => {
    throw unreadable(error);
  });
  try {
    let total = 0;
    for (;;) {
      signal.throwIfAborted();
      const { bytesRead } = await handle
        .read(buffer, 0, buffer.length, null)
        .catch((error: unknown) => {
          throw unreadable(error);
        });
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > maxBytes) throw grewTooLarge(maxBytes);
      const chunk = buffer.subarray(0, bytesRead);
      md5.update(chunk);
      sha256.update(chunk);
    }
  } finally {
    await handle.close();
  }
  return { md5: md5.digest("hex"), sha256: sha256.digest("hex") };
}

function unreadable(cause: unknown): VigilError {
  return new VigilError("media/unreadable", "The video file could not be read.", {}, { cause });
}

/** The size was checked before; a file still being written can pass that and grow after. */
function grewTooLarge(maxBytes: number): VigilError {
  const message = `The file grew past the limit of ${maxBytes} bytes while it was read.`;
  return new VigilError("media/too-large", message, { maxBytes });
}
