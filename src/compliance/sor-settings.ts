/**
 * What only the platform can say in its statements of reasons: which ground it relies on (the
 * law, or its terms), the words of that ground, where its terms are, where its decisions apply.
 * Defaults fit a platform whose terms forbid intimate imagery shared without consent; the legal
 * grounds cite Directive (EU) 2024/1385 (violence against women: art. 5 non-consensual sharing
 * of intimate or manipulated material, art. 7 cyber harassment) and Directive 2011/93/EU (child
 * sexual abuse), as the member states transpose them. Settings are refused if they carry what
 * looks like personal data: they are copied into public statements.
 */
import type { PolicyReason } from "../store/index.js";
import { EEA_COUNTRIES } from "./jurisdictions.js";
import { looksPersonal } from "./privacy.js";
import { at, readerFor, type Reader } from "./read.js";
import { SOR_LIMITS } from "./sor-types.js";

export interface StatementSettings {
  /** The ground a restriction rests on: the law (`illegal`) or the platform's terms (`terms`). */
  readonly ground: "illegal" | "terms";
  /** Per reason: the legal ground relied on (`illegal_content_legal_ground`). */
  readonly legalGrounds: Readonly<Record<PolicyReason, string>>;
  /** The contractual ground (`incompatible_content_ground`). */
  readonly termsGround: string;
  /** Where the terms or the law can be read (`decision_ground_reference_url`). */
  readonly termsUrl: string | null;
  /** Where the decisions apply; EEA country codes (default: all of them). */
  readonly territorialScope: readonly string[];
  /** What `remove_and_ban` does to the account: a suspension or a termination. */
  readonly banMeans: "suspended" | "terminated";
  /** Count user reports as DSA art. 16 notices (the platform's report form is its notice form). */
  readonly reportsAreNotices: boolean;
}

export const DEFAULT_STATEMENT_SETTINGS: StatementSettings = Object.freeze({
  ground: "terms",
  legalGrounds: Object.freeze({
    ncii: "Non-consensual sharing of intimate images: Directive (EU) 2024/1385 art. 5(1)(a) and the national law transposing it",
    deepfake:
      "Non-consensual production or sharing of manipulated intimate material (deepfakes): Directive (EU) 2024/1385 art. 5(1)(b) and the national law transposing it",
    minor:
      "Child sexual abuse material: Directive 2011/93/EU art. 5 and the national law transposing it",
    harassment:
      "Cyber harassment: Directive (EU) 2024/1385 art. 7 and the national law transposing it",
    other: "National law applicable to the content",
  }),
  termsGround:
    "Terms of service: intimate images or videos shared without the consent of the person shown, sexual deepfakes, and sexual content involving minors are prohibited",
  termsUrl: null,
  territorialScope: EEA_COUNTRIES,
  banMeans: "suspended",
  reportsAreNotices: false,
});

const read: Reader = readerFor("compliance/invalid-settings");
const REASONS = ["ncii", "deepfake", "minor", "harassment", "other"] as const;

/** Settings from configuration (JSON); anything not given keeps its default. */
export function parseStatementSettings(value: unknown): StatementSettings {
  const fields = read.object(
    value,
    "",
    [],
    [
      "ground",
      "legalGrounds",
      "termsGround",
      "termsUrl",
      "territorialScope",
      "banMeans",
      "reportsAreNotices",
    ],
  );
  const d = DEFAULT_STATEMENT_SETTINGS;
  return Object.freeze({
    ground:
      fields.ground === undefined
        ? d.ground
        : read.oneOf(fields.ground, "ground", ["illegal", "terms"] as const),
    legalGrounds:
      fields.legalGrounds === undefined ? d.legalGrounds : readGrounds(fields.legalGrounds),
    termsGround:
      fields.termsGround === undefined
        ? d.termsGround
        : publicText(fields.termsGround, "termsGround"),
    termsUrl: fields.termsUrl === undefined ? d.termsUrl : readUrl(fields.termsUrl, "termsUrl"),
    territorialScope:
      fields.territorialScope === undefined
        ? d.territorialScope
        : readScope(fields.territorialScope),
    banMeans:
      fields.banMeans === undefined
        ? d.banMeans
        : read.oneOf(fields.banMeans, "banMeans", ["suspended", "terminated"] as const),
    reportsAreNotices:
      fields.reportsAreNotices === undefined
        ? d.reportsAreNotices
        : read.boolean(fields.reportsAreNotices, "reportsAreNotices"),
  });
}

function readGrounds(value: unknown): Readonly<Record<PolicyReason, string>> {
  const given = read.object(value, "legalGrounds", [], REASONS);
  const grounds = { ...DEFAULT_STATEMENT_SETTINGS.legalGrounds };
  for (const reason of REASONS) {
    if (given[reason] !== undefined)
      grounds[reason] = publicText(given[reason], at("legalGrounds", reason));
  }
  return Object.freeze(grounds);
}

function publicText(value: unknown, path: string): string {
  const text = read.string(value, path, 1, SOR_LIMITS.ground).trim();
  if (text === "") read.fail(path, "must not be empty");
  if (looksPersonal(text))
    read.fail(path, "must not hold an email address, link, handle or long number: it is published");
  return text;
}

function readUrl(value: unknown, path: string): string | null {
  if (value === null) return null;
  const text = read.string(value, path, 1, SOR_LIMITS.url);
  if (!/^https?:\/\/[^\s]+$/.test(text)) read.fail(path, "must be an http or https URL");
  return text;
}

function readScope(value: unknown): readonly string[] {
  const list = read.array(value, "territorialScope", 1, EEA_COUNTRIES.length);
  const codes = list.map((code, index) =>
    read.oneOf(code, at("territorialScope", index), EEA_COUNTRIES),
  );
  return Object.freeze([...new Set(codes)].sort());
}
