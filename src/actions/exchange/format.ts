/**
 * `formatHashList`: bank entries out as a plain list, a CSV list (`hash,quality`, as the reference
 * PDQ tools read it) or StopNCII-shaped JSON. Text lists cannot say "withdrawn" nor hold a video,
 * so those entries are skipped there and counted; JSON carries everything. Values are checked
 * again on the way out: a bad hash sent to a partner would poison their bank too.
 */
import { VigilError } from "../../core/index.js";
import { normaliseValue } from "./hex-values.js";
import { formatStopNciiRecord } from "./stopncii.js";
import type {
  ExchangeEntry,
  FormatHashListOptions,
  FormattedHashList,
  HashListFormat,
} from "./types.js";

export function formatHashList(
  entries: Iterable<ExchangeEntry>,
  format: HashListFormat,
  options: FormatHashListOptions = {},
): FormattedHashList {
  const json = format === "json";
  if (!json && format !== "plain" && format !== "csv") {
    throw new RangeError(`Unknown hash-list format ${String(format)}.`);
  }
  const only = options.signalType ?? (json ? undefined : "pdq");
  if (!json && only === "video") throw new RangeError("Plain and CSV lists cannot hold videos.");
  // Lines are collected and joined once: linear, where `+=` over a million lines need not be.
  const lines: string[] = [];
  let skipped = 0;
  let index = 0;
  for (const entry of entries) {
    index++;
    const withdrawn = entry.status === "withdrawn";
    if ((only !== undefined && entry.signalType !== only) || (!json && withdrawn)) {
      skipped++;
      continue;
    }
    const value = checkedValue(entry, index);
    const q = checkedQuality(entry, index);
    if (json) {
      const record = formatStopNciiRecord(entry, value, checkedSeconds(entry, index));
      lines.push(JSON.stringify(record));
    } else {
      lines.push(format === "csv" ? `${value},${q ?? ""}` : value);
    }
  }
  let text = lines.length === 0 ? "" : `${lines.join(json ? ",\n" : "\n")}\n`;
  if (json) text = lines.length === 0 ? "[]\n" : `[\n${text}]\n`;
  return { text, written: lines.length, skipped };
}

function checkedValue(entry: ExchangeEntry, index: number): string {
  const type = entry.signalType;
  if (type !== "pdq" && type !== "md5" && type !== "sha256" && type !== "video") {
    invalid(index, "its signal type is unknown");
  }
  const checked = typeof entry.value === "string" ? normaliseValue(type, entry.value) : null;
  if (checked === null) invalid(index, "its value is not a string");
  if ("error" in checked) invalid(index, checked.error);
  return checked.value;
}

function checkedQuality(entry: ExchangeEntry, index: number): number | undefined {
  const q = entry.quality;
  if (q === undefined || q === null) return undefined;
  if (!Number.isInteger(q) || q < 0 || q > 100) invalid(index, "its quality is not 0..100");
  return q;
}

function checkedSeconds(entry: ExchangeEntry, index: number): number | undefined {
  const time = entry.updatedAt;
  if (time === undefined || time === null) return undefined;
  const ms = typeof time === "number" ? time : time.getTime();
  if (!Number.isFinite(ms) || ms < 0) invalid(index, "its updatedAt is not a valid time");
  return Math.floor(ms / 1000);
}

function invalid(index: number, why: string): never {
  throw new VigilError("exchange/invalid-entry", `Entry ${index} cannot be exported: ${why}.`, {
    entry: index,
  });
}
