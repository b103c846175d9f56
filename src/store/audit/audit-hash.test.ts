import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { auditEventHash, canonicalJson, GENESIS_HASH } from "./audit-hash.js";

describe("auditEventHash", () => {
  it("hashes the documented preimage (docs/AUDIT.md), so an auditor can re-implement it", () => {
    const preimage =
      '{"action":"bank.create","actor":"moderator:alice","at":"2030-01-01T00:00:00.000Z",' +
      '"details":{"a":[1,"é",null],"b":{"x":true,"y":0.5}},"id":1,' +
      `"prev_hash":"${GENESIS_HASH}","subject_id":"victims","subject_type":"bank"}`;
    const hash = auditEventHash({
      prevHash: GENESIS_HASH,
      id: 1,
      at: "2030-01-01T00:00:00.000Z",
      actor: "moderator:alice",
      action: "bank.create",
      subjectType: "bank",
      subjectId: "victims",
      details: { b: { y: 0.5, x: true }, a: [1, "é", null] },
    });
    expect(hash).toBe(createHash("sha256").update(preimage, "utf8").digest("hex"));
  });

  it("gives the same hash whatever order the details' keys come in", () => {
    const event = {
      prevHash: GENESIS_HASH,
      id: 7,
      at: "2030-01-01T00:00:00.000Z",
      actor: "system",
      action: "x",
      subjectType: null,
      subjectId: null,
    };
    expect(auditEventHash({ ...event, details: { a: 1, b: { c: 2, d: 3 } } })).toBe(
      auditEventHash({ ...event, details: { b: { d: 3, c: 2 }, a: 1 } }),
    );
    expect(auditEventHash({ ...event, details: { a: 1 } })).not.toBe(
      auditEventHash({ ...event, details: { a: "1" } }),
    );
  });
});

describe("canonicalJson", () => {
  it("sorts keys by UTF-16 code units at every depth and escapes as JSON.stringify does", () => {
    expect(canonicalJson({ b: [{ z: 1, a: 2 }], a: 'q"\n', "\u{1F600}": 1, "\uFF21": 2 })).toBe(
      '{"a":"q\\"\\n","b":[{"a":2,"z":1}],"\u{1F600}":1,"\uFF21":2}',
    );
  });

  it("writes numbers as ECMAScript does", () => {
    expect(canonicalJson([1e21, 0.1, -0, 1.5e-7, 100])).toBe("[1e+21,0.1,0,1.5e-7,100]");
  });
});
