import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { evaluate, parseRuleSet, type PolicyItem } from "../policy/index.js";
import { openStore } from "../store/index.js";
import { buildPolicyItem } from "../../test/helpers/policy.js";
import { runCli } from "./main.js";
import type { JsonObject, JsonValue } from "../core/index.js";

async function run(...argv: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

const YAML_FILE = `description: Reports
rules:
  - id: minor-reports
    version: 1
    mode: live
    when: { kind: report_reason, reasons: [minor] }
    then: [{ kind: review, severity: 5 }]
  - id: many-reports
    version: 1
    mode: shadow
    when: { kind: report_count, atLeast: 5 }
    then: [{ kind: review }]
`;

const json = (value: unknown) => JSON.parse(JSON.stringify(value)) as JsonValue;

describe("vigil policy", () => {
  let dir = "";
  let savedUrl: string | undefined;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "vigil-policy-"));
    // The commands honour VIGIL_DATABASE_URL; these tests mean the database under --data.
    savedUrl = process.env.VIGIL_DATABASE_URL;
    delete process.env.VIGIL_DATABASE_URL;
  });
  afterEach(async () => {
    if (savedUrl !== undefined) process.env.VIGIL_DATABASE_URL = savedUrl;
    await rm(dir, { recursive: true, force: true });
  });

  async function file(name: string, text: string): Promise<string> {
    const path = join(dir, name);
    await writeFile(path, text);
    return path;
  }

  /** Records evaluations as the ingest pipeline would, under the rules of `rulesText`. */
  async function seed(rulesText: string, items: [string, PolicyItem][]) {
    const store = await openStore({ url: `sqlite:${join(dir, "vigil.db")}` });
    try {
      const rules = parseRuleSet(JSON.parse(rulesText));
      for (const [itemId, item] of items) {
        const result = evaluate(rules, item);
        await store.evaluations.record({
          itemId,
          policyVersion: 1,
          facts: json(item) as JsonObject,
          verdict: result.verdict,
          fired: json(result.fired),
          shadow: json(result.shadow),
        });
      }
    } finally {
      await store.close();
    }
  }

  it("validate prints each rule in words and exits 0", async () => {
    const path = await file("rules.yaml", YAML_FILE);
    expect(await run("policy", "validate", path)).toEqual({
      code: 0,
      stdout:
        `${path}: 2 rules, valid\n` +
        "  rule `minor-reports` v1 (live): when at least 1 report for `minor` → review (severity 5)\n" +
        "  rule `many-reports` v1 (shadow: recorded, never acted on): when at least 5 reports → review\n",
      stderr: "",
    });
  });

  it("validate names the bad field and exits 1; an unreadable file exits 2", async () => {
    const path = await file("bad.yml", YAML_FILE.replace("atLeast: 5", "atLeast: -1"));
    expect(await run("policy", "validate", path)).toEqual({
      code: 1,
      stdout: "",
      stderr: `vigil policy validate: ${path}: rules[1].when.atLeast: must be a whole number from 1 to 1000000\n`,
    });
    const json = await file("bad.json", '{ "rules": [ }');
    const broken = await run("policy", "validate", json);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/line 1, column \d+: not valid JSON/);
    const missing = await run("policy", "validate", join(dir, "nope.yaml"));
    expect(missing).toMatchObject({ code: 2, stderr: expect.stringMatching(/no such file/) });
  });

  it("apply stores versions, show prints them, and a bad file stores nothing", async () => {
    const path = await file("rules.yaml", YAML_FILE);
    const before = await run("policy", "show", "--data", dir);
    expect(before.stdout).toMatch(/^the built-in default rule set \(no version stored\)\n/);

    const applied = await run("policy", "apply", path, "--comment", "first", "--data", dir);
    expect(applied.code).toBe(0);
    expect(applied.stdout).toMatch(/^stored policy version 1 \(2 rules\)\n/);
    expect(applied.stdout).toContain("  added `many-reports`\n");

    const live = await file("live.yaml", YAML_FILE.replace("mode: shadow", "mode: live"));
    expect((await run("policy", "apply", live, "--data", dir)).stdout).toBe(
      "stored policy version 2 (2 rules)\n  `many-reports` shadow → live\n",
    );
    const bad = await file("bad.yaml", "rules: [{ id: x }]\n");
    expect((await run("policy", "apply", bad, "--data", dir)).code).toBe(1);

    const shown = await run("policy", "show", "--data", dir);
    expect(shown.stdout).toMatch(/^policy version 2, stored .* by cli\n/);
    expect(shown.stdout).toContain("rule `many-reports` v1 (live)");
    const first = await run("policy", "show", "--version", "1", "--data", dir);
    expect(first.stdout).toMatch(/^policy version 1, stored .* by cli: first\n/);
    const asJson = await run("policy", "show", "--version", "1", "--json", "--data", dir);
    expect(JSON.parse(asJson.stdout).rules[1].mode).toBe("shadow");
    expect(await run("policy", "show", "--version", "3", "--data", dir)).toMatchObject({
      code: 1,
      stderr: "vigil policy show: there is no policy version 3\n",
    });
  });

  it("backtest reports exact counts over the recorded evaluations", async () => {
    const path = await file("rules.yaml", YAML_FILE);
    expect((await run("policy", "apply", path, "--data", dir)).code).toBe(0);
    const stored = (await run("policy", "show", "--json", "--data", dir)).stdout;
    await seed(stored, [
      ["quiet", buildPolicyItem()],
      ["minor", buildPolicyItem({ reportCount: 1, reportReasons: ["minor"] })],
      ["busy-1", buildPolicyItem({ reportCount: 5 })],
      ["busy-2", buildPolicyItem({ reportCount: 7 })],
    ]);
    const candidate = await file("live.yaml", YAML_FILE.replace("mode: shadow", "mode: live"));

    const report = await run("policy", "backtest", candidate, "--data", dir);
    expect(report).toEqual({
      code: 0,
      stdout:
        "backtest: the rule file against version 1\n" +
        "items: 4\n" +
        "verdicts changed: 2\n" +
        "  allow → review: 2 (e.g. busy-1, busy-2)\n" +
        "rules (fired before → after):\n" +
        "  minor-reports: 1 (live) → 1 (live)\n" +
        "  many-reports: 2 (shadow) → 2 (live)\n",
      stderr: "",
    });

    const limited = await run(
      "policy",
      "backtest",
      candidate,
      "--limit",
      "3",
      "--json",
      "--data",
      dir,
    );
    expect(JSON.parse(limited.stdout)).toMatchObject({
      baseline: { version: 1 },
      items: 3,
      changed: 1,
      transitions: [{ from: "allow", to: "review", count: 1, samples: ["busy-1"] }],
    });
    const later = await run(
      "policy",
      "backtest",
      candidate,
      "--since",
      "2999-01-01T00:00:00Z",
      "--json",
      "--data",
      dir,
    );
    expect(JSON.parse(later.stdout)).toMatchObject({ items: 0, changed: 0 });
    const noVersion = await run("policy", "backtest", candidate, "--against", "9", "--data", dir);
    expect(noVersion).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/no policy version 9/),
    });
  });
});
