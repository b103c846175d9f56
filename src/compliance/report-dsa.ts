/**
 * The figures of the EU transparency report template (Implementing Regulation (EU) 2024/2835,
 * Annex I, quantitative template) that Vigil has: notices under DSA art. 16 (section 4), measures
 * taken on the provider's own initiative (sections 5 and 6), internal complaints (section 7) and
 * the use of automated means (section 8); section 1 identifies the report. Times are in hours.
 *
 * Counting rules: a notice counts in the period it was received, a measure in the period it was
 * decided, a complaint in the period it was filed (its outcome once decided). The Commission's
 * CSV/XLSX template files are not shipped with Vigil; the rows and columns follow the template as
 * published providers fill it (docs/COMPLIANCE.md says which rows are left to the operator).
 */
import type { Appeal } from "../store/index.js";
import { classify, classifyNotice, inRow, REPORT_ROWS, type Classification } from "./categories.js";
import type { DecisionRecord } from "./decision-record.js";
import { inPeriod, type NoticeFact, type ReportInput, type ReportPeriod } from "./report-input.js";
import { DEFAULT_STATEMENT_SETTINGS, type StatementSettings } from "./sor-settings.js";
import { hoursBetween, median, round2 } from "./time.js";

export interface DsaReportOptions {
  readonly provider: string;
  readonly service: string;
  /** YYYY-MM-DD. */
  readonly publishedAt: string;
  readonly previousPublishedAt?: string | null;
  readonly settings?: StatementSettings;
}

export interface NoticeRow {
  readonly category: string;
  readonly received: number;
  readonly receivedFromTrustedFlaggers: number;
  readonly itemsOfInformation: number;
  readonly itemsOfInformationFromTrustedFlaggers: number;
  readonly medianHoursToAction: number | null;
  readonly medianHoursToActionTrustedFlaggers: number | null;
  readonly actionsOnLaw: number;
  readonly actionsOnLawTrustedFlaggers: number;
  readonly actionsOnTerms: number;
  readonly actionsOnTermsTrustedFlaggers: number;
}

export interface OwnInitiativeRow {
  readonly category: string;
  readonly measures: number;
  readonly detectedSolelyByAutomatedMeans: number;
  readonly visibilityRemoval: number;
  readonly visibilityDisable: number;
  readonly accountSuspension: number;
  readonly accountTermination: number;
}

export interface ComplaintFigures {
  readonly total: number;
  readonly upheld: number;
  readonly partiallyReversed: number;
  readonly reversed: number;
  readonly medianHours: number | null;
}

export interface DsaReport {
  readonly template: "Implementing Regulation (EU) 2024/2835, Annex I, quantitative template";
  readonly identification: {
    readonly provider: string;
    readonly service: string;
    readonly publishedAt: string;
    readonly previousPublishedAt: string | null;
    readonly periodStart: string;
    readonly periodEnd: string;
  };
  readonly notices: readonly NoticeRow[];
  readonly ownInitiativeIllegal: readonly OwnInitiativeRow[];
  readonly ownInitiativeTerms: readonly OwnInitiativeRow[];
  /** Complaints about decisions to remove or disable access: every appeal Vigil takes is one. */
  readonly complaints: ComplaintFigures;
  readonly automatedMeans: {
    readonly measuresSolelyAutomated: number;
    readonly measuresNotAutomated: number;
    readonly noticesSolelyAutomated: number;
    readonly noticesNotAutomated: number;
  };
}

export function dsaReport(input: ReportInput, options: DsaReportOptions): DsaReport {
  const settings = options.settings ?? DEFAULT_STATEMENT_SETTINGS;
  const notices = input.notices.filter(
    (n) => n.kind === "dsa" && inPeriod(n.receivedAt, input.period),
  );
  const decisions = input.decisions.filter((d) => inPeriod(d.decidedAt, input.period));
  const own = decisions.filter((d) => d.source.kind === "own-initiative");
  const illegal = (d: DecisionRecord) => settings.ground === "illegal" && d.reason !== "other";
  return {
    template: "Implementing Regulation (EU) 2024/2835, Annex I, quantitative template",
    identification: {
      provider: options.provider,
      service: options.service,
      publishedAt: options.publishedAt,
      previousPublishedAt: options.previousPublishedAt ?? null,
      ...periodDates(input.period),
    },
    notices: rows(notices, (n) => classifyNotice(n.reason), noticeRow),
    ownInitiativeIllegal: rows(own.filter(illegal), classifyDecision, (c, d) =>
      ownRow(c, d, settings),
    ),
    ownInitiativeTerms: rows(
      own.filter((d) => !illegal(d)),
      classifyDecision,
      (c, d) => ownRow(c, d, settings),
    ),
    complaints: complaints(input.appeals.filter((a) => inPeriod(a.createdAt, input.period))),
    automatedMeans: {
      measuresSolelyAutomated: decisions.filter((d) => d.decidedBy === "automation").length,
      measuresNotAutomated: decisions.filter((d) => d.decidedBy !== "automation").length,
      noticesSolelyAutomated: notices.filter((n) => n.automated).length,
      noticesNotAutomated: notices.filter((n) => !n.automated).length,
    },
  };
}

/** `YYYY-MM-DD` of the first and last day: `to` is exclusive. */
export function periodDates(period: ReportPeriod): { periodStart: string; periodEnd: string } {
  return {
    periodStart: new Date(period.from).toISOString().slice(0, 10),
    periodEnd: new Date(Date.parse(period.to) - 1).toISOString().slice(0, 10),
  };
}

function classifyDecision(d: DecisionRecord): Classification {
  return classify(d.reason, d.synthetic);
}

/** A TOTAL row, then one per category and keyword Vigil assigns. */
function rows<T, R>(
  facts: readonly T[],
  classifyFact: (fact: T) => Classification,
  make: (category: string, facts: readonly T[]) => R,
): R[] {
  const classified = facts.map((fact) => ({ fact, c: classifyFact(fact) }));
  return [
    make("TOTAL", facts),
    ...REPORT_ROWS.map((row) =>
      make(
        row.key,
        classified.filter(({ c }) => inRow(c, row)).map(({ fact }) => fact),
      ),
    ),
  ];
}

function noticeRow(category: string, notices: readonly NoticeFact[]): NoticeRow {
  const flagged = notices.filter((n) => n.trustedFlagger);
  const hours = (list: readonly NoticeFact[]) =>
    nullableRound(
      median(
        list.filter((n) => n.actedAt !== null).map((n) => hoursBetween(n.receivedAt, n.actedAt!)),
      ),
    );
  const on = (list: readonly NoticeFact[], basis: "law" | "terms") =>
    list.filter((n) => n.outcome === "removed" && n.actionBasis === basis).length;
  const items = (list: readonly NoticeFact[]) => list.reduce((sum, n) => sum + n.itemsNamed, 0);
  return {
    category,
    received: notices.length,
    receivedFromTrustedFlaggers: flagged.length,
    itemsOfInformation: items(notices),
    itemsOfInformationFromTrustedFlaggers: items(flagged),
    medianHoursToAction: hours(notices),
    medianHoursToActionTrustedFlaggers: hours(flagged),
    actionsOnLaw: on(notices, "law"),
    actionsOnLawTrustedFlaggers: on(flagged, "law"),
    actionsOnTerms: on(notices, "terms"),
    actionsOnTermsTrustedFlaggers: on(flagged, "terms"),
  };
}

function ownRow(
  category: string,
  decisions: readonly DecisionRecord[],
  settings: StatementSettings,
): OwnInitiativeRow {
  const banned = decisions.filter((d) => d.action === "remove_and_ban").length;
  return {
    category,
    measures: decisions.length,
    detectedSolelyByAutomatedMeans: decisions.filter((d) => d.automatedDetection).length,
    visibilityRemoval: decisions.filter((d) => d.action !== "block").length,
    visibilityDisable: decisions.filter((d) => d.action === "block").length,
    accountSuspension: settings.banMeans === "suspended" ? banned : 0,
    accountTermination: settings.banMeans === "terminated" ? banned : 0,
  };
}

function complaints(appeals: readonly Appeal[]): ComplaintFigures {
  const decided = appeals.filter((a) => a.decidedAt !== null);
  return {
    total: appeals.length,
    upheld: decided.filter((a) => a.outcome === "upheld").length,
    // Vigil's appeals end upheld or overturned; there is no partial reversal to count.
    partiallyReversed: 0,
    reversed: decided.filter((a) => a.outcome === "overturned").length,
    medianHours: nullableRound(median(decided.map((a) => hoursBetween(a.createdAt, a.decidedAt!)))),
  };
}

function nullableRound(value: number | null): number | null {
  return value === null ? null : round2(value);
}
