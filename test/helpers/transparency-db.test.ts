import { describe, expect, it } from "vitest";
import { startTransparencyDb } from "./transparency-db.js";
import { validateStatement } from "./transparency-db-rules.js";

/** A statement the real API accepts: its documentation's example, reduced to one ground. */
const example = {
  decision_visibility: ["DECISION_VISIBILITY_CONTENT_DISABLED"],
  decision_ground: "DECISION_GROUND_INCOMPATIBLE_CONTENT",
  incompatible_content_ground: "incompatible content grounds",
  incompatible_content_explanation: "incompatible content explanation",
  incompatible_content_illegal: "Yes",
  content_type: ["CONTENT_TYPE_VIDEO", "CONTENT_TYPE_AUDIO", "CONTENT_TYPE_SYNTHETIC_MEDIA"],
  category: "STATEMENT_CATEGORY_CYBER_VIOLENCE_AGAINST_WOMEN",
  territorial_scope: ["PT", "ES", "DE"],
  content_date: "2023-08-08",
  application_date: "2023-08-08",
  decision_facts: "facts about the decision",
  source_type: "SOURCE_TRUSTED_FLAGGER",
  automated_detection: "No",
  automated_decision: "AUTOMATED_DECISION_PARTIALLY",
  puid: "TK421",
};

describe("the Transparency Database replica", () => {
  it("accepts the API documentation's example", () => {
    expect(validateStatement(example).errors).toEqual({});
  });

  it("refuses an empty statement on the fields the API names", () => {
    expect(Object.keys(validateStatement({}).errors).sort()).toEqual(
      [
        "application_date",
        "automated_decision",
        "automated_detection",
        "category",
        "content_date",
        "content_type",
        "decision_account",
        "decision_facts",
        "decision_ground",
        "decision_monetary",
        "decision_provision",
        "decision_visibility",
        "puid",
        "source_type",
      ].sort(),
    );
  });

  it.each([
    [
      { automated_decision: "maybe" },
      "automated_decision",
      "The selected automated decision is invalid.",
    ],
    [{ puid: "TK 421" }, "puid", "The puid format is invalid."],
    [
      { content_date: "2023-02-30" },
      "content_date",
      "The content date does not match the format YYYY-MM-DD.",
    ],
    [{ application_date: "2019-12-31" }, "application_date", undefined],
    [
      { content_type: "CONTENT_TYPE_VIDEO" },
      "content_type",
      "The content type field must be an array.",
    ],
    [{ content_type: ["CONTENT_TYPE_OTHER"] }, "content_type_other", undefined],
    [
      { decision_visibility: ["DECISION_VISIBILITY_OTHER"] },
      "decision_visibility_other",
      undefined,
    ],
    [
      { decision_ground: "DECISION_GROUND_ILLEGAL_CONTENT" },
      "illegal_content_legal_ground",
      undefined,
    ],
    [{ decision_facts: "x".repeat(5001) }, "decision_facts", undefined],
    [
      { territorial_scope: ["US"] },
      "territorial_scope",
      "The selected territorial scope is invalid.",
    ],
    [{ category_specification: ["KEYWORD_NOT_A_KEYWORD"] }, "category_specification", undefined],
    [{ decision_facts: "   " }, "decision_facts", "The decision facts field is required."],
  ])("refuses %j on %s", (change, field, message) => {
    const errors = validateStatement({ ...example, ...change }).errors;
    expect(errors[field]).toBeDefined();
    if (message) expect(errors[field]).toContain(message);
  });

  it("counts characters, not UTF-16 units, against max", () => {
    expect(validateStatement({ ...example, decision_facts: "😀".repeat(5000) }).errors).toEqual({});
  });

  it("drops the other ground's fields instead of refusing them", () => {
    const result = validateStatement({ ...example, illegal_content_legal_ground: "x".repeat(900) });
    expect(result.errors).toEqual({});
    expect(result.validated).not.toHaveProperty("illegal_content_legal_ground");
  });
});

describe("the Transparency Database stand-in", () => {
  const post = async (url: string, token: string, body: unknown) =>
    fetch(`${url}/api/v1/statements`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${token}`,
        "content-type": "application/json",
        accept: "application/json",
      },
      body: JSON.stringify(body),
    });

  it("creates a batch with 201 and refuses the same puid again, naming it", async () => {
    const db = await startTransparencyDb();
    const first = await post(db.url, db.token, { statements: [example] });
    expect(first.status).toBe(201);
    const created = (await first.json()) as { statements: { puid: string; uuid: string }[] };
    expect(created.statements[0]?.puid).toBe("TK421");
    const again = await post(db.url, db.token, {
      statements: [example, { ...example, puid: "TK422" }],
    });
    expect(again.status).toBe(422);
    expect(
      ((await again.json()) as { errors: { existing_puids: string[] } }).errors.existing_puids,
    ).toEqual(["TK421"]);
    expect(db.stored.has("TK422")).toBe(false);
    const found = await fetch(`${db.url}/api/v1/statement/existing-puid/TK421`, {
      headers: { authorization: `Bearer ${db.token}` },
      redirect: "manual",
    });
    expect(found.status).toBe(302);
  });

  it("creates nothing when one statement of a batch is invalid, indexing the errors", async () => {
    const db = await startTransparencyDb();
    const response = await post(db.url, db.token, {
      statements: [
        { ...example, puid: "A" },
        { ...example, puid: "B", category: "NOPE" },
      ],
    });
    expect(response.status).toBe(422);
    expect(Object.keys(((await response.json()) as { errors: object }).errors)).toEqual([
      "statement_1",
    ]);
    expect(db.stored.size).toBe(0);
  });

  it("refuses a wrong token with 401 and more than 100 statements with 422", async () => {
    const db = await startTransparencyDb();
    expect((await post(db.url, "wrong", { statements: [example] })).status).toBe(401);
    const many = Array.from({ length: 101 }, (_, i) => ({ ...example, puid: `p${i}` }));
    expect((await post(db.url, db.token, { statements: many })).status).toBe(422);
  });
});
