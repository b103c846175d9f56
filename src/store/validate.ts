/**
 * Checks on everything that reaches the store from outside. A bad field is a `store/invalid`
 * error naming the field, never a driver error and never a silently cut value.
 */
import { VigilError } from "../core/index.js";
import { DEFAULT_PAGE_LIMIT, MAX_PAGE_LIMIT } from "./types.js";

export function invalid(field: string, message: string): never {
  throw new VigilError("store/invalid", `Invalid ${field}: ${message}.`, { field });
}

/**
 * A string of at most `maxLength` characters. NUL is refused everywhere because PostgreSQL text
 * cannot hold it; other control characters only where a single line is expected.
 */
export function checkText(
  value: unknown,
  field: string,
  maxLength: number,
  { allowEmpty = false, multiline = false } = {},
): string {
  if (typeof value !== "string") invalid(field, "expected a string");
  if (!allowEmpty && value.trim() === "") invalid(field, "must not be empty");
  if (value.length > maxLength) invalid(field, `longer than ${maxLength} characters`);
  // eslint-disable-next-line no-control-regex
  const forbidden = multiline ? /\u0000/ : /[\u0000-\u001f\u007f]/;
  if (forbidden.test(value)) invalid(field, "contains a control character");
  return value;
}

export function checkOptionalText(value: unknown, field: string, maxLength: number): string | null {
  return value === undefined || value === null ? null : checkText(value, field, maxLength);
}

/** A short machine name (slug, label, source, scope) matching `pattern`. */
export function checkToken(value: unknown, field: string, pattern: RegExp, rule: string): string {
  if (typeof value !== "string" || !pattern.test(value)) invalid(field, rule);
  return value;
}

export function checkInteger(value: unknown, field: string, min: number, max: number): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    invalid(field, `expected an integer from ${min} to ${max}`);
  }
  return value;
}

export function checkOneOf<T extends string>(
  value: unknown,
  field: string,
  options: readonly T[],
): T {
  if (typeof value !== "string" || !(options as readonly string[]).includes(value)) {
    invalid(field, `expected one of ${options.join(", ")}`);
  }
  return value as T;
}

export function checkBoolean(value: unknown, field: string): boolean {
  if (typeof value !== "boolean") invalid(field, "expected true or false");
  return value;
}

/** A list of distinct items, each checked by `item`; repeats are dropped, order kept. */
export function checkList<T>(
  value: unknown,
  field: string,
  maxItems: number,
  item: (element: unknown, field: string) => T,
): T[] {
  if (!Array.isArray(value)) invalid(field, "expected a list");
  if (value.length > maxItems) invalid(field, `more than ${maxItems} items`);
  return [...new Set(value.map((element, i) => item(element, `${field}[${i}]`)))];
}

const LABEL = /^[a-z0-9][a-z0-9._:-]{0,63}$/;

export function checkLabels(value: unknown, field = "labels"): string[] {
  return checkList(value ?? [], field, 32, (label, name) =>
    checkToken(label, name, LABEL, "expected lower-case letters, digits, '.', '_', ':' or '-'"),
  );
}

export function checkLimit(value: unknown): number {
  return value === undefined ? DEFAULT_PAGE_LIMIT : checkInteger(value, "limit", 1, MAX_PAGE_LIMIT);
}

/** Bank entry ids are the uint32 ids of the in-memory index. */
export const MAX_ENTRY_ID = 0xffff_ffff;

export function checkEntryId(value: unknown, field = "entry id"): number {
  return checkInteger(value, field, 1, MAX_ENTRY_ID);
}

/** A JSON object that survives a round trip, at most `maxBytes` long once serialised. */
export function checkJsonObject(value: unknown, field: string, maxBytes: number): string {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    invalid(field, "expected a JSON object");
  }
  let json: string;
  try {
    json = JSON.stringify(value);
  } catch {
    invalid(field, "cannot be written as JSON");
  }
  // PostgreSQL's jsonb refuses NUL and lone UTF-16 surrogates, which JSON.stringify writes as
  // escapes (an escape, unlike a literal backslash, follows an even run of backslashes).
  if (/(?<!\\)(?:\\\\)*\\u(?:0000|d[89a-f])/i.test(json)) {
    invalid(field, "contains a NUL character or a broken Unicode character");
  }
  if (new TextEncoder().encode(json).length > maxBytes)
    invalid(field, `larger than ${maxBytes} bytes`);
  return json;
}
