import { describe, expect, it } from "vitest";
import { VigilError } from "../core/index.js";
import { acceptNotice, redactNotice } from "./notice.js";

const PDQ = "f".repeat(64);
const receivedAt = new Date("2026-06-01T10:00:00Z");

function refusal(body: unknown): VigilError {
  try {
    acceptNotice(body, { receivedAt });
  } catch (error) {
    if (error instanceof VigilError) return error;
    throw error;
  }
  throw new Error("expected a refusal");
}

describe("acceptNotice", () => {
  it("accepts the issue's example take-it-down notice as complete, due 48 hours later", () => {
    const notice = acceptNotice(
      {
        jurisdiction: "US",
        kind: "take-it-down",
        content: { hashes: { pdq: [PDQ.toUpperCase()] } },
        statement: "I did not consent to this image being shared.",
        signature: "Jane Doe",
        contact: { email: "jane@example.org" },
      },
      { receivedAt },
    );
    expect(notice).toMatchObject({
      status: "complete",
      missing: [],
      receivedAt: "2026-06-01T10:00:00.000Z",
      submitterRole: "victim",
      signature: { type: "electronic", value: "Jane Doe" },
      content: { hashes: { pdq: [PDQ], md5: [], sha256: [] }, urls: [], platformIds: [] },
    });
    expect(notice.deadline).toMatchObject({ at: "2026-06-03T10:00:00.000Z", basis: "statutory" });
  });

  it("accepts a take-it-down notice missing its elements as incomplete, listing what is missing", () => {
    const notice = acceptNotice(
      {
        jurisdiction: "US",
        kind: "take-it-down",
        content: { urls: ["https://example.com/p/1"] },
        signature: "  ",
      },
      { receivedAt },
    );
    expect(notice.status).toBe("incomplete");
    expect(notice.missing).toEqual(["signature", "good-faith-statement", "contact"]);
    expect(notice.deadline).toMatchObject({ basis: "target", downgraded: "incomplete" });
  });

  it("takes a physical signature and a postal address as contact", () => {
    const notice = acceptNotice(
      {
        jurisdiction: "us",
        kind: "take-it-down",
        submitterRole: "representative",
        content: { platformIds: [{ platform: "telegram", channelId: "-1001", externalId: "55" }] },
        statement: "Published without consent.",
        signature: { type: "physical", value: "signed form received by mail, ref 12" },
        contact: { address: "1 Main St, Springfield" },
      },
      { receivedAt },
    );
    expect(notice.jurisdiction).toBe("US");
    expect(notice.status).toBe("complete");
  });

  it("asks a DSA notice for explanation, location, name and email, and good faith (not for minors)", () => {
    const body = {
      jurisdiction: "DE",
      kind: "dsa",
      content: { hashes: { md5: ["a".repeat(32)] } },
    };
    expect(acceptNotice(body, { receivedAt }).missing).toEqual([
      "explanation",
      "location",
      "contact",
      "good-faith-confirmation",
    ]);
    expect(acceptNotice({ ...body, reason: "minor" }, { receivedAt }).missing).not.toContain(
      "contact",
    );
    const complete = acceptNotice(
      {
        ...body,
        content: { urls: ["https://example.com/x"] },
        statement: "Intimate image shared without consent.",
        contact: { name: "A. Person", email: "a@example.eu" },
        goodFaith: true,
      },
      { receivedAt },
    );
    expect(complete.status).toBe("complete");
    expect(complete.deadline.ruleId).toBe("eu-dsa");
  });

  it("asks a KCSC request for its reference number", () => {
    const notice = acceptNotice(
      {
        jurisdiction: "KR",
        kind: "kcsc",
        submitterRole: "regulator",
        content: { urls: ["https://example.kr/1"] },
      },
      { receivedAt },
    );
    expect(notice.missing).toEqual(["reference"]);
  });

  it.each([
    [{ kind: "general", content: {} }, "jurisdiction: is required"],
    [
      { jurisdiction: "US", kind: "general", content: {} },
      "content: must name the content: urls, platformIds or hashes",
    ],
    [
      { jurisdiction: "USA", kind: "general", content: {} },
      "jurisdiction: must be at most 2 characters",
    ],
    [
      { jurisdiction: "US", kind: "dmca", content: {} },
      "kind: must be one of take-it-down, kcsc, dsa, general",
    ],
    [
      { jurisdiction: "US", kind: "general", content: { hashes: { pdq: ["xyz"] } } },
      "content.hashes.pdq[0]: must be a PDQ hash (64 hex digits)",
    ],
    [
      { jurisdiction: "US", kind: "general", content: { hashes: { md5: ["a".repeat(31)] } } },
      "content.hashes.md5[0]: must be an MD5 (32 hex digits)",
    ],
    [
      { jurisdiction: "US", kind: "general", content: { urls: ["javascript:alert(1)"] } },
      "content.urls[0]: must be an http or https URL",
    ],
    [
      {
        jurisdiction: "US",
        kind: "general",
        content: { urls: ["https://x.y"] },
        contact: { email: "nope" },
      },
      "contact.email: must be an email address",
    ],
    [
      {
        jurisdiction: "US",
        kind: "general",
        content: { urls: ["https://x.y"] },
        submitterRole: "lawyer",
      },
      "submitterRole: must be one of victim, representative, regulator, police",
    ],
    [
      { jurisdiction: "US", kind: "general", content: { urls: ["https://x.y"] }, extra: 1 },
      "extra: is not a known field",
    ],
  ])("refuses a malformed notice %j with a stable code", (body, message) => {
    const error = refusal(body);
    expect(error.code).toBe("compliance/invalid-notice");
    expect(error.status).toBe(400);
    expect(error.message).toBe(message);
  });

  it("refuses more than 100 URLs in one notice", () => {
    const urls = Array.from({ length: 101 }, (_, i) => `https://example.com/${i}`);
    expect(refusal({ jurisdiction: "US", kind: "general", content: { urls } }).message).toBe(
      "content.urls: must list at most 100",
    );
  });
});

describe("redactNotice", () => {
  it("drops the sender's signature, contact and statement, keeping that they were given", () => {
    const notice = acceptNotice(
      {
        jurisdiction: "US",
        kind: "take-it-down",
        content: { hashes: { pdq: [PDQ] } },
        statement: "secret words",
        signature: "Jane Doe",
        contact: { email: "jane@example.org" },
      },
      { receivedAt },
    );
    const redacted = redactNotice(notice);
    expect(JSON.stringify(redacted)).not.toMatch(/Jane|jane@|secret words/);
    expect(redacted).toMatchObject({
      hasSignature: true,
      hasContact: true,
      hasStatement: true,
      status: "complete",
    });
  });
});
