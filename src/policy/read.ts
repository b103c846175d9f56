/**
 * The small readers the rule parser is built from. Each checks one value at one path and either
 * returns it typed or throws `policy/invalid-rule` naming that path, so a person fixing a rule
 * file is pointed at the exact field. Values are copied out, never passed through: nothing the
 * caller holds (or a `__proto__` key) ends up inside a parsed rule.
 */
import { VigilError } from "../core/index.js";

export type Fields = Readonly<Record<string, unknown>>;

/** Longest string anywhere in a rule; ids, labels and names are far shorter. */
const MAX_STRING = 500;
/** Longest list of labels, banks, reasons, platforms… */
const MAX_LIST = 256;
const SLUG = /^[a-z0-9]+(?:[-_.][a-z0-9]+)*$/;

export function fail(path: string, problem: string): never {
  throw new VigilError("policy/invalid-rule", `${path || "input"}: ${problem}`, { path });
}

export function at(path: string, key: string | number): string {
  if (typeof key === "number") return `${path}[${key}]`;
  return path ? `${path}.${key}` : key;
}

/** A plain object holding every required key and nothing outside `required` and `optional`. */
export function readObject(
  value: unknown,
  path: string,
  required: readonly string[],
  optional: readonly string[] = [],
): Fields {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    fail(path, "must be an object");
  }
  const fields = value as Fields;
  for (const key of Object.keys(fields)) {
    if (!required.includes(key) && !optional.includes(key))
      fail(at(path, key), "is not a known field");
  }
  for (const key of required) {
    if (fields[key] === undefined) fail(at(path, key), "is required");
  }
  return fields;
}

export function readArray(value: unknown, path: string, min: number, max: number): unknown[] {
  if (!Array.isArray(value)) fail(path, "must be a list");
  if (value.length < min) fail(path, `must list at least ${min}`);
  if (value.length > max) fail(path, `must list at most ${max}`);
  return value;
}

export function readNumber(value: unknown, path: string, min: number, max: number): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value < min || value > max) {
    fail(path, `must be a number from ${min} to ${max}`);
  }
  return value;
}

export function readInteger(value: unknown, path: string, min: number, max: number): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    fail(path, `must be a whole number from ${min} to ${max}`);
  }
  return value;
}

/** A count compared with `≥`: 1 and up, since `≥ 0` always holds and is a mistake. */
export function readCount(value: unknown, path: string): number {
  return readInteger(value, path, 1, 1_000_000);
}

export function readString(value: unknown, path: string): string {
  if (typeof value !== "string" || value.trim() === "") fail(path, "must be a non-empty string");
  if (value.length > MAX_STRING) fail(path, `must be at most ${MAX_STRING} characters`);
  return value;
}

export function readSlug(value: unknown, path: string): string {
  const text = readString(value, path);
  if (text.length > 64 || !SLUG.test(text)) {
    fail(path, "must be a slug: lower-case letters and digits joined by - _ or . (at most 64)");
  }
  return text;
}

export function readOneOf<T extends string>(
  value: unknown,
  path: string,
  options: readonly T[],
): T {
  if (typeof value !== "string" || !(options as readonly string[]).includes(value)) {
    fail(path, `must be one of ${options.join(", ")}`);
  }
  return value as T;
}

export function readStrings(value: unknown, path: string): string[] {
  return readArray(value, path, 1, MAX_LIST).map((item, i) => readString(item, at(path, i)));
}

export function readOneOfList<T extends string>(
  value: unknown,
  path: string,
  options: readonly T[],
): T[] {
  return readArray(value, path, 1, options.length).map((item, i) =>
    readOneOf(item, at(path, i), options),
  );
}

/** The `kind` of a tagged object, read before its other fields so a bad kind is named as such. */
export function readKind<T extends string>(value: unknown, path: string, kinds: readonly T[]): T {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    fail(path, "must be an object");
  }
  const kind = (value as Fields)["kind"];
  if (kind === undefined) fail(at(path, "kind"), "is required");
  return readOneOf(kind, at(path, "kind"), kinds);
}

/** `{ [key]: read(value) }` when the field is present, `{}` otherwise (exact optional types). */
export function optional<K extends string, T>(
  fields: Fields,
  key: K,
  path: string,
  read: (value: unknown, path: string) => T,
): { [P in K]?: T } {
  const value = fields[key];
  if (value === undefined) return {};
  return { [key]: read(value, at(path, key)) } as { [P in K]?: T };
}
