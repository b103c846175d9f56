import { ascii, nulAt, startsWith, uint32be } from "./provenance-blocks.js";

/**
 * Whether a JUMBF superbox (ISO/IEC 19566-5) is a C2PA manifest store: a `jumb` box whose first
 * child, the `jumd` description box, has the C2PA type UUID (it begins with the bytes "c2pa") or
 * the label "c2pa". Presence only: the manifest's signatures and claims are not checked, so a
 * forged or stale manifest looks the same as a valid one.
 */
export function isC2paJumbf(box: Uint8Array): boolean {
  const outer = boxHeader(box, 0);
  if (outer === undefined || outer.type !== "jumb") return false;
  const inner = boxHeader(box, outer.headerSize);
  if (inner === undefined || inner.type !== "jumd") return false;
  const uuidAt = outer.headerSize + inner.headerSize;
  if (startsWith(box, uuidAt, "c2pa")) return true;
  // After the 16-byte type UUID: one toggle byte, then the label when toggle bit 2 is set.
  const toggles = box[uuidAt + 16];
  if (toggles === undefined || (toggles & 0x02) === 0) return false;
  const labelAt = uuidAt + 17;
  const end = nulAt(box, labelAt, labelAt + 256);
  return end > labelAt && ascii(box, labelAt, end) === "c2pa";
}

interface BoxHeader {
  readonly type: string;
  readonly headerSize: number;
}

/** A box header: 4-byte size (1 = an 8-byte size follows), 4-byte type. */
function boxHeader(bytes: Uint8Array, at: number): BoxHeader | undefined {
  if (at + 8 > bytes.length) return undefined;
  const size = uint32be(bytes, at);
  const type = ascii(bytes, at + 4, at + 8);
  return { type, headerSize: size === 1 ? 16 : 8 };
}
