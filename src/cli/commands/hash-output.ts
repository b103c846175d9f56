import { DIHEDRAL_NAMES } from "../../hash/index.js";
import type { VideoHashes } from "../../media/index.js";
import type { ImageHashes } from "../../signals/index.js";

export interface OutputOptions {
  readonly json?: boolean;
  readonly dihedral?: boolean;
  readonly frames?: boolean;
}

/**
 * Text: `pdq,quality,path` for an image (the reference tool's format; with --dihedral the eight
 * variants, then quality and path, as the reference's dihedral output). JSON: one object a line.
 */
export function imageLines(path: string, hashes: ImageHashes, options: OutputOptions): string[] {
  if (options.json) {
    const { pdq, quality, md5, sha256, width, height, format, partial, dihedral } = hashes;
    const record = {
      path,
      kind: "image",
      pdq,
      quality,
      md5,
      sha256,
      width,
      height,
      format,
      partial,
    };
    return [JSON.stringify(dihedral ? { ...record, dihedral } : record)];
  }
  if (hashes.dihedral) {
    const variants = DIHEDRAL_NAMES.map((name) => hashes.dihedral![name]);
    return [`${variants.join(",")},${hashes.quality},${path}`];
  }
  return [`${hashes.pdq},${hashes.quality},${path}`];
}

/**
 * Text: `md5,frame count,path` for a video; with --frames one line per sampled frame in vPDQ's
 * format, `frame,quality,pdq,timestamp`, followed by the path.
 */
export function videoLines(path: string, hashes: VideoHashes, options: OutputOptions): string[] {
  if (options.json) {
    const { md5, sha256, frameCount, durationSeconds, width, height, container, codec } = hashes;
    const { framesPerSecond, partial, frames } = hashes;
    const record = {
      path,
      kind: "video",
      md5,
      sha256,
      frameCount,
      durationSeconds,
      width,
      height,
      container,
      codec,
      framesPerSecond,
      partial,
    };
    return [JSON.stringify(options.frames ? { ...record, frames } : record)];
  }
  if (options.frames) {
    return hashes.frames.map(
      (f) => `${f.index},${f.quality},${f.pdq},${f.timestamp.toFixed(3)},${path}`,
    );
  }
  return [`${hashes.md5},${hashes.frameCount},${path}`];
}
