import { describe, expect, it } from "vitest";
import { DEFAULT_RETENTION, parseRetentionSettings } from "./retention.js";
import {
  planAuditAnchor,
  planPurge,
  retentionCutoffs,
  type RetentionCandidates,
} from "./retention-plan.js";

const now = new Date("2028-01-01T00:00:00.000Z");
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();

const closedCase = (
  id: string,
  closedDaysAgo: number,
  extra: Partial<RetentionCandidates["cases"][number]> = {},
) => ({
  id,
  status: "closed" as const,
  closedAt: daysAgo(closedDaysAgo),
  openNotice: false,
  openAppeal: false,
  legalHold: false,
  ...extra,
});

const candidates: RetentionCandidates = {
  scans: [
    { id: "s-old", createdAt: daysAgo(91) },
    { id: "s-new", createdAt: daysAgo(89) },
  ],
  cases: [
    closedCase("c-old", 800),
    closedCase("c-recent", 100),
    closedCase("c-held", 800, { legalHold: true }),
    closedCase("c-appeal", 800, { openAppeal: true }),
    closedCase("c-notice", 800, { openNotice: true }),
    { ...closedCase("c-open", 800), status: "open", closedAt: null },
  ],
  items: [
    { id: "i-alone", createdAt: daysAgo(200), caseIds: [] },
    { id: "i-young", createdAt: daysAgo(100), caseIds: [] },
    { id: "i-old-case", createdAt: daysAgo(900), caseIds: ["c-old"] },
    { id: "i-shared", createdAt: daysAgo(900), caseIds: ["c-old", "c-held"] },
    { id: "i-unlisted-case", createdAt: daysAgo(900), caseIds: ["c-not-a-candidate"] },
  ],
  notices: [
    { id: "n-old-case", caseId: "c-old", settledAt: daysAgo(800) },
    { id: "n-kept-case", caseId: "c-held", settledAt: daysAgo(800) },
    { id: "n-caseless", caseId: null, settledAt: daysAgo(731) },
    { id: "n-open", caseId: null, settledAt: null },
  ],
  statements: [
    { puid: "p-sent", createdAt: daysAgo(800), sent: true },
    { puid: "p-unsent", createdAt: daysAgo(800), sent: false },
  ],
  evidence: [
    { id: "e-old", createdAt: daysAgo(400), legalHold: false },
    { id: "e-held", createdAt: daysAgo(400), legalHold: true },
  ],
};

describe("planPurge", () => {
  const plan = planPurge(candidates, DEFAULT_RETENTION, now);

  it("purges closed cases past their time, never open, appealed, notified or held ones", () => {
    expect(plan.cases).toEqual(["c-old"]);
  });

  it("keeps an item while any case it belongs to stays, and an unsent statement always", () => {
    expect(plan.items).toEqual(["i-alone", "i-old-case"]);
    expect(plan.statements).toEqual(["p-sent"]);
  });

  it("lets a notice go with its case, a caseless one once settled and old", () => {
    expect(plan.notices).toEqual(["n-old-case", "n-caseless"]);
  });

  it("purges scans and evidence by age, not held evidence", () => {
    expect(plan.scans).toEqual(["s-old"]);
    expect(plan.evidence).toEqual(["e-old"]);
  });

  it("records the purge in the audit chain as counts", () => {
    expect(plan.auditEvent).toMatchObject({
      action: "retention.purge",
      details: { scans: 1, items: 2, cases: 1, notices: 2, statements: 1, evidence: 1 },
    });
    expect(JSON.stringify(plan.auditEvent)).not.toContain("c-old");
  });

  it("keeps everything of a kind set to forever", () => {
    const forever = parseRetentionSettings({ cases: null });
    expect(retentionCutoffs(forever, now).cases).toBeNull();
    expect(planPurge(candidates, forever, now).cases).toEqual([]);
  });
});

describe("parseRetentionSettings", () => {
  it("refuses keeping decision records shorter than the DSA's six-month complaint window", () => {
    expect(() => parseRetentionSettings({ cases: 30 })).toThrow(
      "cases: must be a number from 183 to 36500",
    );
    expect(parseRetentionSettings({ scans: 7 }).days.scans).toBe(7);
  });

  it("keeps the audit chain forever unless anchoring is asked for, and never shorter than cases", () => {
    expect(DEFAULT_RETENTION.audit).toEqual({ mode: "forever" });
    expect(parseRetentionSettings({ audit: { anchorAfterDays: 1825 } }).audit).toEqual({
      mode: "anchor",
      afterDays: 1825,
    });
    expect(() => parseRetentionSettings({ audit: { anchorAfterDays: 90 } })).toThrow(
      "audit.anchorAfterDays",
    );
  });
});

describe("planAuditAnchor", () => {
  const anchoring = parseRetentionSettings({ audit: { anchorAfterDays: 1825 } });

  it("folds old events into an anchor, stopping before the first event a kept record relies on", () => {
    expect(
      planAuditAnchor(anchoring, {
        lastIdBeforeCutoff: 5000,
        firstNeededId: 1200,
        anchoredThroughId: null,
      }),
    ).toBe(1199);
    expect(
      planAuditAnchor(anchoring, {
        lastIdBeforeCutoff: 5000,
        firstNeededId: null,
        anchoredThroughId: 4000,
      }),
    ).toBe(5000);
  });

  it("does nothing when anchoring is off or nothing new may go", () => {
    expect(
      planAuditAnchor(DEFAULT_RETENTION, {
        lastIdBeforeCutoff: 5000,
        firstNeededId: null,
        anchoredThroughId: null,
      }),
    ).toBeNull();
    expect(
      planAuditAnchor(anchoring, {
        lastIdBeforeCutoff: 900,
        firstNeededId: 1,
        anchoredThroughId: null,
      }),
    ).toBeNull();
    expect(
      planAuditAnchor(anchoring, {
        lastIdBeforeCutoff: 900,
        firstNeededId: null,
        anchoredThroughId: 900,
      }),
    ).toBeNull();
  });
});
