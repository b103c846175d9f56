import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { API_SCOPES, type ApiScope } from "../../store/index.js";

/**
 * API keys look like `vgl_<prefix>_<secret>`. The prefix (public, 12 hex digits) finds the key's
 * record; the secret (32 random bytes, base64url) is checked against the SHA-256 stored for it,
 * in constant time. The secret itself is shown once at creation and never stored.
 */
// One list: the store refuses a scope it does not know, so the server's are the store's.
export const SCOPES = API_SCOPES;
export type Scope = ApiScope;

export interface NewApiKey {
  /** The whole key, to hand to its owner once. */
  readonly token: string;
  readonly prefix: string;
  readonly secretHash: string;
}

const TOKEN_PATTERN = /^vgl_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

export function generateApiKey(): NewApiKey {
  const prefix = randomBytes(6).toString("hex");
  const secret = randomBytes(32).toString("base64url");
  return { token: `vgl_${prefix}_${secret}`, prefix, secretHash: hashSecret(secret) };
}

export function parseApiKey(token: string): { prefix: string; secret: string } | undefined {
  const match = TOKEN_PATTERN.exec(token);
  return match ? { prefix: match[1]!, secret: match[2]! } : undefined;
}

export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

/** Constant-time: how many leading characters match must not show in the response time. */
export function secretMatches(secret: string, storedHash: string): boolean {
  const actual = Buffer.from(hashSecret(secret), "hex");
  const expected = Buffer.from(storedHash, "hex");
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** Constant time for two secrets given as text (a header against the value it must carry). */
export function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** `admin` holds every scope. */
export function hasScope(granted: readonly string[], needed: Scope): boolean {
  return granted.includes("admin") || granted.includes(needed);
}

export function isScope(value: string): value is Scope {
  return (SCOPES as readonly string[]).includes(value);
}
