import { generateKeyPairSync } from "node:crypto";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { VigilError, type JsonObject } from "../core/index.js";
import {
  auditEventHash,
  GENESIS_HASH,
  type AuditEvent,
  type Decision,
  type IngestedRecord,
  type ReviewCase,
} from "../store/index.js";
import { collectEvidence } from "./evidence-collect.js";
import {
  fileKeyStore,
  loadOrCreateSigner,
  signerFrom,
  type EvidenceSigner,
} from "./evidence-keys.js";
import { buildEvidenceManifest, type EvidenceOptions } from "./evidence-manifest.js";
import { packEvidence } from "./evidence-pack.js";
import type { EvidenceManifest } from "./evidence-types.js";
import { verifyEvidence } from "./evidence-verify.js";
import { acceptNotice } from "./notice.js";
import type { AuditSubject, ComplianceRecords, StoredNotice } from "./ports.js";

/** An audit chain built by the store's own hashing rule. */
function chain(
  events: {
    actor: string;
    action: string;
    subjectType: string | null;
    subjectId: string | null;
    details?: JsonObject;
  }[],
): AuditEvent[] {
  const out: AuditEvent[] = [];
  events.forEach((e, index) => {
    const fields = {
      id: index + 1,
      at: new Date(Date.UTC(2026, 5, 1, 10, 0, index)).toISOString(),
      actor: e.actor,
      action: e.action,
      subjectType: e.subjectType,
      subjectId: e.subjectId,
      details: e.details ?? {},
      prevHash: out.at(-1)?.hash ?? GENESIS_HASH,
    };
    out.push({ ...fields, hash: auditEventHash(fields) });
  });
  return out;
}

const CASE = "0190c3a1-0000-7000-8000-0000000000ca";
const ITEM = "0190c3a1-0000-7000-8000-000000000001";
const PDQ = "c".repeat(64);

const reviewCase: ReviewCase = {
  id: CASE,
  groupKey: PDQ,
  status: "closed",
  severity: 2,
  reportCount: 1,
  createdAt: "2026-06-01T10:00:00.000Z",
  updatedAt: "2026-06-01T12:00:00.000Z",
  closedAt: "2026-06-01T12:00:00.000Z",
  itemCount: 1,
  assignee: null,
  leaseUntil: null,
  escalated: false,
  lastDecision: "remove",
  decidedBy: "mod-1",
  appealId: null,
};

const record: IngestedRecord = {
  item: {
    id: ITEM,
    source: "stream",
    platform: "telegram",
    externalId: "5678",
    createdAt: "2026-06-01T10:00:00.000Z",
    idempotencyKey: "k",
    channelId: "-1001",
    authorId: "777",
    visibility: "public",
    text: "a caption",
    media: [],
    postedAt: "2026-06-01T09:59:00.000Z",
    status: "done",
    verdict: "review",
    reasons: ["rule `ncii-reported` v1 fired: 3 reports for `ncii` → review"],
    processedAt: "2026-06-01T10:00:01.000Z",
    error: null,
    analysis: [],
  },
  signals: [{ signalType: "pdq", value: PDQ, quality: 90 }],
  matches: [{ bankId: "victims", entryId: 42, signalType: "pdq", distance: 3 }],
};

const decision: Decision = {
  id: "dec-1",
  caseId: CASE,
  moderatorId: "mod-1",
  decision: "remove",
  reason: "ncii",
  note: "the person shown, Jane Doe, confirmed by phone",
  appealId: null,
  addedEntryIds: [43],
  createdAt: "2026-06-01T12:00:00.000Z",
};

const notice: StoredNotice = {
  ...acceptNotice(
    {
      jurisdiction: "US",
      kind: "take-it-down",
      content: { hashes: { pdq: [PDQ] } },
      statement: "I never agreed to this",
      signature: "Jane Doe",
      contact: { email: "jane@example.org" },
    },
    { receivedAt: new Date("2026-06-01T09:00:00Z") },
  ),
  id: "notice-1",
  caseId: CASE,
};

const events = chain([
  { actor: "system", action: "bank.create", subjectType: "bank", subjectId: "victims" },
  { actor: "apikey:p", action: "notice.receive", subjectType: "notice", subjectId: "notice-1" },
  { actor: "system", action: "case.open", subjectType: "case", subjectId: CASE },
  {
    actor: "moderator:mod-2",
    action: "case.decide",
    subjectType: "case",
    subjectId: "another-case",
  },
  { actor: "moderator:mod-1", action: "entry.add", subjectType: "entry", subjectId: "43" },
  {
    actor: "moderator:mod-1",
    action: "case.decide",
    subjectType: "case",
    subjectId: CASE,
    details: { decision: "remove", reason: "ncii" },
  },
  { actor: "system", action: "policy.update", subjectType: "policy", subjectId: "2" },
]);

/** The ComplianceRecords port over fixed records: compliance logic only, no database. */
function records(audit: readonly AuditEvent[] = events): ComplianceRecords {
  const about = (subjects: readonly AuditSubject[]) =>
    audit.filter((e) => subjects.some((s) => s.type === e.subjectType && s.id === e.subjectId));
  return {
    getCase: async (id) => (id === CASE ? reviewCase : null),
    caseItems: async () => [
      { caseId: CASE, itemId: ITEM, ruleId: "ncii-reported", addedAt: "2026-06-01T10:00:01.000Z" },
    ],
    getItem: async (id) => (id === ITEM ? record : null),
    evaluation: async () => ({
      id: 1,
      at: "2026-06-01T10:00:01.000Z",
      itemId: ITEM,
      policyVersion: 2,
      facts: {},
      verdict: "review",
      fired: [
        { ruleId: "ncii-reported", version: 1, explanation: "rule `ncii-reported` v1 fired" },
      ],
      shadow: [],
    }),
    decisions: async () => [decision],
    appeals: async () => [],
    reports: async () => [
      {
        id: "r1",
        caseId: CASE,
        contentRef: "tg:-1001:5678",
        contentHash: PDQ,
        reporter: "user:9",
        reason: "ncii",
        text: "it's me",
        createdAt: "2026-06-01T09:30:00.000Z",
      },
    ],
    notices: async () => [notice],
    auditEventsAbout: async (subjects) => about(subjects),
    auditRange: async (from, to, limit) =>
      audit.filter((e) => e.id >= from && e.id <= to).slice(0, limit),
    auditHead: async () => {
      const last = audit.at(-1);
      return last ? { id: last.id, hash: last.hash } : null;
    },
  };
}

const options: EvidenceOptions = {
  generatedAt: new Date("2026-06-02T00:00:00Z"),
  generator: "vigil test",
};
const signer: EvidenceSigner = signerFrom(
  generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
);

async function manifestFor(
  audit?: readonly AuditEvent[],
  extra: Partial<EvidenceOptions> = {},
  max?: number,
) {
  const input = await collectEvidence(
    records(audit),
    CASE,
    max === undefined ? {} : { maxSegmentEvents: max },
  );
  return buildEvidenceManifest(input!, { ...options, ...extra });
}

function refusal(run: () => unknown): VigilError {
  try {
    run();
  } catch (error) {
    if (error instanceof VigilError) return error;
    throw error;
  }
  throw new Error("expected a refusal");
}

describe("evidence packages", () => {
  it("carry the case, hashes, matches, rules, decisions and notices, and verify offline", async () => {
    const archive = packEvidence(await manifestFor(), signer);
    const { manifest, audit, keyId } = verifyEvidence(archive, signer.publicKeyPem);
    expect(keyId).toBe(signer.keyId);
    expect(manifest.case).toMatchObject({ id: CASE, lastDecision: "remove" });
    expect(manifest.items[0]).toMatchObject({
      id: ITEM,
      authorId: "777",
      hashes: [{ type: "pdq", value: PDQ, quality: 90 }],
    });
    expect(manifest.matches).toEqual([
      { itemId: ITEM, bankId: "victims", entryId: 42, signalType: "pdq", distance: 3 },
    ]);
    expect(manifest.evaluations[0]?.fired).toEqual([
      { ruleId: "ncii-reported", version: 1, explanation: "rule `ncii-reported` v1 fired" },
    ]);
    expect(manifest.decisions[0]).toMatchObject({
      decision: "remove",
      reason: "ncii",
      addedEntryIds: [43],
    });
    expect(manifest.notices[0]).toMatchObject({
      id: "notice-1",
      kind: "take-it-down",
      hasSignature: true,
    });
    // Case, notice and entry events, and the run from the first of them to the head.
    expect(manifest.audit.relevantIds).toEqual([2, 3, 5, 6]);
    expect(audit).toMatchObject({ segments: 1, events: 6, reachesHead: true, head: { id: 7 } });
  });

  it("leave out notes, texts and the sender's personal data unless asked", async () => {
    const text = new TextDecoder().decode(packEvidence(await manifestFor(), signer));
    expect(text).not.toMatch(/Jane|jane@|never agreed|it's me|user:9|a caption/);
    const full = await manifestFor(undefined, { includeText: true, includePersonal: true });
    expect(full.decisions[0]?.note).toContain("Jane Doe");
    expect(full.notices[0]).toMatchObject({ contact: { email: "jane@example.org" } });
    expect(full.reports[0]).toMatchObject({ reporter: "user:9", text: "it's me" });
    expect(full.redactions).toEqual(["media (hashes only)"]);
  });

  it("refuse a tampered archive with a stable error", async () => {
    const text = new TextDecoder().decode(packEvidence(await manifestFor(), signer));
    const changed = text.replace('"distance":3', '"distance":30');
    expect(refusal(() => verifyEvidence(changed, signer.publicKeyPem)).details.reason).toBe(
      "signature",
    );
    const reformatted = text.replace('{"format"', '{ "format"');
    expect(refusal(() => verifyEvidence(reformatted, signer.publicKeyPem)).details.reason).toBe(
      "unreadable",
    );
    expect(refusal(() => verifyEvidence("not json", signer.publicKeyPem)).code).toBe(
      "compliance/evidence-invalid",
    );
    const other = signerFrom(
      generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    );
    expect(refusal(() => verifyEvidence(text, other.publicKeyPem)).details.reason).toBe("key");
  });

  it("re-verify the audit chain: a changed or missing event is found even under a valid signature", async () => {
    const forged = events.map((e) =>
      e.id === 6 ? { ...e, details: { decision: "no_violation" } } : e,
    );
    const forgedArchive = packEvidence(await manifestFor(forged), signer);
    const forgedError = refusal(() => verifyEvidence(forgedArchive, signer.publicKeyPem));
    expect(forgedError.details).toMatchObject({ reason: "chain", eventId: 6 });

    const manifest = await manifestFor();
    const gap: EvidenceManifest = {
      ...manifest,
      audit: {
        ...manifest.audit,
        segments: [{ events: manifest.audit.segments[0]!.events.filter((e) => e.id !== 4) }],
      },
    };
    expect(
      refusal(() => verifyEvidence(packEvidence(gap, signer), signer.publicKeyPem)).details,
    ).toMatchObject({
      reason: "chain",
      eventId: 5,
    });

    const wrongHead: EvidenceManifest = {
      ...manifest,
      audit: { ...manifest.audit, head: { id: 7, hash: "0".repeat(64) } },
    };
    expect(
      refusal(() => verifyEvidence(packEvidence(wrongHead, signer), signer.publicKeyPem)).details
        .reason,
    ).toBe("head");
  });

  it("split a long chain into runs around the relevant events", async () => {
    const manifest = await manifestFor(undefined, {}, 3);
    expect(manifest.audit.segments.map((s) => s.events.map((e) => e.id))).toEqual([
      [2, 3],
      [5, 6],
    ]);
    expect(manifest.audit.reachesHead).toBe(false);
    expect(verifyEvidence(packEvidence(manifest, signer), signer.publicKeyPem).audit).toMatchObject(
      { segments: 2, events: 4 },
    );
  });

  it("check included media against its SHA-256", async () => {
    const input = (await collectEvidence(records(), CASE))!;
    const bytes = new Uint8Array([1, 2, 3]);
    const manifest = buildEvidenceManifest(
      { ...input, media: [{ itemId: ITEM, mimeType: "image/jpeg", bytes }] },
      options,
    );
    expect(
      verifyEvidence(packEvidence(manifest, signer), signer.publicKeyPem).manifest.media,
    ).toHaveLength(1);
    const swapped: EvidenceManifest = {
      ...manifest,
      media: [{ ...manifest.media[0]!, base64: "BAUG" }],
    };
    expect(
      refusal(() => verifyEvidence(packEvidence(swapped, signer), signer.publicKeyPem)).details
        .reason,
    ).toBe("media");
  });
});

describe("the evidence key", () => {
  const dirs: string[] = [];
  afterEach(async () => {
    await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
  });

  it("is made once, kept readable by its owner only, and the same for two processes starting at once", async () => {
    const dir = await mkdtemp(join(tmpdir(), "vigil-key-"));
    dirs.push(dir);
    const path = join(dir, "keys", "evidence-ed25519.pem");
    const [a, b] = await Promise.all([
      loadOrCreateSigner(fileKeyStore(path)),
      loadOrCreateSigner(fileKeyStore(path)),
    ]);
    expect(a.keyId).toBe(b.keyId);
    expect((await loadOrCreateSigner(fileKeyStore(path))).keyId).toBe(a.keyId);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(a.publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----/);
  });
});
