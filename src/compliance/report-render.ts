/**
 * Reports as files: JSON for machines and archives, CSV for the templates. The DSA report is one
 * CSV per template section, named and ordered as the harmonised template's sections, with the
 * template's column names for the columns Vigil fills (the operator adds the "Applicability" and
 * "Contextual information" columns and the rows for categories Vigil never assigns).
 */
import { toCsv, type Cell } from "./csv.js";
import type { DsaReport, NoticeRow, OwnInitiativeRow } from "./report-dsa.js";
import type { KoreaReport } from "./report-korea.js";
import type { TakeItDownLog } from "./report-take-it-down.js";

export interface CsvFile {
  readonly name: string;
  readonly csv: string;
}

export function reportJson(report: DsaReport | KoreaReport | TakeItDownLog): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

const TF = "(Trusted Flagger notices)";

export function dsaReportCsv(report: DsaReport): CsvFile[] {
  const id = report.identification;
  const service = id.service;
  const period = `${id.periodStart}/${id.periodEnd}`;
  const long = (section: string, rows: readonly [string, string, number | null][]) =>
    rows.map(([indicator, scope, value]): Cell[] => [
      service,
      period,
      section,
      indicator,
      scope,
      value,
    ]);
  const complaintRows = (indicator: string): [string, string, number | null][] => [
    [indicator, "Total number", report.complaints.total],
    [indicator, "Decisions upheld", report.complaints.upheld],
    [indicator, "Decisions partially reversed", report.complaints.partiallyReversed],
    [indicator, "Decisions reversed", report.complaints.reversed],
    [indicator, "Median time", report.complaints.medianHours],
  ];
  const m = report.automatedMeans;
  return [
    {
      name: "1_report_identification.csv",
      csv: toCsv(
        ["Service", "Indicator", "Value"],
        [
          [service, "Name of the service provider", id.provider],
          [service, "Date of the publication of the report", id.publishedAt],
          [
            service,
            "Date of the publication of the latest previous report",
            id.previousPublishedAt,
          ],
          [service, "Starting date of reporting period", id.periodStart],
          [service, "Ending date of reporting period", id.periodEnd],
        ],
      ),
    },
    {
      name: "4_notices.csv",
      csv: toCsv(
        [
          "Service",
          "Reporting period",
          "Category of illegal content",
          "Number of notices received",
          "Number of notices received from Trusted flaggers",
          "Number of specific items of information included in the total number of notices",
          `Number of specific items of information included in the total number of notices by Trusted Flaggers ${TF}`,
          "Median time to take action",
          `Median time to take action ${TF}`,
          "Number of actions taken on the basis of the law",
          `Number of actions taken on the basis of the law ${TF}`,
          "Number of actions taken on the basis of the terms and conditions of the service",
          `Number of actions taken on the basis of the terms and conditions of the service ${TF}`,
        ],
        report.notices.map((r: NoticeRow) => [
          service,
          period,
          r.category,
          r.received,
          r.receivedFromTrustedFlaggers,
          r.itemsOfInformation,
          r.itemsOfInformationFromTrustedFlaggers,
          r.medianHoursToAction,
          r.medianHoursToActionTrustedFlaggers,
          r.actionsOnLaw,
          r.actionsOnLawTrustedFlaggers,
          r.actionsOnTerms,
          r.actionsOnTermsTrustedFlaggers,
        ]),
      ),
    },
    ownInitiativeCsv(
      "5_own_initiative_illegal.csv",
      "Category of illegal content",
      report.ownInitiativeIllegal,
      service,
      period,
    ),
    ownInitiativeCsv(
      "6_own_initiative_TC.csv",
      "Category of incompatibility with the provider's terms and conditions",
      report.ownInitiativeTerms,
      service,
      period,
    ),
    {
      name: "7_appeals_and_recidivism.csv",
      csv: toCsv(
        ["Service", "Reporting period", "Section", "Indicator", "Scope", "Value"],
        long("Internal complaints mechanism", [
          ...complaintRows("Number of complaints submitted to the internal-complaints mechanism"),
          ...complaintRows(
            "Complaint regarding a decision to remove or disable access to or restrict visibility of information",
          ),
        ]),
      ),
    },
    {
      name: "8_automated_means.csv",
      csv: toCsv(
        ["Service", "Reporting period", "Section", "Indicator", "Scope", "Value"],
        long("Use of automated means for content moderation", [
          [
            "Number of measures solely taken by automated means",
            "Total number",
            m.measuresSolelyAutomated,
          ],
          [
            "Number of measures not taken by automated means",
            "Total number",
            m.measuresNotAutomated,
          ],
          [
            "Number of notices solely processed by automated means",
            "NAM Total",
            m.noticesSolelyAutomated,
          ],
          [
            "Number of notices not processed by automated means",
            "NAM Total",
            m.noticesNotAutomated,
          ],
        ]),
      ),
    },
  ];
}

function ownInitiativeCsv(
  name: string,
  categoryColumn: string,
  rows: readonly OwnInitiativeRow[],
  service: string,
  period: string,
): CsvFile {
  return {
    name,
    csv: toCsv(
      [
        "Service",
        "Reporting period",
        categoryColumn,
        "Number of measures taken at the provider's own initiative",
        "Number of measures taken after detection with solely automated means",
        "Visibility restriction Removal",
        "Visibility restriction Disable",
        "Account restriction Suspension",
        "Account restriction Termination",
      ],
      rows.map((r) => [
        service,
        period,
        r.category,
        r.measures,
        r.detectedSolelyByAutomatedMeans,
        r.visibilityRemoval,
        r.visibilityDisable,
        r.accountSuspension,
        r.accountTermination,
      ]),
    ),
  };
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
