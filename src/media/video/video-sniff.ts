/**
 * Recognises video containers by their first bytes (chat exports and seized devices often carry
 * no extension or a wrong one), and finds MP4 files that cannot be read from a stream.
 */
export type VideoContainer =
  "mp4" | "mov" | "matroska" | "avi" | "flv" | "mpegts" | "mpeg" | "asf" | "ogg";

/** How many leading bytes `sniffVideoFormat` needs (MPEG-TS is known by its second packet). */
export const VIDEO_SNIFF_BYTES = 200;

const IMAGE_BRANDS = new Set(["avif", "avis", "heic", "heix", "heim", "heis", "mif1", "msf1"]);
const QUICKTIME_FIRST_BOXES = new Set(["moov", "mdat", "wide", "free", "skip", "pnot"]);
const ASF_GUID = [0x30, 0x26, 0xb2, 0x75, 0x8e, 0x66, 0xcf, 0x11];

/** The container of a video file, or undefined (images, including AVIF and HEIF, are not videos). */
export function sniffVideoFormat(head: Uint8Array): VideoContainer | undefined {
  const ascii = (start: number, end: number): string =>
    String.fromCharCode(...head.subarray(start, end));
  if (ascii(4, 8) === "ftyp") {
    const brand = ascii(8, 12);
    if (IMAGE_BRANDS.has(brand)) return undefined;
    return brand === "qt  " ? "mov" : "mp4";
  }
  if (QUICKTIME_FIRST_BOXES.has(ascii(4, 8))) return "mov";
  if (head[0] === 0x1a && head[1] === 0x45 && head[2] === 0xdf && head[3] === 0xa3) {
    return "matroska";
  }
  if (ascii(0, 4) === "RIFF" && ascii(8, 12) === "AVI ") return "avi";
  if (ascii(0, 3) === "FLV") return "flv";
  if (head[0] === 0x47 && head[188] === 0x47) return "mpegts";
  if (head[4] === 0x47 && head[196] === 0x47) return "mpegts"; // M2TS: 4-byte time code first
  if (head[0] === 0 && head[1] === 0 && head[2] === 1 && head[3] === 0xba) return "mpeg";
  if (ASF_GUID.every((byte, i) => head[i] === byte)) return "asf";
  if (ascii(0, 4) === "OggS") return "ogg"; // may hold sound only: ffprobe then says so
  return undefined;
}

/**
 * True when an MP4/QuickTime file stores its index (`moov`) after its media data (`mdat`) and is
 * not fragmented. A demuxer reading from a pipe reaches the index only after the data has gone
 * by and cannot go back, so such a file can be decoded only from a seekable file. Reads the
 * top-level box headers only: a few dozen bytes whatever the file size.
 */
export function mp4IndexFollowsData(bytes: Uint8Array): boolean {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let dataSeen = false;
  for (let offset = 0; offset + 8 <= bytes.length;) {
    let size = view.getUint32(offset);
    const type = String.fromCharCode(...bytes.subarray(offset + 4, offset + 8));
    if (type === "moov") return dataSeen;
    if (type === "moof") return false;
    if (type === "mdat") dataSeen = true;
    if (size === 1 && offset + 16 <= bytes.length) {
      size = view.getUint32(offset + 8) * 2 ** 32 + view.getUint32(offset + 12);
    }
    if (size < 8) return false; // runs to the end, or malformed: let the demuxer judge
    offset += size;
  }
  return false;
}
