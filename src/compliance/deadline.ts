/**
 * deadlineFor: the clock of one notice. The rule is looked up by the notice's kind first (the
 * kind names the law), then by jurisdiction from the most specific (`DE`, then `EU`) to any.
 *
 * A binding rule runs as the law's clock ("statutory") only when the law applies: from its
 * effective date on, and — where the law counts from a valid request — once the notice is
 * complete. Otherwise the same hours are kept as a target, so a notice that arrives a day before
 * the law applies, or without a signature, is still worked at the law's pace.
 */
import { VigilError } from "../core/index.js";
import type { DeadlineRule, DeadlineRules, DeadlineSource } from "./deadline-rules.js";
import { DEFAULT_DEADLINE_RULES } from "./deadline-file.js";
import { jurisdictionChain } from "./jurisdictions.js";
import type { NoticeKind } from "./notice-kinds.js";
import { addHours, parseDate } from "./time.js";

export interface DeadlineQuery {
  readonly jurisdiction: string;
  readonly kind: NoticeKind;
  readonly receivedAt: Date;
  /** Whether the notice has every element its law requires (notice-elements.ts). */
  readonly complete: boolean;
}

export interface Deadline {
  /** ISO 8601, UTC. */
  readonly at: string;
  readonly hours: number;
  readonly ruleId: string;
  /** `statutory`: the law's clock runs; `target`: the operator's, or the law's hours kept as one. */
  readonly basis: "statutory" | "target";
  /** Why a binding rule runs as a target here; null otherwise. */
  readonly downgraded: "incomplete" | "not-yet-in-force" | null;
  readonly source: DeadlineSource;
}

export function deadlineFor(
  notice: DeadlineQuery,
  rules: DeadlineRules = DEFAULT_DEADLINE_RULES,
): Deadline {
  const rule = findRule(notice, rules);
  const downgraded = !rule.binding ? null : whyNotBinding(rule, notice);
  return Object.freeze({
    at: addHours(notice.receivedAt, rule.hours).toISOString(),
    hours: rule.hours,
    ruleId: rule.id,
    basis: rule.binding && downgraded === null ? "statutory" : "target",
    downgraded,
    source: rule.source,
  });
}

function whyNotBinding(rule: DeadlineRule, notice: DeadlineQuery): Deadline["downgraded"] {
  const from = rule.effectiveFrom === null ? null : parseDate(rule.effectiveFrom);
  if (from !== null && notice.receivedAt.getTime() < from.getTime()) return "not-yet-in-force";
  if (rule.onlyWhenComplete && !notice.complete) return "incomplete";
  return null;
}

function findRule(notice: DeadlineQuery, rules: DeadlineRules): DeadlineRule {
  const places = [...jurisdictionChain(notice.jurisdiction), "*"];
  for (const kind of [notice.kind, "*"]) {
    for (const place of places) {
      const rule = rules.rules.find((r) => r.kind === kind && r.jurisdiction === place);
      if (rule) return rule;
    }
  }
  throw new VigilError(
    "compliance/invalid-rules",
    `no deadline rule matches a ${notice.kind} notice from ${notice.jurisdiction}; keep a rule for jurisdiction * and kind *`,
    { path: "rules" },
  );
}
