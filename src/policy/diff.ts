/**
 * diffRuleSets: what changed between two rule sets, by rule id — the summary an audit event and
 * a reviewer of a policy change want ("added `x`; `y` shadow → live"), without the full rules.
 */
import type { RuleMode, RuleSet } from "./rule-types.js";

export interface RuleSetDiff {
  readonly added: readonly string[];
  readonly removed: readonly string[];
  /** Rules whose mode changed, e.g. a shadow rule made live. */
  readonly modeChanged: readonly {
    readonly ruleId: string;
    readonly from: RuleMode;
    readonly to: RuleMode;
  }[];
  /** Rules whose version changed (their content may differ). */
  readonly versionChanged: readonly {
    readonly ruleId: string;
    readonly from: number;
    readonly to: number;
  }[];
  /** Rules with the same id and version but different content: someone forgot to raise the version. */
  readonly changedWithoutVersion: readonly string[];
}

export function diffRuleSets(before: RuleSet, after: RuleSet): RuleSetDiff {
  const old = new Map(before.rules.map((r) => [r.id, r]));
  const now = new Map(after.rules.map((r) => [r.id, r]));
  const kept = after.rules.filter((r) => old.has(r.id));
  const pairs = kept.map((r) => ({ was: old.get(r.id)!, is: r }));
  return {
    added: after.rules.filter((r) => !old.has(r.id)).map((r) => r.id),
    removed: before.rules.filter((r) => !now.has(r.id)).map((r) => r.id),
    modeChanged: pairs
      .filter(({ was, is }) => was.mode !== is.mode)
      .map(({ was, is }) => ({ ruleId: is.id, from: was.mode, to: is.mode })),
    versionChanged: pairs
      .filter(({ was, is }) => was.version !== is.version)
      .map(({ was, is }) => ({ ruleId: is.id, from: was.version, to: is.version })),
    changedWithoutVersion: pairs
      .filter(({ was, is }) => was.version === is.version && !sameRule(was, is))
      .map(({ is }) => is.id),
  };
}

/** Mode is compared on its own above; here the rest of the rule, whatever its key order. */
function sameRule(a: object, b: object): boolean {
  const strip = (r: object) => JSON.stringify(sorted({ ...r, mode: undefined }));
  return strip(a) === strip(b);
}

function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (typeof value !== "object" || value === null) return value;
  const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries.map(([k, v]) => [k, sorted(v)]));
}
