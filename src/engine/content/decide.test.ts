import { describe, expect, it } from "vitest";
import { formatPdqHex } from "../../hash/index.js";
import { parseRuleSet } from "../../policy/index.js";
import { randomHash, seeded } from "../../../test/helpers/pdq-random.js";
import { BankMatcher } from "../matching/index.js";
import { decideContent, matchAll, NO_HISTORY, NO_RULES, type DecideInput } from "./decide.js";

const A = formatPdqHex(randomHash(seeded(5)));
const B = formatPdqHex(randomHash(seeded(6)));

function matcher(): BankMatcher {
  const banks = new BankMatcher();
  banks.setBank({
    id: "victims",
    enabled: true,
    matchThreshold: 31,
    action: "block",
    labels: ["ncii"],
  });
  banks.addEntry({ id: 1, bankId: "victims", signalType: "pdq", value: A, labels: [] });
  return banks;
}

const reportedTwice = parseRuleSet({
  rules: [
    {
      id: "reported",
      version: 1,
      mode: "live",
      when: { kind: "report_count", atLeast: 2 },
      then: [{ kind: "review" }],
    },
  ],
});

function input(pdq: string, extra: Partial<DecideInput> = {}): DecideInput {
  const banks = matcher();
  return {
    origin: { source: "scan" },
    matches: matchAll(banks, [{ pdq: [{ hash: pdq, quality: 100 }] }]).matches,
    banks: banks.banks(),
    analysis: [],
    history: NO_HISTORY,
    ruleSet: reportedTwice,
    nothingFound: "nothing found",
    ...extra,
  };
}

describe("decideContent", () => {
  it("blocks banked content with the bank's reason, by the banks alone when there are no rules", () => {
    const decision = decideContent(input(A, { ruleSet: NO_RULES }));
    expect(decision.verdict).toBe("block");
    expect(decision.reasons).toEqual([
      "matched bank `victims` (ncii) at distance 0 via PDQ → block",
    ]);
    expect(decision.facts.bankMatches).toHaveLength(1);
  });

  it("gives the caller's sentence when no bank matched and no rule fired", () => {
    const decision = decideContent(input(B));
    expect(decision).toMatchObject({ verdict: "allow", reasons: ["nothing found"] });
    expect(decision.evaluation.fired).toEqual([]);
  });

  it("lets history fire a rule for an item, which a scan (no history) never does", () => {
    const history = { reportCount: 2, reportReasons: ["ncii", "ncii"], authorPriorTakedowns: 0 };
    const item = decideContent(input(B, { origin: { source: "stream" }, history }));
    expect(item.verdict).toBe("review");
    expect(item.reasons).toHaveLength(1);
    expect(item.facts).toMatchObject({ source: "stream", reportCount: 2 });
    expect(decideContent(input(B)).verdict).toBe("allow");
  });

  it("puts the banks' reasons before the rules' and keeps the stronger verdict", () => {
    const history = { reportCount: 3, reportReasons: [], authorPriorTakedowns: 0 };
    const decision = decideContent(input(A, { history }));
    expect(decision.verdict).toBe("block");
    expect(decision.reasons[0]).toMatch(/^matched bank `victims`/);
    expect(decision.reasons).toHaveLength(2);
  });
});
