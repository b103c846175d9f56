/**
 * buildEvidenceManifest: what was gathered about a case in, the manifest out — pure, so the
 * same records always give the same package contents. What people wrote (notes, appeal and report
 * texts, captions) and what identifies the people who asked for help (a notice's signature,
 * contact and statement; reporters; appellants) stay out unless the operator includes them.
 */
import type {
  Appeal,
  AuditEvent,
  CaseItem,
  Decision,
  EvaluationRecord,
  IngestedRecord,
  Report,
  ReviewCase,
} from "../store/index.js";
import type { JsonValue } from "../core/index.js";
import { createHash } from "node:crypto";
import { redactNotice } from "./notice.js";
import type { AuditHead, StoredNotice } from "./ports.js";
import {
  EVIDENCE_FORMAT,
  type EvidenceItem,
  type EvidenceManifest,
  type EvidenceNotice,
} from "./evidence-types.js";

export interface EvidenceInput {
  readonly case: ReviewCase;
  readonly caseItems: readonly CaseItem[];
  readonly items: readonly IngestedRecord[];
  readonly evaluations: readonly EvaluationRecord[];
  readonly decisions: readonly Decision[];
  readonly appeals: readonly Appeal[];
  readonly reports: readonly Report[];
  readonly notices: readonly StoredNotice[];
  readonly audit: {
    readonly relevantIds: readonly number[];
    readonly segments: readonly (readonly AuditEvent[])[];
    readonly head: AuditHead | null;
    readonly reachesHead: boolean;
  };
  readonly media?: readonly {
    readonly itemId: string;
    readonly mimeType: string | null;
    readonly bytes: Uint8Array;
  }[];
}

export interface EvidenceOptions {
  readonly generatedAt: Date;
  /** e.g. `vigil 0.1.0`. */
  readonly generator: string;
  /** Free text people wrote: notes, appeal and report texts, item text. */
  readonly includeText?: boolean;
  /** Who asked: a notice's signature, contact and statement; reporters; appellants. */
  readonly includePersonal?: boolean;
}

export function buildEvidenceManifest(
  input: EvidenceInput,
  options: EvidenceOptions,
): EvidenceManifest {
  const text = options.includeText === true;
  const personal = options.includePersonal === true;
  const c = input.case;
  return {
    format: EVIDENCE_FORMAT,
    generatedAt: options.generatedAt.toISOString(),
    generator: options.generator,
    case: {
      id: c.id,
      groupKey: c.groupKey,
      status: c.status,
      severity: c.severity,
      reportCount: c.reportCount,
      itemCount: c.itemCount,
      lastDecision: c.lastDecision,
      createdAt: c.createdAt,
      closedAt: c.closedAt,
    },
    items: input.items.map((r) => item(r, text)),
    matches: input.items.flatMap((r) =>
      r.matches.map((m) => ({
        itemId: r.item.id,
        bankId: m.bankId,
        entryId: m.entryId,
        signalType: m.signalType,
        distance: m.distance,
      })),
    ),
    evaluations: input.evaluations.map((e) => ({
      itemId: e.itemId,
      at: e.at,
      policyVersion: e.policyVersion,
      verdict: e.verdict,
      fired: firedRules(e.fired),
    })),
    decisions: input.decisions.map((d) => ({
      id: d.id,
      decision: d.decision,
      reason: d.reason,
      moderatorId: d.moderatorId,
      appealId: d.appealId,
      addedEntryIds: [...d.addedEntryIds],
      createdAt: d.createdAt,
      ...(text ? { note: d.note } : {}),
    })),
    appeals: input.appeals.map((a) => ({
      id: a.id,
      status: a.status,
      outcome: a.outcome,
      decidedBy: a.decidedBy,
      createdAt: a.createdAt,
      decidedAt: a.decidedAt,
      ...(personal ? { appellant: a.appellant } : {}),
      ...(text ? { text: a.text } : {}),
    })),
    reports: input.reports.map((r) => ({
      id: r.id,
      reason: r.reason,
      contentRef: r.contentRef,
      contentHash: r.contentHash,
      createdAt: r.createdAt,
      ...(personal ? { reporter: r.reporter } : {}),
      ...(text ? { text: r.text } : {}),
    })),
    notices: input.notices.map((n) => notice(n, personal)),
    audit: {
      relevantIds: [...input.audit.relevantIds],
      segments: input.audit.segments.map((events) => ({ events: [...events] })),
      head: input.audit.head,
      reachesHead: input.audit.reachesHead,
    },
    media: (input.media ?? []).map((m) => ({
      itemId: m.itemId,
      mimeType: m.mimeType,
      sha256: createHash("sha256").update(m.bytes).digest("hex"),
      base64: Buffer.from(m.bytes).toString("base64"),
    })),
    redactions: [
      ...(text ? [] : ["moderators' notes", "appeal texts", "report texts", "item text"]),
      ...(personal
        ? []
        : [
            "notice senders' signatures, contact details and statements",
            "reporters",
            "appellants",
          ]),
      ...((input.media ?? []).length > 0 ? [] : ["media (hashes only)"]),
    ],
  };
}

function item(record: IngestedRecord, text: boolean): EvidenceItem {
  const i = record.item;
  return {
    id: i.id,
    source: i.source,
    platform: i.platform,
    channelId: i.channelId,
    externalId: i.externalId,
    authorId: i.authorId,
    postedAt: i.postedAt,
    createdAt: i.createdAt,
    verdict: i.verdict,
    reasons: [...i.reasons],
    hashes: record.signals.map((s) => ({ type: s.signalType, value: s.value, quality: s.quality })),
    ...(text && i.text !== null ? { text: i.text } : {}),
  };
}

function notice(n: StoredNotice, personal: boolean): EvidenceNotice {
  const redacted = { id: n.id, ...redactNotice(n) };
  if (!personal) return redacted;
  return {
    ...redacted,
    statement: n.statement,
    signature: n.signature,
    contact: n.contact,
    goodFaith: n.goodFaith,
  };
}

/** FiredRule[] as stored JSON; what does not read is left out. */
function firedRules(
  value: JsonValue,
): { ruleId: string; version: number | null; explanation: string }[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((entry: JsonValue) => {
    if (entry === null || typeof entry !== "object" || Array.isArray(entry)) return [];
    const f = entry as Readonly<Record<string, JsonValue>>;
    if (typeof f.ruleId !== "string" || typeof f.explanation !== "string") return [];
    return [
      {
        ruleId: f.ruleId,
        version: typeof f.version === "number" ? f.version : null,
        explanation: f.explanation,
      },
    ];
  });
}
