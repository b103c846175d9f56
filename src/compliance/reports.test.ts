import { describe, expect, it } from "vitest";
import type { Appeal } from "../store/index.js";
import type { DecisionRecord } from "./decision-record.js";
import { dsaReport } from "./report-dsa.js";
import type { NoticeFact, ReportInput } from "./report-input.js";
import { koreaReport } from "./report-korea.js";
import { dsaReportCsv } from "./report-csv-dsa.js";
import { koreaReportCsv, reportJson, takeItDownCsv, toNdjson } from "./report-render.js";
import { takeItDownLog } from "./report-take-it-down.js";
import { parseStatementSettings } from "./sor-settings.js";

const period = { from: "2026-01-01T00:00:00.000Z", to: "2027-01-01T00:00:00.000Z" };

function decision(fields: Partial<DecisionRecord>): DecisionRecord {
  return {
    id: "d",
    decidedBy: "automation",
    action: "remove",
    reason: "ncii",
    decidedAt: "2026-03-01T00:00:00.000Z",
    contentAt: "2026-03-01T00:00:00.000Z",
    media: ["image"],
    synthetic: false,
    source: { kind: "own-initiative" },
    automatedDetection: true,
    facts: [],
    ...fields,
  };
}

function notice(fields: Partial<NoticeFact>): NoticeFact {
  return {
    id: "n",
    kind: "dsa",
    jurisdiction: "DE",
    reason: "ncii",
    submitterRole: "victim",
    trustedFlagger: false,
    receivedAt: "2026-04-01T00:00:00.000Z",
    status: "complete",
    deadlineAt: "2026-04-02T00:00:00.000Z",
    deadlineBasis: "target",
    itemsNamed: 1,
    actedAt: "2026-04-01T10:00:00.000Z",
    outcome: "removed",
    actionBasis: "terms",
    automated: false,
    removals: [{ at: "2026-04-01T10:00:00.000Z", copy: false }],
    ...fields,
  };
}

function appeal(fields: Partial<Appeal>): Appeal {
  return {
    id: "a",
    caseId: "c",
    appellant: "user:1",
    text: "",
    status: "decided",
    outcome: "upheld",
    decidedBy: "lead",
    createdAt: "2026-05-01T00:00:00.000Z",
    decidedAt: "2026-05-01T06:00:00.000Z",
    ...fields,
  };
}

/** The decisions of one test year: every count below follows from these lines. */
const input: ReportInput = {
  period,
  decisions: [
    decision({ id: "1" }),
    decision({ id: "2", synthetic: true }),
    decision({ id: "3", reason: "deepfake", action: "remove_and_ban" }),
    decision({ id: "4", reason: "minor", action: "block" }),
    decision({ id: "5", reason: "other", decidedBy: "moderator", automatedDetection: false }),
    decision({
      id: "6",
      decidedBy: "moderator",
      source: { kind: "report" },
      automatedDetection: false,
    }),
    decision({ id: "old", decidedAt: "2025-12-31T23:59:59.999Z" }),
  ],
  notices: [
    notice({ id: "n1" }),
    notice({
      id: "n2",
      trustedFlagger: true,
      itemsNamed: 3,
      actedAt: "2026-04-01T02:00:00.000Z",
      actionBasis: "law",
    }),
    notice({
      id: "n3",
      reason: "other",
      actedAt: null,
      outcome: "pending",
      actionBasis: null,
      removals: [],
    }),
    notice({ id: "n4", automated: true, actedAt: "2026-04-01T00:30:00.000Z" }),
    notice({
      id: "k1",
      kind: "kcsc",
      jurisdiction: "KR",
      submitterRole: "regulator",
      actedAt: "2026-04-01T05:00:00.000Z",
    }),
    notice({
      id: "k2",
      kind: "general",
      jurisdiction: "KR",
      actedAt: "2026-04-04T00:00:00.000Z",
      outcome: "no-action",
      actionBasis: null,
      removals: [],
    }),
    notice({
      id: "t1",
      kind: "take-it-down",
      jurisdiction: "US",
      deadlineAt: "2026-06-03T10:00:00.000Z",
      deadlineBasis: "statutory",
      receivedAt: "2026-06-01T10:00:00.000Z",
      removals: [
        { at: "2026-06-01T20:00:00.000Z", copy: false },
        { at: "2026-06-01T21:00:00.000Z", copy: true },
        { at: "2026-06-02T09:00:00.000Z", copy: true },
      ],
    }),
    notice({
      id: "t2",
      kind: "take-it-down",
      jurisdiction: "US",
      status: "incomplete",
      receivedAt: "2026-06-05T00:00:00.000Z",
      deadlineAt: "2026-06-07T00:00:00.000Z",
      removals: [],
      actedAt: null,
      outcome: "pending",
    }),
  ],
  appeals: [
    appeal({ id: "a1" }),
    appeal({ id: "a2", outcome: "overturned", decidedAt: "2026-05-02T00:00:00.000Z" }),
    appeal({ id: "a3", status: "open", outcome: null, decidedAt: null }),
  ],
  userReports: [
    {
      receivedAt: "2026-02-01T00:00:00.000Z",
      actedAt: "2026-02-01T01:00:00.000Z",
      outcome: "removed",
    },
  ],
  prePosting: { compared: 1000, matched: 4, blocked: 3 },
};

describe("dsaReport", () => {
  const report = dsaReport(input, {
    provider: "Example B.V.",
    service: "Example Chat",
    publishedAt: "2027-02-15",
  });
  const row = <T extends { category: string }>(rows: readonly T[], key: string) =>
    rows.find((r) => r.category === key)!;

  it("counts the DSA notices by category, with trusted flaggers, items and median time to action", () => {
    expect(row(report.notices, "TOTAL")).toEqual({
      category: "TOTAL",
      received: 4,
      receivedFromTrustedFlaggers: 1,
      itemsOfInformation: 6,
      itemsOfInformationFromTrustedFlaggers: 3,
      medianHoursToAction: 2,
      medianHoursToActionTrustedFlaggers: 2,
      actionsOnLaw: 1,
      actionsOnLawTrustedFlaggers: 1,
      actionsOnTerms: 2,
      actionsOnTermsTrustedFlaggers: 0,
    });
    expect(row(report.notices, "KEYWORD_NON_CONSENSUAL_IMAGE_SHARING").received).toBe(3);
    expect(row(report.notices, "STATEMENT_CATEGORY_NOT_SPECIFIED_NOTICE").received).toBe(1);
  });

  it("counts own-initiative measures by category and type, on the terms by default", () => {
    expect(report.ownInitiativeIllegal.every((r) => r.measures === 0)).toBe(true);
    expect(row(report.ownInitiativeTerms, "TOTAL")).toEqual({
      category: "TOTAL",
      measures: 5,
      detectedSolelyByAutomatedMeans: 4,
      visibilityRemoval: 4,
      visibilityDisable: 1,
      accountSuspension: 1,
      accountTermination: 0,
    });
    expect(row(report.ownInitiativeTerms, "STATEMENT_CATEGORY_CYBER_VIOLENCE").measures).toBe(3);
    expect(row(report.ownInitiativeTerms, "KEYWORD_NON_CONSENSUAL_IMAGE_SHARING").measures).toBe(2);
    expect(
      row(report.ownInitiativeTerms, "KEYWORD_NON_CONSENSUAL_MATERIAL_DEEPFAKE").measures,
    ).toBe(2);
    expect(row(report.ownInitiativeTerms, "KEYWORD_CHILD_SEXUAL_ABUSE_MATERIAL").measures).toBe(1);
    expect(row(report.ownInitiativeTerms, "STATEMENT_CATEGORY_OTHER_VIOLATION_TC").measures).toBe(
      1,
    );
  });

  it("puts measures on the legal ground in section 5 when the platform relies on the law", () => {
    const legal = dsaReport(input, {
      provider: "p",
      service: "s",
      publishedAt: "2027-02-15",
      settings: parseStatementSettings({ ground: "illegal" }),
    });
    expect(row(legal.ownInitiativeIllegal, "TOTAL").measures).toBe(4);
    expect(row(legal.ownInitiativeTerms, "TOTAL").measures).toBe(1);
  });

  it("counts complaints and their outcomes, and the automated means", () => {
    expect(report.complaints).toEqual({
      total: 3,
      upheld: 1,
      partiallyReversed: 0,
      reversed: 1,
      medianHours: 15,
    });
    expect(report.automatedMeans).toEqual({
      measuresSolelyAutomated: 4,
      measuresNotAutomated: 2,
      noticesSolelyAutomated: 1,
      noticesNotAutomated: 3,
    });
    expect(report.identification).toMatchObject({
      periodStart: "2026-01-01",
      periodEnd: "2026-12-31",
    });
  });

  it("renders one CSV per template section with the template's column names", () => {
    const files = dsaReportCsv(report);
    expect(files.map((f) => f.name)).toEqual([
      "1_report_identification.csv",
      "4_notices.csv",
      "5_own_initiative_illegal.csv",
      "6_own_initiative_TC.csv",
      "7_appeals_and_recidivism.csv",
      "8_automated_means.csv",
    ]);
    const notices = files[1]!.csv.split("\r\n");
    expect(notices[0]).toContain("Number of notices received from Trusted flaggers");
    expect(notices[1]).toBe("Example Chat,2026-01-01/2026-12-31,TOTAL,4,1,6,3,2,2,1,1,2,0");
    expect(JSON.parse(reportJson(report))).toEqual(report);
    expect(toNdjson([{ a: 1 }, { b: 2 }])).toBe('{"a":1}\n{"b":2}\n');
  });
});

describe("koreaReport", () => {
  it("counts the year's requests by sender, their outcome, time to handle and pre-posting blocks", () => {
    const report = koreaReport(input, { procedures: "신고 접수 후 24시간 내 검토" });
    expect(report.received).toEqual({
      total: 3,
      fromVictimsOrRepresentatives: 1,
      fromInstitutions: 1,
      fromKcsc: 1,
      userReports: 1,
    });
    expect(report.handled).toEqual({ removedOrBlocked: 2, notActioned: 1, pending: 0 });
    expect(report.timeToHandle).toEqual({
      medianHours: 5,
      meanHours: 26,
      within24h: 2,
      within72h: 1,
      over72h: 0,
    });
    expect(report.prePosting).toEqual({ compared: 1000, matched: 4, blocked: 3 });
    expect(koreaReportCsv(report)).toContain("text,procedures,신고 접수 후 24시간 내 검토\r\n");
  });
});

describe("takeItDownLog", () => {
  it("logs each request's clock, removal time and copies removed", () => {
    const log = takeItDownLog(input, new Date("2026-06-08T00:00:00Z"));
    expect(log.entries).toEqual([
      {
        noticeId: "t1",
        receivedAt: "2026-06-01T10:00:00.000Z",
        status: "complete",
        deadlineAt: "2026-06-03T10:00:00.000Z",
        deadlineBasis: "statutory",
        removedAt: "2026-06-01T20:00:00.000Z",
        hoursToRemoval: 10,
        metDeadline: true,
        copiesRemoved: 2,
      },
      expect.objectContaining({
        noticeId: "t2",
        removedAt: null,
        metDeadline: false,
        copiesRemoved: 0,
      }),
    ]);
    expect(log.summary).toEqual({
      notices: 2,
      complete: 1,
      removed: 1,
      removedInTime: 1,
      late: 1,
      medianHoursToRemoval: 10,
      copiesRemoved: 2,
    });
    expect(takeItDownCsv(log).split("\r\n")[1]).toBe(
      "t1,2026-06-01T10:00:00.000Z,complete,2026-06-03T10:00:00.000Z,statutory,2026-06-01T20:00:00.000Z,10,true,2",
    );
  });

  it("leaves an open request's outcome unknown while its clock runs", () => {
    const log = takeItDownLog(input, new Date("2026-06-06T00:00:00Z"));
    expect(log.entries[1]?.metDeadline).toBeNull();
  });
});
