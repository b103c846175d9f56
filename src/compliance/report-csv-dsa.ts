/**
 * The DSA report as files: one CSV per section of the harmonised template, named and ordered as
 * the template's sections, with the template's column names for the columns Vigil fills (the
 * operator adds the "Applicability" and "Contextual information" columns and the rows for
 * categories Vigil never assigns).
 */
import { toCsv, type Cell } from "./csv.js";
import type { DsaReport, NoticeRow, OwnInitiativeRow } from "./report-dsa.js";
import type { CsvFile } from "./report-render.js";

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
