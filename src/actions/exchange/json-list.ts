/**
 * JSON hash lists: an array of records, StopNCII's FetchHashes response (`{ "hashRecords": [...] }`),
 * a single record, or JSON lines (one record a line). A document that is not valid JSON is one
 * error at the line where parsing stopped: half of a damaged document is not imported. In JSON
 * lines each line stands alone, so a bad line is reported and the others still import.
 */
import { parseStopNciiRecord } from "./stopncii.js";
import { forEachLine, lineAt, type ErrorSink } from "./text-lines.js";
import type { HashRecord } from "./types.js";

export function parseJsonList(text: string, records: HashRecord[], errors: ErrorSink): void {
  const start = text.search(/\S/);
  if (text[start] === "[") {
    parseDocument(text, records, errors);
    return;
  }
  // `{`: one document (a response or a single record), else JSON lines. A JSON-lines text fails
  // the whole-text parse at the end of its first line, so trying costs little.
  let whole: unknown;
  try {
    whole = JSON.parse(text);
  } catch {
    parseJsonLines(text, records, errors);
    return;
  }
  addDocument(whole, text, records, errors);
}

function parseDocument(text: string, records: HashRecord[], errors: ErrorSink): void {
  let whole: unknown;
  try {
    whole = JSON.parse(text);
  } catch (error) {
    errors.add(syntaxErrorLine(error, text), "the text is not valid JSON");
    return;
  }
  addDocument(whole, text, records, errors);
}

function addDocument(whole: unknown, text: string, records: HashRecord[], errors: ErrorSink): void {
  let list: unknown = whole;
  if (!Array.isArray(whole) && typeof whole === "object" && whole !== null) {
    const inner = (whole as Record<string, unknown>)["hashRecords"];
    if (inner === undefined) {
      addRecord(whole, 1, records, errors);
      return;
    }
    list = inner;
  }
  if (!Array.isArray(list)) {
    errors.add(lineAt(text, text.search(/\S/)), "expected an array of records or hashRecords");
    return;
  }
  for (let i = 0; i < list.length; i++) addRecord(list[i], i + 1, records, errors);
}

function parseJsonLines(text: string, records: HashRecord[], errors: ErrorSink): void {
  forEachLine(text, (line, number) => {
    if (line.trim() === "") return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      errors.add(number, "the line is not valid JSON");
      return;
    }
    addRecord(value, number, records, errors);
  });
}

function addRecord(value: unknown, line: number, records: HashRecord[], errors: ErrorSink): void {
  const parsed = parseStopNciiRecord(value, line);
  if ("error" in parsed) errors.add(line, parsed.error);
  else records.push(parsed);
}

/**
 * V8 usually names the offset ("… in JSON at position 1234"), and a line is what a person can find
 * in the file. When it does not: the end for a truncated text, else the first line.
 */
function syntaxErrorLine(error: unknown, text: string): number {
  const message = error instanceof Error ? error.message : "";
  const match = /position (\d+)/.exec(message);
  if (match) return lineAt(text, Number(match[1]));
  return message.includes("end of JSON") ? lineAt(text, text.trimEnd().length) : 1;
}
