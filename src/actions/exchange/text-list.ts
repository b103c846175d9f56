/**
 * Plain lists (one hex hash a line) and CSV lists (`hash,quality,...`, as the reference PDQ tools
 * print `hash,quality,path`). Blank lines are skipped; a CSV header line is skipped when it is the
 * first line with content; any other bad line is reported by number and the rest still imports.
 */
import { inferType, normaliseValue } from "./hex-values.js";
import { forEachLine, type ErrorSink } from "./text-lines.js";
import type { ExchangeSignalType, HashRecord } from "./types.js";

export interface TextListSettings {
  readonly csv: boolean;
  readonly signalType: Exclude<ExchangeSignalType, "video"> | undefined;
  readonly hex64: "pdq" | "sha256";
}

/** First fields that mark a header line rather than a bad hash. */
const HEADER_FIELDS = new Set(["hash", "hashvalue", "hash_value", "pdq", "md5", "sha256", "value"]);
const QUALITY = /^\d{1,3}$/;

export function parseTextList(
  text: string,
  settings: TextListSettings,
  records: HashRecord[],
  errors: ErrorSink,
): void {
  let seenContent = false;
  forEachLine(text, (line, number) => {
    if (line.trim() === "") return;
    const first = !seenContent;
    seenContent = true;
    const fields = settings.csv ? splitFields(line) : [line];
    if (first && settings.csv && HEADER_FIELDS.has(fields[0]!.trim().toLowerCase())) return;
    const parsed = parseFields(fields, settings, number);
    if ("error" in parsed) errors.add(number, parsed.error);
    else records.push(parsed);
  });
}

/** Shared by every record of a text list (they name no case): a million lists cost nothing. */
const NO_CASES: readonly string[] = Object.freeze([]);

function parseFields(
  fields: readonly string[],
  settings: TextListSettings,
  line: number,
): HashRecord | { error: string } {
  const raw = unquote(fields[0]!);
  if (!settings.csv && /[\s,;]/.test(raw.trim())) {
    return { error: "a plain list holds one hash a line and nothing else" };
  }
  const type = settings.signalType ?? inferType(raw, settings.hex64);
  if (typeof type !== "string") return type;
  const checked = normaliseValue(type, raw);
  if ("error" in checked) return checked;
  const value = checked.value;
  const qualityField = fields[1] === undefined ? "" : unquote(fields[1]);
  if (qualityField === "") {
    return { line, signalType: type, value, status: "active", caseNumbers: NO_CASES };
  }
  const quality = Number(qualityField);
  if (!QUALITY.test(qualityField) || quality > 100) {
    return { error: "the quality is not an integer from 0 to 100" };
  }
  return { line, signalType: type, value, quality, status: "active", caseNumbers: NO_CASES };
}

/** Only the first two fields matter (hash, quality); the rest, such as a path, may hold commas. */
function splitFields(line: string): string[] {
  const a = line.indexOf(",");
  if (a < 0) return [line];
  const b = line.indexOf(",", a + 1);
  return [line.slice(0, a), b < 0 ? line.slice(a + 1) : line.slice(a + 1, b)];
}

function unquote(field: string): string {
  const t = field.trim();
  return t.length >= 2 && t.startsWith('"') && t.endsWith('"') ? t.slice(1, -1) : t;
}
