/**
 * collectEvidence: gathers what an evidence package holds about one case through the
 * ComplianceRecords port — the case, its items with their hashes, matches and evaluations, the
 * decisions, appeals, reports and notices, and the audit events about all of them with the
 * chain around them.
 *
 * The chain is linear, so an event is proven in place only by every event from it to a trusted
 * hash. The package carries one run from the first relevant event to the chain head when that
 * is at most `maxSegmentEvents` long (the head can then be compared with a published one);
 * otherwise runs that cover the relevant events, each verified on its own. Events in those runs
 * about other subjects are included as they are: audit details hold ids, never content.
 */
import type { AuditEvent, EvaluationRecord, IngestedRecord } from "../store/index.js";
import type { EvidenceInput } from "./evidence-manifest.js";
import type { AuditSubject, ComplianceRecords } from "./ports.js";

export interface CollectOptions {
  /** Longest run of audit events carried (default 10,000). */
  readonly maxSegmentEvents?: number;
}

export async function collectEvidence(
  records: ComplianceRecords,
  caseId: string,
  options: CollectOptions = {},
): Promise<EvidenceInput | null> {
  const found = await records.getCase(caseId);
  if (found === null) return null;
  const caseItems = await records.caseItems(caseId);
  const items = (await Promise.all(caseItems.map((link) => records.getItem(link.itemId)))).filter(
    (r): r is IngestedRecord => r !== null,
  );
  const evaluations = (await Promise.all(items.map((r) => records.evaluation(r.item.id)))).filter(
    (e): e is EvaluationRecord => e !== null,
  );
  const [decisions, appeals, reports, notices] = await Promise.all([
    records.decisions(caseId),
    records.appeals(caseId),
    records.reports(caseId),
    records.notices(caseId),
  ]);
  const subjects: AuditSubject[] = [
    { type: "case", id: caseId },
    ...items.map((r) => ({ type: "item", id: r.item.id })),
    ...notices.map((n) => ({ type: "notice", id: n.id })),
    ...decisions.flatMap((d) =>
      d.addedEntryIds.map((entry) => ({ type: "entry", id: String(entry) })),
    ),
  ];
  const audit = await auditProof(records, subjects, options.maxSegmentEvents ?? 10_000);
  return {
    case: found,
    caseItems,
    items,
    evaluations,
    decisions,
    appeals,
    reports,
    notices,
    audit,
  };
}

async function auditProof(
  records: ComplianceRecords,
  subjects: readonly AuditSubject[],
  max: number,
): Promise<EvidenceInput["audit"]> {
  const relevantIds = [
    ...new Set((await records.auditEventsAbout(subjects)).map((e) => e.id)),
  ].sort((a, b) => a - b);
  const head = await records.auditHead();
  if (relevantIds.length === 0 || head === null)
    return { relevantIds, segments: [], head, reachesHead: false };
  const first = relevantIds[0]!;
  if (head.id - first + 1 <= max) {
    const events = await records.auditRange(first, head.id, max);
    return { relevantIds, segments: [events], head, reachesHead: events.at(-1)?.id === head.id };
  }
  const segments: AuditEvent[][] = [];
  for (const [from, to] of spans(relevantIds, max))
    segments.push([...(await records.auditRange(from, to, max))]);
  return { relevantIds, segments, head, reachesHead: false };
}

/** Relevant ids grouped into id spans of at most `max`, in order. */
function spans(ids: readonly number[], max: number): [number, number][] {
  const out: [number, number][] = [];
  for (const id of ids) {
    const last = out.at(-1);
    if (last && id - last[0] + 1 <= max) last[1] = id;
    else out.push([id, id]);
  }
  return out;
}
