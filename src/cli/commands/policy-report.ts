import type { PolicyBacktestSummary } from "../../engine/index.js";

/**
 * A backtest as a person reads it: what was compared, how many items, what would change (largest
 * first, with a few item ids to look at), and how often each rule fired on each side.
 */
export function formatBacktest(s: PolicyBacktestSummary): string {
  const name = (v: number | null, fallback: string) => (v === null ? fallback : `version ${v}`);
  const lines = [
    `backtest: ${name(s.candidate.version, "the rule file")} against ` +
      `${name(s.baseline.version, "the built-in default")}`,
    `items: ${s.items}${s.skipped > 0 ? ` (${s.skipped} unreadable records skipped)` : ""}`,
    `verdicts changed: ${s.changed}`,
  ];
  for (const t of s.transitions) {
    lines.push(`  ${t.from} → ${t.to}: ${t.count} (e.g. ${t.samples.join(", ")})`);
  }
  lines.push("rules (fired before → after):");
  const before = new Map(s.rules.baseline.map((r) => [r.ruleId, r]));
  const seen = new Set<string>();
  for (const r of s.rules.candidate) {
    seen.add(r.ruleId);
    const was = before.get(r.ruleId);
    const from = was ? `${was.fired} (${was.mode})` : "new";
    lines.push(`  ${r.ruleId}: ${from} → ${r.fired} (${r.mode})`);
  }
  for (const r of s.rules.baseline) {
    if (!seen.has(r.ruleId)) lines.push(`  ${r.ruleId}: ${r.fired} (${r.mode}) → removed`);
  }
  return `${lines.join("\n")}\n`;
}
