import { VigilError } from "../../core/index.js";
import { PDQ_WORDS, type PdqHash } from "../pdq-hash.js";
import type { BankHashes, RegionHash, UnitRect } from "./robust-hashes.js";

/**
 * The stored form of a banked picture's robust hashes: a few hundred bytes, little-endian.
 *
 *   "VRH" 0x01 | flags (bit 0: trimmed) | whole quality u8 | whole hash 32 B
 *   content aspect f32 | content rect 4 × u16 (0..65535 of the picture)
 *   [trimmed: quality u8 | hash 32 B | rect 4 × u32 (pixels)]
 *   region count u8 | per region: quality u8 | rect 4 × u16 (of the content) | hash 32 B
 *
 * Hashes are stored as PDQ words (word 0 first), so the whole hash is the same 256 bits as the
 * entry's plain PDQ. Notes are not stored: they explain the hashing to the person banking.
 * Positions at 1/65535 are far finer than the match rule's tolerance (5 % of a window).
 */
const MAGIC = [0x56, 0x52, 0x48, 0x01];
const HASH_BYTES = PDQ_WORDS * 2;
const MAX_REGIONS = 255;

export function encodeBankHashes(h: BankHashes): Uint8Array {
  if (h.regions.length > MAX_REGIONS) invalid(`at most ${MAX_REGIONS} regions can be stored`);
  const size =
    4 +
    1 +
    1 +
    HASH_BYTES +
    4 +
    8 +
    (h.trimmed ? 1 + HASH_BYTES + 16 : 0) +
    1 +
    h.regions.length * (1 + 8 + HASH_BYTES);
  const bytes = new Uint8Array(size);
  const view = new DataView(bytes.buffer);
  let at = 0;
  for (const b of MAGIC) bytes[at++] = b;
  bytes[at++] = h.trimmed ? 1 : 0;
  bytes[at++] = quality(h.whole.quality);
  at = putHash(view, at, h.whole.hash);
  view.setFloat32(at, h.content.aspect, true);
  at = putUnitRect(view, at + 4, h.content.rect);
  if (h.trimmed) {
    bytes[at++] = quality(h.trimmed.quality);
    at = putHash(view, at, h.trimmed.hash);
    for (const v of [h.trimmed.rect.x0, h.trimmed.rect.y0, h.trimmed.rect.x1, h.trimmed.rect.y1]) {
      view.setUint32(at, v, true);
      at += 4;
    }
  }
  bytes[at++] = h.regions.length;
  for (const r of h.regions) {
    bytes[at++] = quality(r.quality);
    at = putUnitRect(view, at, r.rect);
    at = putHash(view, at, r.hash);
  }
  return bytes;
}

/** Decodes `encodeBankHashes` output; anything malformed is refused with `hash/invalid-hash`. */
export function decodeBankHashes(bytes: Uint8Array): BankHashes {
  if (!(bytes instanceof Uint8Array)) invalid("expected bytes");
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 0;
  const need = (n: number) => {
    if (at + n > bytes.length) invalid("the data is truncated");
  };
  need(6 + HASH_BYTES + 12);
  if (MAGIC.some((b, i) => bytes[i] !== b)) invalid("not robust hashes of a known version");
  at = 4;
  const flags = bytes[at++]!;
  if (flags > 1) invalid("unknown flags");
  const wholeQuality = checkQuality(bytes[at++]!);
  const whole = getHash(view, at);
  at += HASH_BYTES;
  const aspect = view.getFloat32(at, true);
  if (!Number.isFinite(aspect) || aspect <= 0 || aspect > 1e4) invalid("bad aspect ratio");
  const contentRect = getUnitRect(view, at + 4);
  at += 12;
  let trimmed: BankHashes["trimmed"];
  if (flags & 1) {
    need(1 + HASH_BYTES + 16);
    const q = checkQuality(bytes[at++]!);
    const hash = getHash(view, at);
    at += HASH_BYTES;
    const [x0, y0, x1, y1] = [0, 4, 8, 12].map((o) => view.getUint32(at + o, true)) as [
      number,
      number,
      number,
      number,
    ];
    if (x1 <= x0 || y1 <= y0) invalid("bad trimmed rectangle");
    at += 16;
    trimmed = { hash, quality: q, rect: { x0, y0, x1, y1 } };
  }
  need(1);
  const count = bytes[at++]!;
  need(count * (1 + 8 + HASH_BYTES));
  const regions: RegionHash[] = [];
  for (let i = 0; i < count; i++) {
    const q = checkQuality(bytes[at++]!);
    const rect = getUnitRect(view, at);
    at += 8;
    regions.push({ quality: q, rect, hash: getHash(view, at) });
    at += HASH_BYTES;
  }
  if (at !== bytes.length) invalid("trailing bytes");
  return {
    whole: { hash: whole, quality: wholeQuality },
    ...(trimmed ? { trimmed } : {}),
    content: { rect: contentRect, aspect },
    regions,
    notes: [],
  };
}

function putHash(view: DataView, at: number, hash: PdqHash): number {
  for (let w = 0; w < PDQ_WORDS; w++) view.setUint16(at + 2 * w, hash[w]!, true);
  return at + HASH_BYTES;
}

function getHash(view: DataView, at: number): PdqHash {
  const hash = new Uint16Array(PDQ_WORDS);
  for (let w = 0; w < PDQ_WORDS; w++) hash[w] = view.getUint16(at + 2 * w, true);
  return hash;
}

function putUnitRect(view: DataView, at: number, r: UnitRect): number {
  for (const v of [r.x0, r.y0, r.x1, r.y1]) {
    view.setUint16(at, Math.round(Math.min(1, Math.max(0, v)) * 65535), true);
    at += 2;
  }
  return at;
}

function getUnitRect(view: DataView, at: number): UnitRect {
  const [x0, y0, x1, y1] = [0, 2, 4, 6].map((o) => view.getUint16(at + o, true) / 65535) as [
    number,
    number,
    number,
    number,
  ];
  if (x1 <= x0 || y1 <= y0) invalid("bad rectangle");
  return { x0, y0, x1, y1 };
}

const quality = (q: number): number => Math.max(0, Math.min(100, Math.round(q)));

function checkQuality(q: number): number {
  if (q > 100) invalid("bad quality");
  return q;
}

function invalid(why: string): never {
  throw new VigilError("hash/invalid-hash", `Invalid robust hashes: ${why}.`);
}
