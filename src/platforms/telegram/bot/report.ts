/**
 * `/report` as a reply: the replied-to message becomes a report on the case for its content —
 * grouped by the content's first hash as the pipeline groups review cases, so a report and a
 * rule's review of the same picture are one case — and the reporter hears back in private.
 * A member reporting the same content twice counts once; from `MANY_REPORTERS` members on, the
 * case's severity is raised to `MANY_REPORTERS_SEVERITY` (as the default rule `ncii-reported`
 * does for items that arrive after three reports).
 */
import type { EventSink } from "../../../engine/index.js";
import { REPORT_REASONS, type ReportReason, type Store } from "../../../store/index.js";
import type { TelegramApi } from "./api.js";
import { ingestPost, postRef, type IngestPostDeps } from "./ingest-post.js";
import { languageOfUser, type ChatLanguages } from "./language.js";
import { notice } from "./notices.js";
import type { TelegramReport } from "./update.js";

export const MANY_REPORTERS = 3;
export const MANY_REPORTERS_SEVERITY = 4;

const HEX_HASH = /^(?:[0-9a-f]{32}|[0-9a-f]{64})$/;

export interface ReportDeps extends IngestPostDeps {
  readonly store: Store;
  readonly events: EventSink;
  readonly telegram: TelegramApi;
  readonly languages: ChatLanguages;
  readonly clock?: () => Date;
}

export interface ReportOutcome {
  readonly caseId: string;
  /** False when this member had already reported the content. */
  readonly counted: boolean;
  readonly caseCreated: boolean;
}

export async function fileReport(report: TelegramReport, deps: ReportDeps): Promise<ReportOutcome> {
  const { store } = deps;
  const item = await ingestPost(report.target, deps);
  const record = await store.items.get(item.id);
  const first = record?.signals[0]?.value.toLowerCase();
  const contentHash = first !== undefined && HEX_HASH.test(first) ? first : null;
  const contentRef = postRef(report.chat.id, report.target.messageId);
  const reporter = `telegram:${report.reporterId}`;
  const open = await store.cases.findOpen(contentHash ?? contentRef);
  if (open && (await hasReported(store, open.id, reporter))) {
    await removeCommand(report, deps);
    return { caseId: open.id, counted: false, caseCreated: false };
  }
  const reason = reportReason(report.argument);
  const result = await store.reports.create({ contentRef, contentHash, reporter, reason });
  await store.audit.append({
    actor: reporter,
    action: result.caseCreated ? "case.open" : "case.join",
    subjectType: "case",
    subjectId: result.case.id,
    details: { reportId: result.report.id, reason, source: "telegram" },
  });
  if (result.case.reportCount >= MANY_REPORTERS) {
    await store.cases.openForItem({
      groupKey: result.case.groupKey,
      itemId: item.id,
      severity: MANY_REPORTERS_SEVERITY,
      ruleId: "telegram-many-reporters",
    });
  }
  if (result.caseCreated) {
    await deps.events.emit({
      id: `case-opened:${result.case.id}`,
      type: "case.opened",
      at: (deps.clock ?? (() => new Date()))().toISOString(),
      data: { caseId: result.case.id, severity: result.case.severity, reason, itemId: item.id },
    });
  }
  await thank(report, deps);
  await removeCommand(report, deps);
  return { caseId: result.case.id, counted: true, caseCreated: result.caseCreated };
}

/** `/report deepfake`, `/report 미성년` …; a bare `/report` is taken as intimate imagery. */
export function reportReason(argument: string): ReportReason {
  const word = argument.toLowerCase().split(/\s+/)[0] ?? "";
  if ((REPORT_REASONS as readonly string[]).includes(word)) return word as ReportReason;
  if (word.startsWith("딥페이크") || word.startsWith("합성")) return "deepfake";
  if (word.startsWith("미성년") || word.startsWith("아동")) return "minor";
  if (word.startsWith("기타")) return "other";
  return "ncii";
}

async function hasReported(store: Store, caseId: string, reporter: string): Promise<boolean> {
  const reports = await store.reports.listByCase(caseId, { limit: 500 });
  return reports.items.some((existing) => existing.reporter === reporter);
}

/**
 * A private thank-you, when the member has started a chat with the bot (otherwise Telegram
 * refuses and nothing is said), and the `/report` command taken out of the group so the
 * reporter is not pointed at. Both are courtesies: a failure changes nothing about the report.
 */
async function thank(report: TelegramReport, deps: ReportDeps): Promise<void> {
  const language = languageOfUser(report.languageCode, deps.languages.of(report.chat.id));
  await deps.telegram.api
    .sendMessage(report.reporterId, notice("reportThanks", language))
    .catch(() => undefined);
}

async function removeCommand(report: TelegramReport, deps: ReportDeps): Promise<void> {
  await deps.telegram.api.deleteMessage(report.chat.id, report.messageId).catch(() => undefined);
}
