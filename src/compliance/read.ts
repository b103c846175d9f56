/**
 * Small readers for input from outside (a notice's JSON body, a deadline-rules file, settings).
 * Each checks one value at one path and returns it typed, or throws a VigilError with the given
 * code naming that path, so whoever sent the input is pointed at the exact field. Values are
 * copied out, never passed through: nothing the caller holds ends up inside a parsed record.
 */
import { VigilError, type ErrorCode } from "../core/index.js";

export type Fields = Readonly<Record<string, unknown>>;

export interface Reader {
  fail(path: string, problem: string): never;
  object(
    value: unknown,
    path: string,
    required: readonly string[],
    optional?: readonly string[],
  ): Fields;
  array(value: unknown, path: string, min: number, max: number): unknown[];
  string(value: unknown, path: string, min: number, max: number): string;
  number(value: unknown, path: string, min: number, max: number): number;
  boolean(value: unknown, path: string): boolean;
  oneOf<T extends string>(value: unknown, path: string, allowed: readonly T[]): T;
}

export function at(path: string, key: string | number): string {
  if (typeof key === "number") return `${path}[${key}]`;
  return path ? `${path}.${key}` : key;
}

/** A reader whose failures carry `code` and `details.path`. */
export function readerFor(code: ErrorCode): Reader {
  const fail = (path: string, problem: string): never => {
    throw new VigilError(code, `${path || "input"}: ${problem}`, { path });
  };
  return {
    fail,
    object(value, path, required, optional = []) {
      if (typeof value !== "object" || value === null || Array.isArray(value)) {
        fail(path, "must be an object");
      }
      const fields = value as Fields;
      for (const key of Object.keys(fields)) {
        if (!required.includes(key) && !optional.includes(key)) {
          fail(at(path, key), "is not a known field");
        }
      }
      for (const key of required) {
        if (fields[key] === undefined) fail(at(path, key), "is required");
      }
      return fields;
    },
    array(value, path, min, max) {
      if (!Array.isArray(value)) fail(path, "must be a list");
      const list = value as unknown[];
      if (list.length < min) fail(path, `must list at least ${min}`);
      if (list.length > max) fail(path, `must list at most ${max}`);
      return list;
    },
    string(value, path, min, max) {
      if (typeof value !== "string") fail(path, "must be a string");
      const text = value as string;
      if (text.length < min)
        fail(path, min === 1 ? "must not be empty" : `must be at least ${min} characters`);
      if (text.length > max) fail(path, `must be at most ${max} characters`);
      return text;
    },
    number(value, path, min, max) {
      if (typeof value !== "number" || !Number.isFinite(value) || value < min || value > max) {
        fail(path, `must be a number from ${min} to ${max}`);
      }
      return value as number;
    },
    boolean(value, path) {
      if (typeof value !== "boolean") fail(path, "must be true or false");
      return value as boolean;
    },
    oneOf(value, path, allowed) {
      if (typeof value !== "string" || !(allowed as readonly string[]).includes(value)) {
        fail(path, `must be one of ${allowed.join(", ")}`);
      }
      return value as (typeof allowed)[number];
    },
  };
}
