/**
 * PostgreSQL reports errors by SQLSTATE; the network by Node error codes. The ones a caller can
 * act on become VigilErrors; the rest are bugs and pass through unchanged.
 */
import { VigilError } from "../../core/index.js";

/** SQLSTATE classes and codes that mean "the database cannot serve now; try again". */
const UNAVAILABLE_STATE = /^(08|53|57P0|40001|40P01)/;
const UNAVAILABLE_NETWORK = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ENOTFOUND",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "EAI_AGAIN",
  "EPIPE",
]);

export function translatePgError(error: unknown): unknown {
  if (error instanceof VigilError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  if (code === "23505") {
    return new VigilError(
      "store/conflict",
      "A record with the same key already exists.",
      {},
      {
        cause: error,
      },
    );
  }
  if (code === "23503") {
    return new VigilError(
      "store/not-found",
      "A record it refers to does not exist.",
      {},
      {
        cause: error,
      },
    );
  }
  // Class 22, data exceptions: a value the checks let through but PostgreSQL cannot take, such
  // as a NUL character in an id from a URL. The sender's input, not a server fault.
  if (typeof code === "string" && code.startsWith("22")) {
    return new VigilError(
      "store/invalid",
      "A value is not valid for the database.",
      { driverCode: code },
      { cause: error },
    );
  }
  const message = error instanceof Error ? error.message : "";
  const unavailable =
    (typeof code === "string" && (UNAVAILABLE_STATE.test(code) || UNAVAILABLE_NETWORK.has(code))) ||
    /Connection terminated|timeout exceeded when trying to connect/i.test(message);
  if (unavailable) {
    return new VigilError(
      "store/unavailable",
      "The database is unavailable or busy; try again.",
      { driverCode: typeof code === "string" ? code : null, reason: message },
      { cause: error },
    );
  }
  return error;
}
