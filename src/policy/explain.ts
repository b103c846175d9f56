/**
 * Words a moderator can read for what a rule saw and did, e.g. "rule `ncii-known` v3 fired:
 * matched bank `victim-submissions` (ncii) at distance 12 via PDQ → remove". The matched text of
 * a finding is left out: explanations travel into logs and statements of reasons, while the
 * evidence beside them stays behind the console's access checks.
 */
import type { Evidence } from "./evidence-types.js";
import type { Action, Condition, Rule } from "./rule-types.js";

const SIGNAL_NAME = { pdq: "PDQ", md5: "MD5", sha256: "SHA-256", video: "vPDQ" } as const;
/** Facts quoted in one explanation; the rest are counted. */
const MAX_FACTS = 5;

export function explainRule(rule: Rule, evidence: readonly Evidence[]): string {
  const fired = rule.mode === "shadow" ? "(shadow) would have fired" : "fired";
  const facts = evidence.slice(0, MAX_FACTS).map(describeEvidence);
  const more = evidence.length - facts.length;
  if (more > 0) facts.push(`and ${more} more fact${more === 1 ? "" : "s"}`);
  const actions = rule.then.map(describeAction).join(", ");
  return `rule \`${rule.id}\` v${rule.version} ${fired}: ${facts.join("; ")} → ${actions}`;
}

export function describeEvidence(e: Evidence): string {
  switch (e.kind) {
    case "bank_match": {
      const m = e.match;
      const labels = m.labels.length > 0 ? ` (${m.labels.join(", ")})` : "";
      const how =
        m.signalType === "md5" || m.signalType === "sha256"
          ? `exactly via ${SIGNAL_NAME[m.signalType]}`
          : `at distance ${m.distance} via ${SIGNAL_NAME[m.signalType]}`;
      return `matched bank \`${m.bankId}\`${labels} ${how}`;
    }
    case "classifier": {
      const c = e.classifier;
      const model = c.model === undefined ? "" : ` (model \`${c.model}\`)`;
      return `classifier \`${c.name}\`${model} scored ${num(c.score)} (at least ${num(e.atLeast)})`;
    }
    case "text_finding": {
      const f = e.finding;
      return `text finding \`${f.category}\` with weight ${num(f.weight)} at characters ${f.span[0]}–${f.span[1]}`;
    }
    case "report_count":
      return `${plural(e.count, "report")} (at least ${e.atLeast})`;
    case "report_reason":
      return `${plural(e.count, "report")} for ${e.reasons.map(quote).join(", ")} (at least ${e.atLeast})`;
    case "author_history":
      return `the author has ${plural(e.priorTakedowns, "prior takedown")} (at least ${e.atLeast})`;
    case "source": {
      const visibility = e.visibility === undefined ? "content" : `${e.visibility} content`;
      const platform = e.platform === undefined ? "" : ` on \`${e.platform}\``;
      return `${visibility}${platform} from source \`${e.source}\``;
    }
    case "absent":
      return `not: ${describeCondition(e.condition)}`;
  }
}

/** What a condition asks for, for `not` evidence ("not: classifier `x` at least 0.9"). */
export function describeCondition(c: Condition): string {
  switch (c.kind) {
    case "bank_match": {
      const parts = [
        c.labels && `labelled ${c.labels.map(quote).join(" or ")}`,
        c.banks && `in bank ${c.banks.map(quote).join(" or ")}`,
        c.maxDistance !== undefined && `within PDQ distance ${c.maxDistance}`,
        c.signalTypes && `via ${c.signalTypes.map((t) => SIGNAL_NAME[t]).join(" or ")}`,
      ].filter((p): p is string => typeof p === "string");
      return ["a bank match", ...parts].join(" ");
    }
    case "classifier":
      return `classifier \`${c.name}\` at least ${num(c.atLeast)}`;
    case "text_finding": {
      const categories = c.categories ? ` ${c.categories.map(quote).join(" or ")}` : "";
      const weight = c.minWeight === undefined ? "" : ` with weight at least ${num(c.minWeight)}`;
      return `a text finding${categories}${weight}`;
    }
    case "report_count":
      return `at least ${plural(c.atLeast, "report")}`;
    case "report_reason":
      return `at least ${plural(c.atLeast ?? 1, "report")} for ${c.reasons.map(quote).join(" or ")}`;
    case "author_history":
      return `an author with at least ${plural(c.priorTakedownsAtLeast, "prior takedown")}`;
    case "source": {
      const parts = [
        c.visibility && `${c.visibility} content`,
        c.platforms && `on ${c.platforms.map(quote).join(" or ")}`,
        c.sources && `from source ${c.sources.map(quote).join(" or ")}`,
      ].filter((p): p is string => typeof p === "string");
      return parts.join(" ");
    }
    case "all":
      return `all of (${c.of.map(describeCondition).join("; ")})`;
    case "any":
      return `any of (${c.of.map(describeCondition).join("; ")})`;
    case "not":
      return `not (${describeCondition(c.condition)})`;
  }
}

export function describeAction(a: Action): string {
  switch (a.kind) {
    case "remove_and_ban":
      return "remove and ban the author";
    case "review": {
      const details = [
        a.queue === undefined ? undefined : `queue \`${a.queue}\``,
        a.severity === undefined ? undefined : `severity ${a.severity}`,
      ].filter((d): d is string => d !== undefined);
      return details.length > 0 ? `review (${details.join(", ")})` : "review";
    }
    case "webhook":
      return a.event === undefined ? "send a webhook" : `send webhook \`${a.event}\``;
    case "add_to_bank":
      return `add to bank \`${a.bank}\``;
    default:
      return a.kind;
  }
}

function quote(text: string): string {
  return `\`${text}\``;
}

function num(value: number): string {
  return String(Number(value.toFixed(3)));
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}
