/**
 * decideVerdict: what the bank matches of one scan mean, with reasons a moderator, an appeal or a
 * statement of reasons can quote. A pure function of its inputs, so it can be replayed and
 * backtested. `block` wins over `review`, which wins over `allow`.
 */
import type { BankMatch, MatcherBank } from "./matcher-types.js";

export type VerdictKind = "allow" | "review" | "block";

export interface Verdict {
  readonly verdict: VerdictKind;
  /** One sentence per matching bank, blocking banks first; "no bank matched" when none did. */
  readonly reasons: readonly string[];
}

const SIGNAL_NAME = { pdq: "PDQ", md5: "MD5", sha256: "SHA-256", video: "vPDQ" } as const;
const STRENGTH = { md5: 0, sha256: 0, pdq: 1, video: 2 } as const;

export function decideVerdict(
  matches: readonly BankMatch[],
  banks: Iterable<MatcherBank>,
): Verdict {
  const byId = new Map<string, MatcherBank>();
  for (const bank of banks) byId.set(bank.id, bank);
  // The best match of each enabled bank speaks for it; the others are counted.
  const best = new Map<string, { match: BankMatch; count: number; bank: MatcherBank }>();
  for (const match of matches) {
    const bank = byId.get(match.bankId);
    if (!bank?.enabled) continue;
    const seen = best.get(bank.id);
    if (!seen) best.set(bank.id, { match, count: 1, bank });
    else {
      seen.count++;
      if (isBetter(match, seen.match)) seen.match = match;
    }
  }
  if (best.size === 0) return { verdict: "allow", reasons: ["no bank matched"] };
  const ranked = [...best.values()].sort(
    (a, b) =>
      (a.bank.action === b.bank.action ? 0 : a.bank.action === "block" ? -1 : 1) ||
      (a.bank.id < b.bank.id ? -1 : a.bank.id > b.bank.id ? 1 : 0),
  );
  const verdict = ranked[0]!.bank.action;
  return { verdict, reasons: ranked.map(({ match, count, bank }) => reason(match, count, bank)) };
}

function isBetter(a: BankMatch, b: BankMatch): boolean {
  const strength = STRENGTH[a.signalType] - STRENGTH[b.signalType];
  return strength < 0 || (strength === 0 && a.distance < b.distance);
}

/** "matched bank `victim-submissions` (ncii) at distance 12 via PDQ → block" */
function reason(match: BankMatch, count: number, bank: MatcherBank): string {
  const labels = match.labels.length > 0 ? ` (${match.labels.join(", ")})` : "";
  const details = match.details;
  let how: string;
  if (details.kind === "digest") how = `exactly via ${SIGNAL_NAME[match.signalType]}`;
  else if (details.kind === "pdq") {
    const variant = details.variant === "original" ? "" : ` (${details.variant})`;
    how = `at distance ${match.distance} via PDQ${variant}`;
  } else {
    const q = Math.round(details.queryMatchPercent);
    const b = Math.round(details.bankMatchPercent);
    how = `via vPDQ (${q}% of the upload's frames, ${b}% of the banked video's)`;
  }
  const more = count > 1 ? `, and ${count - 1} more entr${count === 2 ? "y" : "ies"}` : "";
  return `matched bank \`${bank.id}\`${labels} ${how}${more} → ${bank.action}`;
}
