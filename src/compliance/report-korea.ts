/**
 * The figures of Korea's annual transparency report on illegal filmed material (Act on
 * Promotion of Information and Communications Network Utilization art. 64-5(1), due to the
 * regulator by 31 January for the year before): reports and deletion requests received under
 * Telecommunications Business Act art. 22-5(1), by who sent them, and what became of them; how
 * long handling took; and the technical measure of comparing uploads before they are posted
 * (TBA art. 22-5(2)) with what it stopped. The report's other items — general efforts, the
 * procedures, the person responsible, training — are the operator's words, carried as given.
 *
 * No official machine-readable template is published; the structure follows the items of art.
 * 64-5(1) (docs/COMPLIANCE.md).
 */
import {
  inPeriod,
  type NoticeFact,
  type ReportInput,
  type UserReportFact,
} from "./report-input.js";
import { hoursBetween, median, round2 } from "./time.js";

export interface KoreaReportText {
  readonly generalEfforts?: string;
  readonly procedures?: string;
  readonly responsibleOfficer?: string;
  readonly training?: string;
}

export interface KoreaReport {
  readonly law: string;
  readonly period: { readonly from: string; readonly to: string };
  readonly received: {
    readonly total: number;
    /** Deletion requests from the person shown or someone acting for them. */
    readonly fromVictimsOrRepresentatives: number;
    /** From institutions and organisations: the KCSC, other regulators, the police. */
    readonly fromInstitutions: number;
    /** Of those, the KCSC's requests. */
    readonly fromKcsc: number;
    readonly userReports: number;
  };
  readonly handled: {
    readonly removedOrBlocked: number;
    readonly notActioned: number;
    readonly pending: number;
  };
  readonly timeToHandle: {
    readonly medianHours: number | null;
    readonly meanHours: number | null;
    readonly within24h: number;
    readonly within72h: number;
    readonly over72h: number;
  };
  readonly prePosting: {
    readonly compared: number;
    readonly matched: number;
    readonly blocked: number;
  } | null;
  readonly text: KoreaReportText;
}

export function koreaReport(input: ReportInput, text: KoreaReportText = {}): KoreaReport {
  const requests = input.notices.filter(
    (n) => n.jurisdiction === "KR" && inPeriod(n.receivedAt, input.period),
  );
  const reports = (input.userReports ?? []).filter((r) => inPeriod(r.receivedAt, input.period));
  const all: readonly (NoticeFact | UserReportFact)[] = [...requests, ...reports];
  const hours = all
    .filter((r) => r.actedAt !== null)
    .map((r) => hoursBetween(r.receivedAt, r.actedAt!));
  const institutional = requests.filter(
    (n) => n.submitterRole === "regulator" || n.submitterRole === "police",
  );
  return {
    law: "정보통신망 이용촉진 및 정보보호 등에 관한 법률 제64조의5; 전기통신사업법 제22조의5",
    period: input.period,
    received: {
      total: all.length,
      fromVictimsOrRepresentatives: requests.length - institutional.length,
      fromInstitutions: institutional.length,
      fromKcsc: requests.filter((n) => n.kind === "kcsc").length,
      userReports: reports.length,
    },
    handled: {
      removedOrBlocked: all.filter((r) => r.outcome === "removed").length,
      notActioned: all.filter((r) => r.outcome === "no-action").length,
      pending: all.filter((r) => r.outcome === "pending").length,
    },
    timeToHandle: {
      medianHours: round(median(hours)),
      meanHours:
        hours.length === 0 ? null : round2(hours.reduce((a, b) => a + b, 0) / hours.length),
      within24h: hours.filter((h) => h <= 24).length,
      within72h: hours.filter((h) => h > 24 && h <= 72).length,
      over72h: hours.filter((h) => h > 72).length,
    },
    prePosting: input.prePosting ?? null,
    text,
  };
}

function round(value: number | null): number | null {
  return value === null ? null : round2(value);
}
