import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { newWebhookSecret, signWebhook, verifyWebhookSignature } from "./signature.js";

const SECRET = "whsec_test-secret-0123456789";
const BODY = '{"id":"verdict:1","type":"item.verdict","at":"2030-01-01T00:00:00.000Z","data":{}}';
const T = 1_893_456_000; // 2030-01-01T00:00:00Z
const AT_T = new Date(T * 1000);

describe("signWebhook", () => {
  it("is t=<seconds>,v1=<hex HMAC-SHA256 of '<t>.<body>'>", () => {
    const expected = createHmac("sha256", SECRET).update(`${T}.${BODY}`).digest("hex");
    expect(signWebhook(SECRET, T, BODY)).toBe(`t=${T},v1=${expected}`);
  });

  it("refuses a timestamp that is not whole seconds", () => {
    expect(() => signWebhook(SECRET, 1.5, BODY)).toThrow(RangeError);
  });
});

describe("verifyWebhookSignature", () => {
  const header = signWebhook(SECRET, T, BODY);

  it("accepts the signature of this body by this secret, within the tolerance", () => {
    expect(verifyWebhookSignature(SECRET, header, BODY, { now: AT_T })).toBe(true);
    const later = new Date((T + 300) * 1000);
    expect(verifyWebhookSignature(SECRET, header, BODY, { now: later })).toBe(true);
  });

  it("refuses another secret, a changed body, and a stale or future timestamp", () => {
    expect(verifyWebhookSignature("whsec_other", header, BODY, { now: AT_T })).toBe(false);
    expect(
      verifyWebhookSignature(SECRET, header, BODY.replace("{}", '{"a":1}'), { now: AT_T }),
    ).toBe(false);
    const stale = new Date((T + 301) * 1000);
    expect(verifyWebhookSignature(SECRET, header, BODY, { now: stale })).toBe(false);
    const early = new Date((T - 301) * 1000);
    expect(verifyWebhookSignature(SECRET, header, BODY, { now: early })).toBe(false);
    expect(
      verifyWebhookSignature(SECRET, header, BODY, { now: stale, toleranceSeconds: 600 }),
    ).toBe(true);
  });

  it("refuses a timestamp moved forward onto an old signature", () => {
    const moved = header.replace(`t=${T}`, `t=${T + 1000}`);
    expect(verifyWebhookSignature(SECRET, moved, BODY, { now: new Date((T + 1000) * 1000) })).toBe(
      false,
    );
  });

  it("accepts any matching v1 among several, and refuses malformed headers", () => {
    const v1 = header.split("v1=")[1];
    expect(
      verifyWebhookSignature(SECRET, `t=${T},v1=${"0".repeat(64)},v1=${v1}`, BODY, { now: AT_T }),
    ).toBe(true);
    for (const bad of [
      undefined,
      null,
      "",
      `t=${T}`,
      `v1=${v1}`,
      `t=abc,v1=${v1}`,
      `t=${T},v1=xyz`,
    ]) {
      expect(verifyWebhookSignature(SECRET, bad, BODY, { now: AT_T })).toBe(false);
    }
  });
});

describe("newWebhookSecret", () => {
  it("makes distinct whsec_ secrets of 32 random bytes", () => {
    const a = newWebhookSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(newWebhookSecret()).not.toBe(a);
  });
});
