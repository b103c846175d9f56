import { describe, expect, it } from "vitest";
import type {
  Decision,
  EvaluationRecord,
  IngestedItem,
  IngestedRecord,
  Report,
} from "../store/index.js";
import { recordFromDecision, recordFromItemVerdict } from "./record-from-store.js";
import { buildStatement } from "./statement.js";

function ingested(
  fields: Partial<IngestedItem> = {},
  signals: IngestedRecord["signals"] = [],
): IngestedRecord {
  const item: IngestedItem = {
    id: "0190c3a1-0000-7000-8000-000000000001",
    source: "stream",
    platform: "telegram",
    externalId: "5678",
    createdAt: "2026-06-01T10:00:00.000Z",
    idempotencyKey: "telegram:-1001:5678",
    channelId: "-1001",
    authorId: "424242424",
    visibility: "public",
    text: "look at her, @victimname",
    media: [{ mimeType: "image/jpeg" }],
    postedAt: "2026-06-01T09:59:00.000Z",
    status: "done",
    verdict: "remove",
    reasons: [
      "rule `known-ncii` v1 fired: matched bank `victims` (ncii) at distance 4 via PDQ → remove",
    ],
    processedAt: "2026-06-01T10:00:02.000Z",
    error: null,
    analysis: [],
    ...fields,
  };
  return { item, signals, matches: [] };
}

function evaluation(facts: EvaluationRecord["facts"]): EvaluationRecord {
  return {
    id: 1,
    at: "2026-06-01T10:00:01.000Z",
    itemId: "0190c3a1-0000-7000-8000-000000000001",
    policyVersion: null,
    facts,
    verdict: "remove",
    fired: [{ ruleId: "known-ncii", explanation: "rule `known-ncii` v1 fired" }],
    shadow: [],
  };
}

const PDQ = { signalType: "pdq" as const, value: "a".repeat(64), quality: 100 };

describe("recordFromItemVerdict", () => {
  it("reads an automatic removal: reason from the bank's labels, synthetic from provenance", () => {
    const record = recordFromItemVerdict(
      ingested({}, [PDQ]),
      evaluation({
        bankMatches: [{ bankId: "victims", labels: ["deepfake", "ncii"] }],
        classifiers: [{ name: "provenance.synthetic", score: 1 }],
      }),
    );
    expect(record).toMatchObject({
      id: "item-0190c3a1-0000-7000-8000-000000000001-remove",
      decidedBy: "automation",
      action: "remove",
      reason: "deepfake",
      decidedAt: "2026-06-01T10:00:02.000Z",
      contentAt: "2026-06-01T09:59:00.000Z",
      media: ["image"],
      synthetic: true,
      source: { kind: "own-initiative" },
      automatedDetection: true,
    });
  });

  it("never takes the item's text, author or platform ids into the statement", () => {
    const record = recordFromItemVerdict(
      ingested({}, [PDQ]),
      evaluation({ bankMatches: [{ labels: ["ncii"] }] }),
    )!;
    const statement = JSON.stringify(buildStatement(record));
    expect(statement).not.toMatch(/victimname|424242424|-1001|5678|look at her/);
  });

  it("is null for a verdict that restricts nothing, and reads broken facts as none", () => {
    expect(recordFromItemVerdict(ingested({ verdict: "review" }), null)).toBeNull();
    const record = recordFromItemVerdict(
      ingested({ media: [] }, []),
      evaluation({ bankMatches: "nonsense" }),
    );
    expect(record).toMatchObject({ reason: "other", synthetic: false, media: ["text"] });
  });

  it("says harassment for a threat found in the text, and credits a notice", () => {
    const record = recordFromItemVerdict(
      ingested({ verdict: "block" }, [{ signalType: "video", value: "v", quality: null }]),
      evaluation({ textFindings: [{ category: "threat", weight: 0.9 }] }),
      { noticeKind: "take-it-down", trustedFlagger: false },
    );
    expect(record).toMatchObject({
      action: "block",
      reason: "harassment",
      media: ["image", "video"],
      source: { kind: "notice", noticeKind: "take-it-down" },
    });
  });
});

describe("recordFromDecision", () => {
  const decision: Decision = {
    id: "0190c3a1-0000-7000-8000-00000000000d",
    caseId: "case-1",
    moderatorId: "mod-1",
    decision: "remove",
    reason: "ncii",
    note: "The person shown, Jane Doe, wrote to us",
    appealId: null,
    addedEntryIds: [],
    createdAt: "2026-06-02T12:00:00.000Z",
  };
  const report: Report = {
    id: "r1",
    caseId: "case-1",
    contentRef: "telegram:-1001:5678",
    contentHash: "b".repeat(64),
    reporter: "user:99",
    reason: "ncii",
    text: "this is me",
    createdAt: "2026-06-02T11:00:00.000Z",
  };

  it("reads a moderator's removal of reported content without the note or the reporter", () => {
    const record = recordFromDecision(decision, {
      caseCreatedAt: "2026-06-02T11:00:00.000Z",
      caseItems: [],
      items: [],
      evaluations: [],
      reports: [report],
    })!;
    expect(record).toMatchObject({
      id: "decision-0190c3a1-0000-7000-8000-00000000000d",
      decidedBy: "moderator",
      reason: "ncii",
      contentAt: "2026-06-02T11:00:00.000Z",
      media: ["image"],
      source: { kind: "report" },
      automatedDetection: false,
      facts: ["1 user report(s) about the content"],
    });
    expect(JSON.stringify(buildStatement(record))).not.toMatch(/Jane|user:99|this is me/);
  });

  it("counts a case a rule opened as automated detection", () => {
    const record = recordFromDecision(decision, {
      caseCreatedAt: "2026-06-01T10:00:00.000Z",
      caseItems: [
        {
          caseId: "case-1",
          itemId: "i",
          ruleId: "ncii-reported",
          addedAt: "2026-06-01T10:00:00.000Z",
        },
      ],
      items: [ingested({}, [PDQ])],
      evaluations: [],
      reports: [],
    });
    expect(record).toMatchObject({ automatedDetection: true, source: { kind: "own-initiative" } });
  });

  it("is null for no_violation and escalate", () => {
    const context = { caseCreatedAt: "x", caseItems: [], items: [], evaluations: [], reports: [] };
    expect(recordFromDecision({ ...decision, decision: "no_violation" }, context)).toBeNull();
    expect(recordFromDecision({ ...decision, decision: "escalate" }, context)).toBeNull();
  });
});
