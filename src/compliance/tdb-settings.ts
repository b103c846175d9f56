/**
 * Settings of the Transparency Database submitter, validated once: where the API is, the
 * platform's token (held as a Secret), how many statements per call (the API takes 1 to 100),
 * how many tries and how long to wait. The server reads them from its configuration in phase 2;
 * a bad value stops start-up naming the setting (never echoing the token).
 */
import { readerFor, type Reader } from "./read.js";
import { Secret } from "./secret.js";

export interface TransparencyDbSettings {
  /** e.g. `https://transparency.dsa.ec.europa.eu`; the API paths are added to it. */
  readonly baseUrl: string;
  readonly token: Secret;
  /** Statements per call, 1–100 (default 100, the API's maximum). */
  readonly batchSize: number;
  /** Tries per batch on 429, 5xx and network errors (default 5). */
  readonly maxAttempts: number;
  /** First retry delay; doubles each try (default 1 s). */
  readonly retryBaseMs: number;
  /** Longest retry delay, Retry-After included (default 5 min). */
  readonly retryMaxMs: number;
  /** Per call (default 30 s). */
  readonly timeoutMs: number;
}

export const DEFAULT_TRANSPARENCY_DB_URL = "https://transparency.dsa.ec.europa.eu";

const read: Reader = readerFor("compliance/invalid-settings");
const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

export function parseTransparencyDbSettings(value: unknown): TransparencyDbSettings {
  const fields = read.object(
    value,
    "",
    ["token"],
    ["baseUrl", "batchSize", "maxAttempts", "retryBaseMs", "retryMaxMs", "timeoutMs"],
  );
  if (typeof fields.token !== "string" || fields.token.trim().length < 8) {
    // The message must not quote the token, right or wrong.
    read.fail("token", "must be the platform's API token from the Transparency Database profile");
  }
  return Object.freeze({
    baseUrl:
      fields.baseUrl === undefined ? DEFAULT_TRANSPARENCY_DB_URL : readBaseUrl(fields.baseUrl),
    token: new Secret((fields.token as string).trim()),
    batchSize: fields.batchSize === undefined ? 100 : whole(fields.batchSize, "batchSize", 1, 100),
    maxAttempts:
      fields.maxAttempts === undefined ? 5 : whole(fields.maxAttempts, "maxAttempts", 1, 20),
    retryBaseMs:
      fields.retryBaseMs === undefined
        ? 1000
        : whole(fields.retryBaseMs, "retryBaseMs", 0, 600_000),
    retryMaxMs:
      fields.retryMaxMs === undefined
        ? 300_000
        : whole(fields.retryMaxMs, "retryMaxMs", 0, 3_600_000),
    timeoutMs:
      fields.timeoutMs === undefined ? 30_000 : whole(fields.timeoutMs, "timeoutMs", 100, 600_000),
  });
}

/** https, or http to this machine (a local stand-in); no path tricks, no credentials in it. */
function readBaseUrl(value: unknown): string {
  const text = read.string(value, "baseUrl", 1, 500);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    read.fail("baseUrl", "must be a URL");
  }
  const local = url.protocol === "http:" && LOOPBACK.has(url.hostname);
  if (url.protocol !== "https:" && !local)
    read.fail("baseUrl", "must be https (http only to this machine)");
  if (url.username || url.password || url.search || url.hash) {
    read.fail("baseUrl", "must not carry credentials, a query or a fragment");
  }
  return url.href.replace(/\/+$/, "");
}

function whole(value: unknown, path: string, min: number, max: number): number {
  const n = read.number(value, path, min, max);
  if (!Number.isInteger(n)) read.fail(path, "must be a whole number");
  return n;
}
