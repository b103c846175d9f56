import { VigilError } from "../core/index.js";
import { HALVES, SLOTS } from "./mih-bits.js";
import { countOffsets, MihSegment, pairedLength } from "./mih-segment.js";

/**
 * The binary form of an MIH segment, little-endian:
 *
 *   0  "VIGILMIH"   8  u32 version (1)   12  u32 entry count n   16  u32 checksum of the payload
 *   20..31 zero (reserved)
 *   32 payload: ids (u32 × n), hashes (u32 × 8n), per half the entry numbers in bucket order
 *      (16 × u32 × n), per half the inline siblings (16 × u16 × n, padded to an even count so
 *      every half starts 4-aligned) — 132 bytes an entry.
 *
 * Why it stores the built layout rather than just ids and hashes: loading 10M entries is then
 * typed-array views plus linear passes (checksum, a range check of the entry numbers, counting
 * the bucket offsets back) instead of 16 scatter passes. Bucket offsets (4 MiB) are not stored;
 * they are recounted from the hashes. The checksum catches corruption; the range check means even
 * a crafted file cannot make the search read outside its arrays.
 */
const MAGIC = "VIGILMIH";
const VERSION = 1;
const HEADER_BYTES = 32;
/** Bytes of a file holding n entries. */
function fileBytes(n: number): number {
  return HEADER_BYTES + n * (4 + SLOTS * 4 + HALVES * 4) + HALVES * 2 * pairedLength(n);
}

export function encodeSegment(seg: MihSegment): Uint8Array {
  assertLittleEndian();
  const n = seg.size;
  const out = new Uint8Array(fileBytes(n));
  for (let i = 0; i < MAGIC.length; i++) out[i] = MAGIC.charCodeAt(i);
  const header = new DataView(out.buffer);
  header.setUint32(8, VERSION, true);
  header.setUint32(12, n, true);
  const v = views(out, n);
  v.ids.set(seg.ids.subarray(0, n));
  v.slots.set(seg.slots.subarray(0, n * SLOTS));
  for (let h = 0; h < HALVES && n > 0; h++) {
    v.entries[h]!.set(seg.entries[h]!);
    v.siblings[h]!.set(seg.siblings[h]!);
  }
  header.setUint32(16, checksum(new Uint32Array(out.buffer, HEADER_BYTES)), true);
  return out;
}

export function decodeSegment(input: Uint8Array): MihSegment {
  assertLittleEndian();
  if (!(input instanceof Uint8Array)) corrupt("it is not a byte array");
  if (input.length < HEADER_BYTES) corrupt("it is truncated (no complete header)");
  for (let i = 0; i < MAGIC.length; i++) {
    if (input[i] !== MAGIC.charCodeAt(i)) corrupt("it does not start with the Vigil MIH magic");
  }
  const header = new DataView(input.buffer, input.byteOffset, HEADER_BYTES);
  const version = header.getUint32(8, true);
  if (version !== VERSION) corrupt(`its version ${version} is not supported`, { version });
  const n = header.getUint32(12, true);
  const expected = fileBytes(n);
  if (input.length < expected) corrupt("it is truncated", { expected, actual: input.length });
  if (input.length > expected) corrupt("it has trailing bytes", { expected, actual: input.length });
  for (let at = 20; at < HEADER_BYTES; at += 4) {
    if (header.getUint32(at, true) !== 0) corrupt("its reserved header bytes are not zero");
  }
  // Uint32 views need a 4-aligned start; a Buffer sliced from Node's pool may not have one.
  const bytes = input.byteOffset % 4 === 0 ? input : new Uint8Array(input);
  const payload = new Uint32Array(
    bytes.buffer,
    bytes.byteOffset + HEADER_BYTES,
    (expected - HEADER_BYTES) / 4,
  );
  if (checksum(payload) !== header.getUint32(16, true)) corrupt("its checksum does not match");
  if (n === 0) return MihSegment.EMPTY;
  const v = views(bytes, n);
  for (const list of v.entries) {
    for (let p = 0; p < n; p++) if (list[p]! >= n) corrupt("an entry number is out of range");
  }
  return new MihSegment(n, v.ids, v.slots, countOffsets(v.slots, n), v.entries, v.siblings);
}

function views(bytes: Uint8Array, n: number) {
  const base = bytes.byteOffset + HEADER_BYTES;
  const buffer = bytes.buffer;
  const ids = new Uint32Array(buffer, base, n);
  const slots = new Uint32Array(buffer, base + 4 * n, SLOTS * n);
  const entriesAt = base + 4 * n + 4 * SLOTS * n;
  const siblingsAt = entriesAt + 4 * HALVES * n;
  const entries = Array.from(
    { length: HALVES },
    (_, h) => new Uint32Array(buffer, entriesAt + 4 * n * h, n),
  );
  const paired = pairedLength(n);
  const siblings = Array.from(
    { length: HALVES },
    (_, h) => new Uint16Array(buffer, siblingsAt + 2 * paired * h, paired),
  );
  return { ids, slots, entries, siblings };
}

/**
 * Four independent multiply-rotate lanes (so the CPU overlaps them) over the payload words.
 * Each step is a bijection of the lane state, so any single changed word changes the result.
 * Not cryptographic: it guards against damage, not against someone forging an index file.
 */
export function checksum(words: Uint32Array): number {
  const P = 0x9e3779b1;
  let a = 0x811c9dc5;
  let b = 0x27d4eb2f;
  let c = 0x165667b1;
  let d = 0x85ebca77;
  const end = words.length & ~3;
  for (let i = 0; i < end; i += 4) {
    a = Math.imul(((a << 5) | (a >>> 27)) ^ words[i]!, P);
    b = Math.imul(((b << 5) | (b >>> 27)) ^ words[i + 1]!, P);
    c = Math.imul(((c << 5) | (c >>> 27)) ^ words[i + 2]!, P);
    d = Math.imul(((d << 5) | (d >>> 27)) ^ words[i + 3]!, P);
  }
  for (let i = end; i < words.length; i++) a = Math.imul(((a << 5) | (a >>> 27)) ^ words[i]!, P);
  let r = words.length;
  for (const lane of [a, b, c, d]) r = Math.imul(((r << 13) | (r >>> 19)) ^ lane, P);
  return (r ^ (r >>> 16)) >>> 0;
}

function corrupt(reason: string, details: Record<string, unknown> = {}): never {
  throw new VigilError(
    "hash/invalid-index",
    `This is not a valid Vigil MIH index: ${reason}.`,
    details,
  );
}

function assertLittleEndian(): void {
  if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) {
    throw new VigilError("hash/invalid-index", "MIH index files need a little-endian platform.");
  }
}
