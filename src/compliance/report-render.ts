/**
 * Reports as files: JSON for machines and archives, CSV (RFC 4180) for people and regulators.
 * The DSA report's CSV files are report-csv-dsa.ts's.
 */
import { toCsv, type Cell } from "./csv.js";
import type { DsaReport } from "./report-dsa.js";
import type { KoreaReport } from "./report-korea.js";
import type { TakeItDownLog } from "./report-take-it-down.js";

export interface CsvFile {
  readonly name: string;
  readonly csv: string;
}

export function reportJson(report: DsaReport | KoreaReport | TakeItDownLog): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

/** One JSON value per line, for bulk reads (`format=ndjson`). */
export function toNdjson(values: readonly unknown[]): string {
  return values.map((value) => `${JSON.stringify(value)}\n`).join("");
}

/** One row per figure: section, indicator, value — the items of Network Act art. 64-5(1). */
export function koreaReportCsv(report: KoreaReport): string {
  const r = report.received;
  const h = report.handled;
  const t = report.timeToHandle;
  const p = report.prePosting;
  const rows: [string, string, Cell][] = [
    ["received", "total", r.total],
    ["received", "from victims or representatives", r.fromVictimsOrRepresentatives],
    ["received", "from institutions and organisations", r.fromInstitutions],
    ["received", "of which from the KCSC", r.fromKcsc],
    ["received", "user reports", r.userReports],
    ["handled", "removed or blocked", h.removedOrBlocked],
    ["handled", "not actioned", h.notActioned],
    ["handled", "pending", h.pending],
    ["time to handle", "median hours", t.medianHours],
    ["time to handle", "mean hours", t.meanHours],
    ["time to handle", "within 24 hours", t.within24h],
    ["time to handle", "within 24 to 72 hours", t.within72h],
    ["time to handle", "over 72 hours", t.over72h],
    ["pre-posting comparison", "uploads compared", p?.compared ?? null],
    ["pre-posting comparison", "matched", p?.matched ?? null],
    ["pre-posting comparison", "blocked", p?.blocked ?? null],
    ["text", "general efforts", report.text.generalEfforts ?? null],
    ["text", "procedures", report.text.procedures ?? null],
    ["text", "responsible officer", report.text.responsibleOfficer ?? null],
    ["text", "training", report.text.training ?? null],
  ];
  return toCsv(["section", "indicator", "value"], rows);
}

export function takeItDownCsv(log: TakeItDownLog): string {
  return toCsv(
    [
      "notice_id",
      "received_at",
      "status",
      "deadline_at",
      "deadline_basis",
      "removed_at",
      "hours_to_removal",
      "met_deadline",
      "copies_removed",
    ],
    log.entries.map((e) => [
      e.noticeId,
      e.receivedAt,
      e.status,
      e.deadlineAt,
      e.deadlineBasis,
      e.removedAt,
      e.hoursToRemoval,
      e.metDeadline,
      e.copiesRemoved,
    ]),
  );
}
