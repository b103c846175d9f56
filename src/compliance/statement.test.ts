import { describe, expect, it } from "vitest";
import { validateStatement } from "../../test/helpers/transparency-db-rules.js";
import { VigilError } from "../core/index.js";
import type { DecisionRecord } from "./decision-record.js";
import { EEA_COUNTRIES } from "./jurisdictions.js";
import { checkStatement } from "./sor-check.js";
import { parseStatementSettings } from "./sor-settings.js";
import { buildStatement, puidOf } from "./statement.js";

const automatic: DecisionRecord = {
  id: "item-0190c3a1-7d2e-7c4e-9a55-5e7d4f1b2c3d-remove",
  decidedBy: "automation",
  action: "remove",
  reason: "ncii",
  decidedAt: "2026-06-02T08:00:00.000Z",
  contentAt: "2026-06-01T23:30:00.000Z",
  media: ["image"],
  synthetic: false,
  source: { kind: "own-initiative" },
  automatedDetection: true,
  facts: [
    "rule `known-ncii` v1 fired: matched bank `victim-submissions` (ncii) at distance 4 via PDQ → remove",
  ],
};

function accepted(statement: object): void {
  expect(validateStatement(statement).errors).toEqual({});
}

describe("buildStatement", () => {
  it("turns an automatic removal of banked NCII into the Transparency Database's fields", () => {
    const statement = buildStatement(automatic);
    expect(statement).toEqual({
      decision_visibility: ["DECISION_VISIBILITY_CONTENT_REMOVED"],
      decision_ground: "DECISION_GROUND_INCOMPATIBLE_CONTENT",
      incompatible_content_ground: expect.stringContaining("Terms of service"),
      incompatible_content_explanation: expect.stringContaining("without that person's consent"),
      incompatible_content_illegal: "Yes",
      category: "STATEMENT_CATEGORY_CYBER_VIOLENCE",
      category_specification: ["KEYWORD_NON_CONSENSUAL_IMAGE_SHARING"],
      content_type: ["CONTENT_TYPE_IMAGE"],
      content_date: "2026-06-01",
      application_date: "2026-06-02",
      decision_facts: expect.stringContaining(
        "matched bank `victim-submissions` (ncii) at distance 4 via PDQ",
      ),
      source_type: "SOURCE_VOLUNTARY",
      automated_detection: "Yes",
      automated_decision: "AUTOMATED_DECISION_FULLY",
      territorial_scope: EEA_COUNTRIES,
      puid: "vigil-item-0190c3a1-7d2e-7c4e-9a55-5e7d4f1b2c3d-remove",
    });
    accepted(statement);
  });

  it("marks synthetic media and the deepfake keyword where a provenance signal says so", () => {
    const statement = buildStatement({ ...automatic, synthetic: true, media: ["image", "text"] });
    expect(statement.content_type).toEqual([
      "CONTENT_TYPE_IMAGE",
      "CONTENT_TYPE_SYNTHETIC_MEDIA",
      "CONTENT_TYPE_TEXT",
    ]);
    expect(statement.category_specification).toEqual([
      "KEYWORD_NON_CONSENSUAL_IMAGE_SHARING",
      "KEYWORD_NON_CONSENSUAL_MATERIAL_DEEPFAKE",
    ]);
    accepted(statement);
  });

  it("states a moderator's removal and ban after a DSA notice, on the legal ground when set", () => {
    const settings = parseStatementSettings({
      ground: "illegal",
      banMeans: "terminated",
      termsUrl: "https://example.com/terms",
    });
    const statement = buildStatement(
      {
        ...automatic,
        id: "decision-0190c3a1",
        decidedBy: "moderator",
        action: "remove_and_ban",
        reason: "deepfake",
        source: { kind: "notice", noticeKind: "dsa", trustedFlagger: false },
        automatedDetection: false,
        media: ["video"],
      },
      settings,
    );
    expect(statement).toMatchObject({
      decision_visibility: ["DECISION_VISIBILITY_CONTENT_REMOVED"],
      decision_account: "DECISION_ACCOUNT_TERMINATED",
      decision_ground: "DECISION_GROUND_ILLEGAL_CONTENT",
      illegal_content_legal_ground: expect.stringContaining("2024/1385 art. 5(1)(b)"),
      decision_ground_reference_url: "https://example.com/terms",
      category_specification: ["KEYWORD_NON_CONSENSUAL_MATERIAL_DEEPFAKE"],
      content_type: ["CONTENT_TYPE_VIDEO"],
      source_type: "SOURCE_ARTICLE_16",
      automated_detection: "No",
      automated_decision: "AUTOMATED_DECISION_NOT_AUTOMATED",
    });
    expect(statement).not.toHaveProperty("incompatible_content_ground");
    accepted(statement);
  });

  it.each([
    [
      { kind: "notice", noticeKind: "take-it-down", trustedFlagger: false },
      "SOURCE_TYPE_OTHER_NOTIFICATION",
    ],
    [{ kind: "notice", noticeKind: "dsa", trustedFlagger: true }, "SOURCE_TRUSTED_FLAGGER"],
    [{ kind: "report" }, "SOURCE_TYPE_OTHER_NOTIFICATION"],
  ] as const)("maps the source %j to %s", (source, expected) => {
    expect(buildStatement({ ...automatic, source }).source_type).toBe(expected);
  });

  it("counts user reports as art. 16 notices when the platform says its report form is one", () => {
    const settings = parseStatementSettings({ reportsAreNotices: true });
    expect(buildStatement({ ...automatic, source: { kind: "report" } }, settings).source_type).toBe(
      "SOURCE_ARTICLE_16",
    );
  });

  it("files a minor under protection of minors, a block as disabled access, unknown media as other", () => {
    const statement = buildStatement({ ...automatic, reason: "minor", action: "block", media: [] });
    expect(statement).toMatchObject({
      category: "STATEMENT_CATEGORY_PROTECTION_OF_MINORS",
      category_specification: ["KEYWORD_CHILD_SEXUAL_ABUSE_MATERIAL"],
      decision_visibility: ["DECISION_VISIBILITY_CONTENT_DISABLED"],
      content_type: ["CONTENT_TYPE_OTHER"],
      content_type_other: expect.any(String),
    });
    accepted(statement);
  });

  it("rests `other` on the terms, saying it is not claimed illegal, even when the legal ground is set", () => {
    const statement = buildStatement(
      { ...automatic, reason: "other" },
      parseStatementSettings({ ground: "illegal" }),
    );
    expect(statement).toMatchObject({
      decision_ground: "DECISION_GROUND_INCOMPATIBLE_CONTENT",
      category: "STATEMENT_CATEGORY_OTHER_VIOLATION_TC",
      incompatible_content_illegal: "No",
    });
    expect(statement).not.toHaveProperty("category_specification");
    accepted(statement);
  });

  it("never carries personal data: emails, links, handles and account numbers in facts are scrubbed", () => {
    const statement = buildStatement({
      ...automatic,
      facts: [
        "matched bank `jane@example.org` at distance 2",
        "seen at https://t.me/somechannel/55 posted by @someuser, user id 123456789",
      ],
    });
    expect(statement.decision_facts).not.toMatch(/jane@|t\.me|@someuser|123456789/);
    expect(statement.decision_facts).toContain("[email]");
    expect(statement.decision_facts).toContain("[link]");
    accepted(statement);
  });

  it("keeps decision_facts within 5,000 characters, counting characters as the API does", () => {
    const statement = buildStatement({
      ...automatic,
      facts: Array.from({ length: 400 }, () => "한국어 사실 ".repeat(4)),
    });
    expect([...statement.decision_facts].length).toBeLessThanOrEqual(5000);
    expect(statement.decision_facts.endsWith("(shortened)")).toBe(true);
    accepted(statement);
  });

  it("uses the decision's date when the content's date is before 2000 or after the decision", () => {
    expect(
      buildStatement({ ...automatic, contentAt: "1970-01-01T00:00:00.000Z" }).content_date,
    ).toBe("2026-06-02");
    expect(
      buildStatement({ ...automatic, contentAt: "2027-01-01T00:00:00.000Z" }).content_date,
    ).toBe("2026-06-02");
  });

  it("refuses a decision that restricts nothing", () => {
    expect(() => buildStatement({ ...automatic, action: "allow" as never })).toThrow(RangeError);
  });

  it("makes a puid of the API's alphabet from any record id", () => {
    expect(puidOf("item-a:b/c d-remove")).toBe("vigil-item-a-b-c-d-remove");
  });
});

describe("checkStatement", () => {
  const good = buildStatement(automatic);
  it.each([
    [{ puid: "has space" }, "puid"],
    [{ application_date: "2019-12-31" }, "application_date"],
    [{ content_date: "2026-02-30" }, "content_date"],
    [{ incompatible_content_ground: undefined }, "incompatible_content_ground"],
    [{ territorial_scope: ["US"] }, "territorial_scope"],
    [{ decision_facts: "x".repeat(5001) }, "decision_facts"],
    [
      { incompatible_content_explanation: "call me at +1 555 123 4567" },
      "incompatible_content_explanation",
    ],
  ])("refuses %j naming the field", (change, field) => {
    try {
      checkStatement({ ...good, ...change } as never);
      throw new Error("expected a refusal");
    } catch (error) {
      expect(error).toBeInstanceOf(VigilError);
      expect((error as VigilError).code).toBe("compliance/invalid-statement");
      expect((error as VigilError).details.field).toBe(field);
    }
  });
});

describe("parseStatementSettings", () => {
  it("refuses settings that would publish personal data or leave the EEA", () => {
    expect(() => parseStatementSettings({ termsGround: "Write to legal@example.com" })).toThrow(
      "termsGround: must not hold an email address",
    );
    expect(() => parseStatementSettings({ territorialScope: ["US"] })).toThrow(
      "territorialScope[0]: must be one of",
    );
  });

  it("narrows the territorial scope, sorted and each once", () => {
    expect(
      parseStatementSettings({ territorialScope: ["FR", "DE", "FR"] }).territorialScope,
    ).toEqual(["DE", "FR"]);
  });
});
