/**
 * Deadline rules as data: which clock applies to a notice of a kind in a jurisdiction, and the
 * source of that rule. The rules ship in deadlines.json and an operator file can replace or add
 * to them, so a changed law or a stricter in-house target needs no code. Both go through the one
 * validator below: a bad file is refused naming the bad field, before it can set a wrong clock.
 */
import { isJurisdiction } from "./jurisdictions.js";
import { NOTICE_KINDS, type NoticeKind } from "./notice-kinds.js";
import { at, readerFor, type Reader } from "./read.js";
import { parseDate } from "./time.js";

export interface DeadlineSource {
  /** The law and article (or "Vigil default"), as a person would cite it. */
  readonly title: string;
  readonly url: string | null;
  /** The words of the rule that set the clock, in the law's language. */
  readonly quote: string | null;
}

export interface DeadlineRule {
  /** Unique; an operator file replaces the shipped rule with the same id. */
  readonly id: string;
  /** ISO 3166-1 alpha-2, `EU`, or `*` for any. */
  readonly jurisdiction: string;
  readonly kind: NoticeKind | "*";
  /** Hours from receipt of the notice. */
  readonly hours: number;
  /** True when the law sets the clock; false when it is a target the operator chose. */
  readonly binding: boolean;
  /** From this date (UTC) on the rule binds; before it, its hours are kept as a target. */
  readonly effectiveFrom: string | null;
  /** The clock binds only once the notice has every element its law requires. */
  readonly onlyWhenComplete: boolean;
  readonly source: DeadlineSource;
  readonly note: string | null;
}

export interface DeadlineRules {
  readonly version: 1;
  readonly rules: readonly DeadlineRule[];
}

/** A year: anything longer is a typo in a file, not a deadline. */
const MAX_HOURS = 8760;
const MAX_RULES = 500;
const RULE_ID = /^[a-z0-9]+(?:[-_.][a-z0-9]+)*$/;
const read: Reader = readerFor("compliance/invalid-rules");

export function parseDeadlineRules(value: unknown): DeadlineRules {
  const file = read.object(value, "", ["version", "rules"], ["description"]);
  if (file.version !== 1) read.fail("version", "must be 1");
  if (file.description !== undefined) read.string(file.description, "description", 0, 2000);
  const list = read.array(file.rules, "rules", 1, MAX_RULES);
  const rules = list.map((rule, index) => parseRule(rule, at("rules", index)));
  checkUnique(rules, "rules");
  return Object.freeze({ version: 1, rules: Object.freeze(rules) });
}

/**
 * The shipped rules with the operator's applied: an operator rule replaces the shipped rule with
 * its id or with its jurisdiction and kind, and any other operator rule is added.
 */
export function mergeDeadlineRules(base: DeadlineRules, override: DeadlineRules): DeadlineRules {
  const replaced = (rule: DeadlineRule) =>
    override.rules.some(
      (o) => o.id === rule.id || (o.jurisdiction === rule.jurisdiction && o.kind === rule.kind),
    );
  const rules = [...base.rules.filter((rule) => !replaced(rule)), ...override.rules];
  return Object.freeze({ version: 1, rules: Object.freeze(rules) });
}

function parseRule(value: unknown, path: string): DeadlineRule {
  const rule = read.object(
    value,
    path,
    ["id", "jurisdiction", "kind", "hours", "binding", "source"],
    ["effectiveFrom", "onlyWhenComplete", "note"],
  );
  const id = read.string(rule.id, at(path, "id"), 1, 64);
  if (!RULE_ID.test(id))
    read.fail(at(path, "id"), "must be lower-case letters and digits joined by -, _ or .");
  const jurisdiction = read.string(rule.jurisdiction, at(path, "jurisdiction"), 1, 2);
  if (jurisdiction !== "*" && !isJurisdiction(jurisdiction)) {
    read.fail(at(path, "jurisdiction"), "must be a two-letter country code, EU or *");
  }
  const effectiveFrom =
    rule.effectiveFrom === undefined
      ? null
      : readDate(rule.effectiveFrom, at(path, "effectiveFrom"));
  return Object.freeze({
    id,
    jurisdiction,
    kind: read.oneOf(rule.kind, at(path, "kind"), [...NOTICE_KINDS, "*"] as const),
    hours: read.number(rule.hours, at(path, "hours"), 0.25, MAX_HOURS),
    binding: read.boolean(rule.binding, at(path, "binding")),
    effectiveFrom,
    onlyWhenComplete:
      rule.onlyWhenComplete === undefined
        ? false
        : read.boolean(rule.onlyWhenComplete, at(path, "onlyWhenComplete")),
    source: parseSource(rule.source, at(path, "source")),
    note: rule.note === undefined ? null : read.string(rule.note, at(path, "note"), 0, 2000),
  });
}

function parseSource(value: unknown, path: string): DeadlineSource {
  const source = read.object(value, path, ["title"], ["url", "quote"]);
  let url: string | null = null;
  if (source.url !== undefined) {
    url = read.string(source.url, at(path, "url"), 1, 500);
    if (!/^https:\/\/[^\s]+$/.test(url)) read.fail(at(path, "url"), "must be an https URL");
  }
  return Object.freeze({
    title: read.string(source.title, at(path, "title"), 1, 500),
    url,
    quote:
      source.quote === undefined ? null : read.string(source.quote, at(path, "quote"), 1, 1000),
  });
}

function readDate(value: unknown, path: string): string {
  const text = read.string(value, path, 10, 10);
  if (!parseDate(text)) read.fail(path, "must be a date as YYYY-MM-DD");
  return text;
}

/** One rule per id and per jurisdiction and kind: two clocks for one notice would be a guess. */
function checkUnique(rules: readonly DeadlineRule[], path: string): void {
  rules.forEach((rule, index) => {
    const earlier = rules.slice(0, index);
    if (earlier.some((other) => other.id === rule.id)) {
      read.fail(at(at(path, index), "id"), `repeats the rule id \`${rule.id}\``);
    }
    const twin = earlier.find((o) => o.jurisdiction === rule.jurisdiction && o.kind === rule.kind);
    if (twin) {
      read.fail(at(path, index), `has the same jurisdiction and kind as rule \`${twin.id}\``);
    }
  });
}
