/**
 * Reading columns from driver rows. The two drivers differ in what they hand back — SQLite gives
 * 0/1 for booleans, text for JSON and times; PostgreSQL gives booleans, parsed JSON, Dates and
 * bigints as strings — so each reader accepts both forms and checks what it gets. A surprise
 * here is a bug or a damaged database, never user input, hence plain Errors.
 */
import type { IsoTimestamp } from "../types.js";
import type { Row } from "./executor.js";
import type { JsonObject } from "../../core/index.js";

function fail(column: string, value: unknown): never {
  throw new Error(`Unexpected value in column ${column}: ${typeof value}`);
}

export function text(row: Row, column: string): string {
  const value = row[column];
  return typeof value === "string" ? value : fail(column, value);
}

export function nullableText(row: Row, column: string): string | null {
  return row[column] === null ? null : text(row, column);
}

export function int(row: Row, column: string): number {
  const value = row[column];
  const number = typeof value === "string" || typeof value === "bigint" ? Number(value) : value;
  return Number.isSafeInteger(number) ? (number as number) : fail(column, value);
}

export function nullableInt(row: Row, column: string): number | null {
  return row[column] === null ? null : int(row, column);
}

export function real(row: Row, column: string): number {
  const value = row[column];
  return typeof value === "number" && Number.isFinite(value) ? value : fail(column, value);
}

export function bool(row: Row, column: string): boolean {
  const value = row[column];
  if (value === true || value === 1) return true;
  if (value === false || value === 0) return false;
  return fail(column, value);
}

export function timestamp(row: Row, column: string): IsoTimestamp {
  const value = row[column];
  if (value instanceof Date) return value.toISOString();
  return typeof value === "string" ? value : fail(column, value);
}

export function nullableTimestamp(row: Row, column: string): IsoTimestamp | null {
  return row[column] === null ? null : timestamp(row, column);
}

function json(row: Row, column: string): unknown {
  const value = row[column];
  return typeof value === "string" ? JSON.parse(value) : value;
}

export function stringList<T extends string = string>(row: Row, column: string): T[] {
  const value = json(row, column);
  if (!Array.isArray(value) || !value.every((item) => typeof item === "string")) {
    fail(column, value);
  }
  return value as T[];
}

export function jsonObject(row: Row, column: string): JsonObject {
  const value = json(row, column);
  if (typeof value !== "object" || value === null || Array.isArray(value)) fail(column, value);
  return value as JsonObject;
}

/** A string column known to hold one of `options` (the schema's CHECK says so). */
export function oneOf<T extends string>(row: Row, column: string, options: readonly T[]): T {
  const value = text(row, column);
  return (options as readonly string[]).includes(value) ? (value as T) : fail(column, value);
}

export function jsonArray(row: Row, column: string): unknown[] {
  const value = json(row, column);
  if (!Array.isArray(value)) fail(column, value);
  return value;
}
