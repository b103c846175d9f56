import sharp from "sharp";
import { hammingDistance, parsePdqHex } from "../../hash/index.js";
import { hashImage, type ImageHashes } from "../../signals/index.js";
import type { CliIo } from "../io.js";

/** Distance at or under which two PDQ hashes are usually the same picture (ThreatExchange's default). */
const MATCH_DISTANCE = 31;

/**
 * `vigil demo` (what `npm start` runs until the server exists): draws a picture in memory, makes
 * the edits an uploader would make to dodge an exact-copy filter, and shows that PDQ still
 * recognises each one while MD5 does not. No file is read or written.
 */
export async function runDemoCommand(io: CliIo): Promise<number> {
  const original = await drawPicture("#2b6cb0", "#f6ad55");
  const variants: [string, Promise<Buffer>][] = [
    ["re-encoded as JPEG quality 40", sharp(original).jpeg({ quality: 40 }).toBuffer()],
    ["shrunk to 320×240", sharp(original).resize(320, 240).jpeg().toBuffer()],
    [
      "brightened and saved as PNG",
      sharp(original).modulate({ brightness: 1.15 }).png().toBuffer(),
    ],
    [
      "cropped by 4% at each edge",
      sharp(original).extract({ left: 26, top: 19, width: 588, height: 442 }).jpeg().toBuffer(),
    ],
    ["rotated 90°", sharp(original).rotate(90).jpeg().toBuffer()],
    ["a different picture", drawPicture("#276749", "#e53e3e", true)],
  ];
  const base = await hashImage(original, { dihedral: true });
  io.stdout(
    "Vigil PDQ demo: one picture, the edits people make to dodge filters, and what matching sees.\n\n",
  );
  io.stdout(`original                       pdq ${base.pdq}  quality ${base.quality}\n\n`);
  io.stdout("variant                        distance  dihedral  md5 equal  verdict\n");
  for (const [label, bytesPromise] of variants) {
    const hashes = await hashImage(await bytesPromise);
    const plain = distance(base.pdq, hashes);
    const anyVariant = Math.min(
      ...Object.values(base.dihedral!).map((hex) => distance(hex, hashes)),
    );
    const verdict = anyVariant <= MATCH_DISTANCE ? "match" : "no match";
    io.stdout(
      `${label.padEnd(30)} ${String(plain).padStart(8)}  ${String(anyVariant).padStart(8)}  ${String(hashes.md5 === base.md5).padStart(9)}  ${verdict}\n`,
    );
  }
  io.stdout(
    `\nA match is a distance of at most ${MATCH_DISTANCE} of 256 bits; "dihedral" also tries the 8 rotations and mirror images.\n` +
      "Hash your own files with:  npx vigil hash FILE_OR_DIRECTORY...   (see npx vigil --help)\n",
  );
  return 0;
}

function distance(hex: string, hashes: ImageHashes): number {
  return hammingDistance(parsePdqHex(hex), parsePdqHex(hashes.pdq));
}

/** A simple scene drawn from SVG, so the demo needs no image file. */
function drawPicture(sky: string, sun: string, different = false): Promise<Buffer> {
  const shapes = different
    ? `<rect x="60" y="220" width="200" height="200" fill="${sun}"/><circle cx="470" cy="300" r="110" fill="#fff"/>`
    : `<circle cx="470" cy="120" r="70" fill="${sun}"/><path d="M0 360 L180 200 L330 330 L440 250 L640 380 L640 480 L0 480 Z" fill="#2d3748"/>`;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="480">
    <defs><linearGradient id="g" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${sky}"/><stop offset="1" stop-color="#e2e8f0"/></linearGradient></defs>
    <rect width="640" height="480" fill="url(#g)"/>${shapes}
    <rect x="90" y="400" width="40" height="60" fill="#744210"/><circle cx="110" cy="380" r="40" fill="#22543d"/>
  </svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 92 }).toBuffer();
}
