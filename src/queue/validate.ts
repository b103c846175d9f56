/**
 * Checks what callers hand the queue, the same way for both backends. Topics become NATS subject
 * tokens and consumer names, so they are narrow; payloads are JSON objects of ids and hashes,
 * and the size cap is what keeps content bytes out of messages.
 */
import { VigilError } from "../core/index.js";
import type { JsonObject } from "../core/index.js";

export const DEFAULT_MAX_PAYLOAD_BYTES = 64 * 1024;
const TOPIC = /^[a-z0-9][a-z0-9_-]{0,63}$/;
// Printable ASCII: it travels as a NATS header value (Nats-Msg-Id).
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,256}$/;

export function checkTopic(topic: string): string {
  if (typeof topic !== "string" || !TOPIC.test(topic)) {
    throw invalid(`A topic is 1–64 of a-z, 0-9, "_" and "-", starting with a letter or digit.`, {
      field: "topic",
    });
  }
  return topic;
}

export function checkIdempotencyKey(key: string | undefined): string | undefined {
  if (key === undefined) return undefined;
  if (typeof key !== "string" || !IDEMPOTENCY_KEY.test(key)) {
    throw invalid("An idempotency key is 1–256 printable ASCII characters without spaces.", {
      field: "idempotencyKey",
    });
  }
  return key;
}

/** The payload as JSON text, after checking it is a JSON object within the size limit. */
export function encodePayload(payload: JsonObject, maxBytes: number): string {
  if (!isPlainObject(payload) || !isJson(payload, 0)) {
    throw invalid("A job payload is a JSON object.", { field: "payload" });
  }
  const text = JSON.stringify(payload);
  const bytes = Buffer.byteLength(text, "utf8");
  if (bytes > maxBytes) {
    throw new VigilError(
      "queue/payload-too-large",
      `A job payload is at most ${maxBytes} bytes of JSON (ids and hashes, never content); ` +
        `this one is ${bytes}.`,
      { bytes, maxBytes },
    );
  }
  return text;
}

export function decodePayload(text: string): JsonObject {
  const value: unknown = JSON.parse(text);
  if (!isPlainObject(value)) throw new Error("A stored job payload is not a JSON object.");
  return value as JsonObject;
}

export function positiveInteger(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1) {
    throw new RangeError(`${name} must be a positive integer, got ${value}.`);
  }
  return value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Depth-limited, so a cyclic or absurdly nested object is refused instead of overflowing. */
function isJson(value: unknown, depth: number): boolean {
  if (depth > 32) return false;
  if (value === null || typeof value === "string" || typeof value === "boolean") return true;
  if (typeof value === "number") return Number.isFinite(value);
  if (Array.isArray(value)) return value.every((item) => isJson(item, depth + 1));
  if (isPlainObject(value)) return Object.values(value).every((item) => isJson(item, depth + 1));
  return false;
}

function invalid(message: string, details: Record<string, unknown>): VigilError {
  return new VigilError("queue/invalid", message, details);
}
