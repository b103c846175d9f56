/**
 * vPDQ frame features and their text form, one frame per line: `frame,quality,pdq,timestamp`, as
 * Meta's vpdq tools write and read it (timestamp in seconds, three decimals). Hash lists arrive
 * from exchanges and other tools, so every line is checked and a bad one is refused by number.
 */
import { VigilError } from "../core/index.js";
import { isPdqHex } from "./pdq-hash.js";

/** One hashed frame of a video. */
export interface VpdqFeature {
  /** Position of the frame in the hashed sequence; never used for matching, as in vPDQ. */
  readonly index: number;
  /** PDQ quality, 0..100. */
  readonly quality: number;
  /** 64 lower-case hex digits in the reference word order. */
  readonly pdq: string;
  /** Seconds from the start of the video. */
  readonly timestamp: number;
}

const UNSIGNED_INTEGER = /^\d{1,15}$/;
const UNSIGNED_DECIMAL = /^\d{1,15}(\.\d{1,9})?$/;

/**
 * Parses vPDQ text. Blank lines and `\r\n` endings are accepted; anything else that is not four
 * valid fields is a `hash/invalid-vpdq` error naming the line, never a silently dropped frame.
 */
export function parseVpdq(text: string): VpdqFeature[] {
  if (typeof text !== "string") {
    throw new VigilError("hash/invalid-vpdq", "A vPDQ hash must be given as text.");
  }
  const features: VpdqFeature[] = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === "") continue;
    features.push(parseLine(line, i + 1));
  }
  return features;
}

function parseLine(line: string, lineNumber: number): VpdqFeature {
  const fail = (why: string): never => {
    throw new VigilError(
      "hash/invalid-vpdq",
      `Line ${lineNumber} of the vPDQ hash is invalid: ${why}.`,
      { line: lineNumber },
    );
  };
  const fields = line.split(",");
  if (fields.length !== 4) {
    fail(`expected 4 comma-separated fields (frame,quality,pdq,timestamp), got ${fields.length}`);
  }
  const [frame, quality, pdq, timestamp] = fields.map((field) => field.trim()) as [
    string,
    string,
    string,
    string,
  ];
  if (!UNSIGNED_INTEGER.test(frame)) fail("the frame number is not a non-negative integer");
  if (!UNSIGNED_INTEGER.test(quality) || Number(quality) > 100) {
    fail("the quality is not an integer from 0 to 100");
  }
  if (!isPdqHex(pdq)) fail("the PDQ hash is not 64 hex digits");
  if (!UNSIGNED_DECIMAL.test(timestamp)) fail("the timestamp is not a non-negative decimal number");
  return {
    index: Number(frame),
    quality: Number(quality),
    pdq: pdq.toLowerCase(),
    timestamp: Number(timestamp),
  };
}

/** The text form, one line per frame with a final newline; `parseVpdq` reads it back. */
export function formatVpdq(features: readonly VpdqFeature[]): string {
  let out = "";
  for (const { index, quality, pdq, timestamp } of features) {
    out += `${index},${quality},${pdq},${timestamp.toFixed(3)}\n`;
  }
  return out;
}
