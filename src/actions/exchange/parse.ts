/**
 * `parseHashList`: any supported list in, records and numbered errors out. Pure and synchronous
 * over one string; the caller bounds the size of that string (the upload limit).
 */
import { parseJsonList } from "./json-list.js";
import { parseTextList } from "./text-list.js";
import { ErrorSink, forEachLine, stripBom } from "./text-lines.js";
import type { HashListFormat, HashListParse, HashRecord, ParseHashListOptions } from "./types.js";

const FORMATS: readonly HashListFormat[] = ["plain", "csv", "json"];

/**
 * The format of a list from its first line with content: `[` or `{` is JSON, a comma is CSV,
 * anything else plain. An empty text counts as plain (and yields nothing).
 */
export function detectHashListFormat(text: string): HashListFormat {
  let format: HashListFormat = "plain";
  forEachLine(stripBom(text), (line) => {
    const content = line.trim();
    if (content === "") return true;
    if (content.startsWith("[") || content.startsWith("{")) format = "json";
    else if (content.includes(",")) format = "csv";
    return false;
  });
  return format;
}

export function parseHashList(text: string, options: ParseHashListOptions = {}): HashListParse {
  if (typeof text !== "string") throw new TypeError("A hash list must be given as a string.");
  checkOptions(options);
  const body = stripBom(text);
  const format = options.format ?? detectHashListFormat(body);
  const records: HashRecord[] = [];
  const errors = new ErrorSink(options.maxErrors ?? 1000);
  if (format === "json") {
    parseJsonList(body, records, errors);
  } else {
    const settings = {
      csv: format === "csv",
      signalType: options.signalType,
      hex64: options.hex64 ?? "pdq",
    };
    parseTextList(body, settings, records, errors);
  }
  return { format, records, errors: errors.errors, errorCount: errors.count };
}

function checkOptions(options: ParseHashListOptions): void {
  if (options.format !== undefined && !FORMATS.includes(options.format)) {
    throw new RangeError(`Unknown hash-list format ${String(options.format)}.`);
  }
  const type = options.signalType;
  if (type !== undefined && type !== "pdq" && type !== "md5" && type !== "sha256") {
    throw new RangeError("A plain or CSV list holds pdq, md5 or sha256 hashes.");
  }
  const max = options.maxErrors;
  if (max !== undefined && (!Number.isSafeInteger(max) || max < 0)) {
    throw new RangeError("maxErrors must be a non-negative integer.");
  }
}
