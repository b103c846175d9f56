import { crc32, deflateSync } from "node:zlib";
import { encode, scenePixels } from "./images.js";

/**
 * Files carrying the metadata image generators and C2PA tools write, generated here byte by byte
 * (chunks with real CRCs, segments with real lengths) so no binary fixture is committed.
 */

/** An ordinary generated picture, as a camera or editor would save it: no generator metadata. */
export function photo(format: "jpeg" | "png" | "webp" = "jpeg", seed = 3): Promise<Buffer> {
  return encode(scenePixels(64, 48, seed), format);
}

/** One PNG chunk: length, type, data, CRC-32 over type and data. */
export function pngChunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, "latin1");
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

export function textChunk(keyword: string, text: string): Buffer {
  return pngChunk("tEXt", Buffer.from(`${keyword}\0${text}`, "latin1"));
}

export function internationalTextChunk(keyword: string, text: string, compressed = false): Buffer {
  const body = compressed ? deflateSync(Buffer.from(text, "utf8")) : Buffer.from(text, "utf8");
  const head = Buffer.from(`${keyword}\0${compressed ? "\x01" : "\0"}\0\0\0`, "latin1");
  return pngChunk("iTXt", Buffer.concat([head, body]));
}

export function compressedTextChunk(keyword: string, text: string): Buffer {
  const head = Buffer.from(`${keyword}\0\0`, "latin1");
  return pngChunk("zTXt", Buffer.concat([head, deflateSync(Buffer.from(text, "latin1"))]));
}

/** Inserts chunks right after IHDR (signature 8 bytes + IHDR 25 bytes). */
export function withPngChunks(png: Buffer, chunks: readonly Buffer[]): Buffer {
  return Buffer.concat([png.subarray(0, 33), ...chunks, png.subarray(33)]);
}

/** The C2PA manifest store's JUMBF type UUID: "c2pa" then 0011-0010-8000-00AA00389B71. */
const C2PA_UUID = Buffer.from("6332706100110010800000aa00389b71", "hex");

function box(type: string, payload: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(8 + payload.length, 0);
  head.write(type, 4, "latin1");
  return Buffer.concat([head, payload]);
}

/**
 * A minimal JUMBF superbox that announces itself as a C2PA manifest store: `jumb` holding a
 * `jumd` (type UUID, toggles "requestable + label", label "c2pa") and an empty content box.
 * Enough for presence; nothing in it would pass a C2PA validator.
 */
export function c2paJumbf(label = "c2pa", uuid: Buffer = C2PA_UUID): Buffer {
  const description = box(
    "jumd",
    Buffer.concat([uuid, Buffer.from([0x03]), Buffer.from(`${label}\0`)]),
  );
  return box("jumb", Buffer.concat([description, box("json", Buffer.from("{}"))]));
}

/** A JPEG with one APP11 segment (JUMBF, first in sequence) right after SOI. */
export function withApp11(jpeg: Buffer, jumbf: Buffer): Buffer {
  const header = Buffer.alloc(8);
  header.write("JP", 0, "latin1");
  header.writeUInt16BE(1, 2); // box instance
  header.writeUInt32BE(1, 4); // sequence number
  const payload = Buffer.concat([header, jumbf]);
  const marker = Buffer.alloc(4);
  marker.writeUInt16BE(0xffeb, 0);
  marker.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([jpeg.subarray(0, 2), marker, payload, jpeg.subarray(2)]);
}

/** A WebP with one more RIFF chunk appended and the RIFF size fixed. */
export function withWebpChunk(webp: Buffer, type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.write(type, 0, "latin1");
  head.writeUInt32LE(data.length, 4);
  const pad = data.length % 2 === 1 ? Buffer.alloc(1) : Buffer.alloc(0);
  const out = Buffer.concat([webp, head, data, pad]);
  out.writeUInt32LE(out.length - 8, 4);
  return out;
}

/** An XMP packet with the given properties as attributes of one rdf:Description. */
export function xmpPacket(properties: Readonly<Record<string, string>>): string {
  const attributes = Object.entries(properties)
    .map(([name, value]) => ` ${name}="${value}"`)
    .join("");
  return (
    '<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>' +
    '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">' +
    '<rdf:Description rdf:about="" xmlns:Iptc4xmpExt="http://iptc.org/std/Iptc4xmpExt/2008-02-29/"' +
    ' xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:tiff="http://ns.adobe.com/tiff/1.0/"' +
    `${attributes}/></rdf:RDF></x:xmpmeta><?xpacket end="w"?>`
  );
}

export const TRAINED_ALGORITHMIC_MEDIA =
  "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia";

/**
 * A big-endian TIFF (EXIF) block with only an EXIF IFD holding UserComment in the "UNICODE"
 * character code, as piexif (used by Automatic1111) writes it; `textOrder` picks the UTF-16 byte
 * order of the text, which writers do not agree on.
 */
export function unicodeUserCommentTiff(text: string, textOrder: "be" | "le"): Buffer {
  const utf16 = Buffer.from(text, "utf16le");
  if (textOrder === "be") utf16.swap16();
  const comment = Buffer.concat([Buffer.from("UNICODE\0", "latin1"), utf16]);
  const tiff = Buffer.alloc(44);
  tiff.write("MM\0*", 0, "latin1");
  tiff.writeUInt32BE(8, 4);
  tiff.writeUInt16BE(1, 8); // IFD0: one entry, the EXIF IFD pointer
  tiff.writeUInt16BE(0x8769, 10);
  tiff.writeUInt16BE(4, 12);
  tiff.writeUInt32BE(1, 14);
  tiff.writeUInt32BE(26, 18);
  tiff.writeUInt16BE(1, 26); // EXIF IFD: one entry, UserComment (UNDEFINED)
  tiff.writeUInt16BE(0x9286, 28);
  tiff.writeUInt16BE(7, 30);
  tiff.writeUInt32BE(comment.length, 32);
  tiff.writeUInt32BE(44, 36);
  return Buffer.concat([tiff, comment]);
}

/** A JPEG with an APP1 Exif segment holding the given TIFF block, right after SOI. */
export function withApp1Exif(jpeg: Buffer, tiff: Buffer): Buffer {
  const payload = Buffer.concat([Buffer.from("Exif\0\0", "latin1"), tiff]);
  const marker = Buffer.alloc(4);
  marker.writeUInt16BE(0xffe1, 0);
  marker.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([jpeg.subarray(0, 2), marker, payload, jpeg.subarray(2)]);
}
