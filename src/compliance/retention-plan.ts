/**
 * The daily purge, planned: which of the candidate records the store listed may go today, by
 * the retention settings. Pure — the store lists candidates (old enough by date, a page at a
 * time) and deletes what the plan names, in one transaction per kind, then appends the plan's
 * audit event (counts only) so the chain records that a purge happened.
 *
 * What keeps a record: an open case, an open notice or appeal, a legal hold; an item or notice
 * whose case stays; a statement not yet in the Transparency Database. Audit events are never
 * in a plan: their own rule is `planAuditAnchor`.
 */
import type { NewAuditEvent } from "../store/index.js";
import type { RetentionKind, RetentionSettings } from "./retention.js";

export interface RetentionCandidates {
  readonly scans: readonly { readonly id: string; readonly createdAt: string }[];
  readonly items: readonly {
    readonly id: string;
    readonly createdAt: string;
    readonly caseIds: readonly string[];
  }[];
  readonly cases: readonly {
    readonly id: string;
    readonly status: "open" | "closed";
    readonly closedAt: string | null;
    readonly openNotice: boolean;
    readonly openAppeal: boolean;
    readonly legalHold: boolean;
  }[];
  readonly notices: readonly {
    readonly id: string;
    readonly caseId: string | null;
    /** When it was acted on (or closed); null while open. */
    readonly settledAt: string | null;
  }[];
  readonly statements: readonly {
    readonly puid: string;
    readonly createdAt: string;
    readonly sent: boolean;
  }[];
  readonly evidence: readonly {
    readonly id: string;
    readonly createdAt: string;
    readonly legalHold: boolean;
  }[];
}

export interface PurgePlan {
  readonly cutoffs: Readonly<Record<RetentionKind, string | null>>;
  readonly scans: readonly string[];
  readonly items: readonly string[];
  readonly cases: readonly string[];
  readonly notices: readonly string[];
  readonly statements: readonly string[];
  readonly evidence: readonly string[];
  /** To append once the deletions are done: what went, in counts. */
  readonly auditEvent: NewAuditEvent;
}

/** The instant before which each kind may go; null for kinds kept forever. */
export function retentionCutoffs(
  settings: RetentionSettings,
  now: Date,
): Record<RetentionKind, string | null> {
  const cutoff = (days: number | null) =>
    days === null ? null : new Date(now.getTime() - days * 86_400_000).toISOString();
  return {
    scans: cutoff(settings.days.scans),
    items: cutoff(settings.days.items),
    cases: cutoff(settings.days.cases),
    notices: cutoff(settings.days.notices),
    statements: cutoff(settings.days.statements),
    evidence: cutoff(settings.days.evidence),
  };
}

export function planPurge(
  candidates: RetentionCandidates,
  settings: RetentionSettings,
  now: Date,
): PurgePlan {
  const cutoffs = retentionCutoffs(settings, now);
  const before = (atTime: string | null, kind: RetentionKind) =>
    atTime !== null && cutoffs[kind] !== null && Date.parse(atTime) < Date.parse(cutoffs[kind]!);
  const cases = candidates.cases
    .filter(
      (c) =>
        c.status === "closed" &&
        before(c.closedAt, "cases") &&
        !c.openNotice &&
        !c.openAppeal &&
        !c.legalHold,
    )
    .map((c) => c.id);
  const gone = new Set(cases);
  const plan = {
    cutoffs,
    scans: candidates.scans.filter((s) => before(s.createdAt, "scans")).map((s) => s.id),
    // An item goes only when every case it is linked to goes with it.
    items: candidates.items
      .filter((i) => before(i.createdAt, "items") && i.caseIds.every((id) => gone.has(id)))
      .map((i) => i.id),
    cases,
    notices: candidates.notices
      .filter(
        (n) =>
          n.settledAt !== null &&
          (n.caseId === null ? before(n.settledAt, "notices") : gone.has(n.caseId)),
      )
      .map((n) => n.id),
    statements: candidates.statements
      .filter((s) => s.sent && before(s.createdAt, "statements"))
      .map((s) => s.puid),
    evidence: candidates.evidence
      .filter((e) => !e.legalHold && before(e.createdAt, "evidence"))
      .map((e) => e.id),
  };
  return {
    ...plan,
    auditEvent: {
      actor: "system",
      action: "retention.purge",
      subjectType: null,
      subjectId: null,
      details: {
        scans: plan.scans.length,
        items: plan.items.length,
        cases: plan.cases.length,
        notices: plan.notices.length,
        statements: plan.statements.length,
        evidence: plan.evidence.length,
        cutoffs,
      },
    },
  };
}

/**
 * With audit anchoring on: the last event id that may be folded into an anchor — older than
 * the anchoring age, and before the first event any kept record still relies on. Null when
 * nothing may go (anchoring off, or nothing old enough).
 */
export function planAuditAnchor(
  settings: RetentionSettings,
  chain: {
    /** The last event older than the anchoring age; null when none is. */
    readonly lastIdBeforeCutoff: number | null;
    /** The first event about a case, item, notice or entry that is kept; null when none. */
    readonly firstNeededId: number | null;
    /** The current anchor's last id, if there is one. */
    readonly anchoredThroughId: number | null;
  },
): number | null {
  if (settings.audit.mode !== "anchor" || chain.lastIdBeforeCutoff === null) return null;
  const through = Math.min(chain.lastIdBeforeCutoff, (chain.firstNeededId ?? Infinity) - 1);
  return through > (chain.anchoredThroughId ?? 0) ? through : null;
}
