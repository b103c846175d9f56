/**
 * Webhook signatures, the scheme receivers implement (docs/WEBHOOKS.md): the header
 * `Vigil-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`, keyed with the
 * endpoint's secret. The timestamp is inside the MAC, so a captured request cannot be replayed
 * later with a fresh time; the receiver refuses timestamps outside its tolerance.
 */
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

export const SIGNATURE_HEADER = "Vigil-Signature";
export const DEFAULT_TOLERANCE_SECONDS = 300;

/** A new signing secret: `whsec_` and 32 random bytes in base64url (43 characters). */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString("base64url")}`;
}

function mac(secret: string, timestampSeconds: number, body: string): string {
  return createHmac("sha256", secret).update(`${timestampSeconds}.${body}`, "utf8").digest("hex");
}

/** The `Vigil-Signature` header value for this body, sent at `timestampSeconds`. */
export function signWebhook(secret: string, timestampSeconds: number, body: string): string {
  if (!Number.isSafeInteger(timestampSeconds) || timestampSeconds < 0) {
    throw new RangeError(
      `timestampSeconds must be a whole number of seconds, got ${timestampSeconds}.`,
    );
  }
  return `t=${timestampSeconds},v1=${mac(secret, timestampSeconds, body)}`;
}

export interface VerifyOptions {
  /** How far the timestamp may be from now, either way (default 300 s). */
  readonly toleranceSeconds?: number;
  /** The receiver's clock (default: the current time). */
  readonly now?: Date;
}

/**
 * True when the header carries a `v1` signature of exactly this body (the raw bytes received,
 * before any JSON parsing) by this secret, with a timestamp within the tolerance. Compared in
 * constant time. Several `v1` entries are allowed, any one of them may match.
 */
export function verifyWebhookSignature(
  secret: string,
  header: string | null | undefined,
  body: string,
  options: VerifyOptions = {},
): boolean {
  if (typeof header !== "string") return false;
  const tolerance = options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  const nowSeconds = Math.floor((options.now ?? new Date()).getTime() / 1000);
  let timestamp: number | undefined;
  const signatures: string[] = [];
  for (const part of header.split(",")) {
    const [name, value] = part.trim().split("=", 2);
    if (name === "t" && value !== undefined && /^\d{1,15}$/.test(value)) timestamp = Number(value);
    else if (name === "v1" && value !== undefined && /^[0-9a-f]{64}$/.test(value)) {
      signatures.push(value);
    }
  }
  if (timestamp === undefined || Math.abs(nowSeconds - timestamp) > tolerance) return false;
  const expected = Buffer.from(mac(secret, timestamp, body), "hex");
  // Every candidate is compared, so the time taken does not say which one matched.
  let matched = false;
  for (const signature of signatures) {
    if (timingSafeEqual(expected, Buffer.from(signature, "hex"))) matched = true;
  }
  return matched;
}
