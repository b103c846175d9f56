/**
 * A statement's own check before it is stored or sent: the Transparency Database's field rules
 * that a builder could break (lengths, date bounds, the puid's alphabet, the fields one ground
 * requires and the other excludes), and no personal data in the free text. Breaking one is a bug
 * or a bad setting on our side, so it fails loudly (`compliance/invalid-statement`) rather than
 * reaching the Commission and bouncing there, or worse, not bouncing.
 *
 * The independent replica of the API's validation, used to test this part, is the stand-in
 * server in test/helpers/transparency-db.ts.
 */
import { VigilError } from "../core/index.js";
import { EEA_COUNTRIES } from "./jurisdictions.js";
import { looksPersonal } from "./privacy.js";
import { PUID_PATTERN, SOR_DATES, SOR_LIMITS, type StatementOfReasons } from "./sor-types.js";
import { parseDate } from "./time.js";

export function checkStatement(s: StatementOfReasons): void {
  if (s.decision_visibility.length === 0 && s.decision_account === undefined) {
    fail("decision_visibility", "is required when no other restriction is given");
  }
  const illegal = s.decision_ground === "DECISION_GROUND_ILLEGAL_CONTENT";
  pair(s.illegal_content_legal_ground, s.illegal_content_explanation, illegal, "illegal_content");
  pair(
    s.incompatible_content_ground,
    s.incompatible_content_explanation,
    !illegal,
    "incompatible_content",
  );
  if (illegal && s.incompatible_content_illegal !== undefined) {
    fail("incompatible_content_illegal", "belongs to the incompatible-content ground only");
  }
  if (s.content_type.length === 0) fail("content_type", "is required");
  if (s.content_type.includes("CONTENT_TYPE_OTHER") !== (s.content_type_other !== undefined)) {
    fail("content_type_other", "is required with CONTENT_TYPE_OTHER, and only then");
  }
  text(s.content_type_other, "content_type_other", SOR_LIMITS.other);
  text(s.decision_ground_reference_url, "decision_ground_reference_url", SOR_LIMITS.url);
  date(s.content_date, "content_date", SOR_DATES.contentFrom);
  date(s.application_date, "application_date", SOR_DATES.applicationFrom);
  text(s.decision_facts, "decision_facts", SOR_LIMITS.decision_facts);
  if (s.decision_facts.trim() === "") fail("decision_facts", "is required");
  for (const code of s.territorial_scope) {
    if (!EEA_COUNTRIES.includes(code))
      fail("territorial_scope", `holds ${code}, not an EEA country`);
  }
  if (!PUID_PATTERN.test(s.puid) || s.puid.length > SOR_LIMITS.puid) {
    fail("puid", "must be 1 to 500 letters, digits, - and _");
  }
  for (const field of PUBLIC_TEXT) {
    const value = s[field];
    if (value !== undefined && looksPersonal(value))
      fail(field, "holds what looks like personal data");
  }
}

const PUBLIC_TEXT = [
  "decision_facts",
  "illegal_content_legal_ground",
  "illegal_content_explanation",
  "incompatible_content_ground",
  "incompatible_content_explanation",
  "content_type_other",
] as const;

function pair(
  ground: string | undefined,
  explanation: string | undefined,
  wanted: boolean,
  name: string,
): void {
  const groundField =
    name === "illegal_content" ? "illegal_content_legal_ground" : "incompatible_content_ground";
  if (wanted && (ground === undefined || explanation === undefined)) {
    fail(
      ground === undefined ? groundField : `${name}_explanation`,
      "is required by the decision ground",
    );
  }
  if (!wanted && (ground !== undefined || explanation !== undefined)) {
    fail(groundField, "belongs to the other decision ground");
  }
  text(ground, groundField, SOR_LIMITS.ground);
  text(explanation, `${name}_explanation`, SOR_LIMITS.explanation);
}

/** Laravel's `max:` counts characters (code points), not UTF-16 units. */
function text(value: string | undefined, field: string, max: number): void {
  if (value !== undefined && [...value].length > max)
    fail(field, `must be at most ${max} characters`);
}

function date(value: string, field: string, from: string): void {
  if (parseDate(value) === null) fail(field, "must be a date as YYYY-MM-DD");
  if (value < from || value > SOR_DATES.until)
    fail(field, `must be from ${from} to ${SOR_DATES.until}`);
}

function fail(field: string, problem: string): never {
  throw new VigilError("compliance/invalid-statement", `${field}: ${problem}`, { field });
}
