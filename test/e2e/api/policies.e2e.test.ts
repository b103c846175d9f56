import { afterEach, describe, expect, it } from "vitest";
import { evaluate, parseRuleSet, type PolicyItem } from "../../../src/policy/index.js";
import { buildPolicyItem } from "../../helpers/policy.js";
import { testServer, type TestServer } from "../../helpers/server.js";
import { forEachBackend } from "../../helpers/store-backends.js";
import type { JsonObject, JsonValue } from "../../../src/core/index.js";

const reviewOnReports = (mode: "live" | "shadow", version = 1) => ({
  id: "many-reports",
  version,
  mode,
  description: "Five or more reports of any kind",
  when: { kind: "report_count", atLeast: 5 },
  then: [{ kind: "review", queue: "reports" }],
});

const minorRule = {
  id: "minor-reports",
  version: 1,
  mode: "live",
  when: { kind: "report_reason", reasons: ["minor"] },
  then: [{ kind: "review", severity: 5 }],
};

const YAML_FILE = `
description: From a YAML file
rules:
  - id: minor-reports
    version: 1
    mode: live
    when: { kind: report_reason, reasons: [minor] }
    then: [{ kind: review, severity: 5 }]
`;

const json = (value: unknown) => JSON.parse(JSON.stringify(value)) as JsonValue;

forEachBackend((backend) => {
  describe("policies API", () => {
    let server: TestServer | undefined;
    afterEach(async () => {
      await server?.app.close();
      server = undefined;
    });

    async function put(body: unknown, contentType = "application/json", token?: string) {
      const s = server!;
      const key = token ?? (await s.key(["admin"]));
      return s.app.inject({
        method: "PUT",
        url: "/v1/policies",
        headers: { authorization: `Bearer ${key}`, "content-type": contentType },
        payload: typeof body === "string" ? body : JSON.stringify(body),
      });
    }

    /** What the ingest pipeline will do: evaluate with the rules in force and record it. */
    async function ingest(itemId: string, item: PolicyItem, version: number | null) {
      const current = await server!.call("GET", "/v1/policies");
      const result = evaluate(parseRuleSet(current.json().ruleSet), item);
      await server!.store.evaluations.record({
        itemId,
        policyVersion: version,
        facts: json(item) as JsonObject,
        verdict: result.verdict,
        fired: json(result.fired),
        shadow: json(result.shadow),
      });
      return result;
    }

    it("serves the default rule set, each rule explained, before any is stored", async () => {
      server = await testServer(await backend.open());
      const response = await server.call("GET", "/v1/policies");
      expect(response.statusCode).toBe(200);
      const body = response.json();
      expect(body.version).toBeNull();
      expect(body.rules.find((r: { id: string }) => r.id === "minor-reported")).toEqual({
        id: "minor-reported",
        version: 1,
        mode: "live",
        explanation:
          "rule `minor-reported` v1 (live, severity 5): when at least 1 report for `minor` → " +
          "review (queue `urgent`, severity 5)",
      });
    });

    it("documents its routes in the OpenAPI document", async () => {
      server = await testServer(await backend.open());
      const doc = (await server.call("GET", "/openapi.json", { token: null })).json();
      expect(Object.keys(doc.paths)).toEqual(
        expect.arrayContaining([
          "/v1/policies",
          "/v1/policies/versions",
          "/v1/policies/versions/{version}",
          "/v1/policies/backtest",
        ]),
      );
      expect(Object.keys(doc.paths["/v1/policies"])).toEqual(["get", "put"]);
    });

    it("stores versions from JSON and YAML bodies, lists them and reads each back", async () => {
      server = await testServer(await backend.open());
      const first = await put({ ruleSet: { rules: [minorRule] }, comment: "first" });
      expect(first.statusCode).toBe(200);
      expect(first.json()).toMatchObject({
        version: 1,
        comment: "first",
        createdBy: expect.stringMatching(/^apikey:/),
        changes: { added: ["minor-reports"] },
      });
      const second = await put(YAML_FILE, "application/yaml");
      expect(second.statusCode).toBe(200);
      expect(second.json()).toMatchObject({
        version: 2,
        ruleSet: { description: "From a YAML file" },
      });

      const current = await server.call("GET", "/v1/policies");
      expect(current.json()).toMatchObject({
        version: 2,
        ruleSet: { description: "From a YAML file" },
      });
      const versions = await server.call("GET", "/v1/policies/versions");
      expect(versions.json().versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
      const one = await server.call("GET", "/v1/policies/versions/1");
      expect(one.json()).toMatchObject({
        version: 1,
        comment: "first",
        ruleSet: { rules: [minorRule] },
      });
      const missing = await server.call("GET", "/v1/policies/versions/9");
      expect(missing.statusCode).toBe(404);

      const audit = await server.store.audit.list({ subjectType: "policy" });
      expect(audit.items.map((e) => [e.action, e.subjectId])).toEqual([
        ["policy.update", "2"],
        ["policy.update", "1"],
      ]);
    });

    it("refuses a bad rule with the path of the bad field, in JSON and in YAML", async () => {
      server = await testServer(await backend.open());
      const bad = await put({ ruleSet: { rules: [{ ...minorRule, then: [{ kind: "delete" }] }] } });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error).toEqual({
        code: "policy/invalid-rule",
        message:
          "rules[0].then[0].kind: must be one of block, remove, remove_and_ban, review, allow, webhook, add_to_bank",
      });
      const badYaml = await put(YAML_FILE.replace("mode: live", "mode: loud"), "text/yaml");
      expect(badYaml.statusCode).toBe(400);
      expect(badYaml.json().error.message).toBe("rules[0].mode: must be one of live, shadow, off");
      const broken = await put("rules:\n  - id: [x\n", "application/yaml");
      expect(broken.json().error.message).toMatch(/^line \d+, column \d+: not valid YAML/);
      expect((await server.call("GET", "/v1/policies")).json().version).toBeNull();
    });

    it("lets policies:read keys read and backtest but only admin change the rules", async () => {
      server = await testServer(await backend.open());
      const reader = await server.key(["policies:read"]);
      const banks = await server.key(["banks:read"]);
      expect((await server.call("GET", "/v1/policies", { token: reader })).statusCode).toBe(200);
      expect((await server.call("GET", "/v1/policies", { token: banks })).statusCode).toBe(403);
      const backtest = await server.call("POST", "/v1/policies/backtest", {
        token: reader,
        json: {},
      });
      expect(backtest.statusCode).toBe(200);
      expect((await put({ ruleSet: { rules: [] } }, "application/json", reader)).statusCode).toBe(
        403,
      );
    });

    it("records a shadow rule without it changing any verdict; made live, the backtest counts the change", async () => {
      server = await testServer(await backend.open());
      await put({ ruleSet: { rules: [minorRule, reviewOnReports("shadow")] } });
      const items: [string, PolicyItem][] = [
        ["quiet-1", buildPolicyItem()],
        ["quiet-2", buildPolicyItem({ reportCount: 2, reportReasons: ["other"] })],
        ["minor-1", buildPolicyItem({ reportCount: 1, reportReasons: ["minor"] })],
        ["busy-1", buildPolicyItem({ reportCount: 5 })],
        ["busy-2", buildPolicyItem({ reportCount: 9, reportReasons: ["ncii"] })],
        ["busy-minor", buildPolicyItem({ reportCount: 6, reportReasons: ["minor"] })],
      ];
      for (const [id, item] of items) await ingest(id, item, 1);

      // Shadow: recorded with what it would have done, verdicts untouched.
      const busy = await server.store.evaluations.get("busy-1");
      expect(busy).toMatchObject({ verdict: "allow", fired: [] });
      expect(busy?.shadow).toEqual([
        expect.objectContaining({ ruleId: "many-reports", mode: "shadow" }),
      ]);
      expect(await server.store.evaluations.ruleCounts()).toEqual([
        { ruleId: "many-reports", mode: "shadow", count: 3 },
        { ruleId: "minor-reports", mode: "live", count: 2 },
      ]);

      // Backtesting the stored set against itself changes nothing and still counts shadow fires.
      const same = (await server.call("POST", "/v1/policies/backtest", { json: {} })).json();
      expect(same).toMatchObject({ items: 6, skipped: 0, changed: 0, transitions: [] });
      expect(same.rules.candidate).toEqual([
        { ruleId: "minor-reports", version: 1, mode: "live", fired: 2 },
        { ruleId: "many-reports", version: 1, mode: "shadow", fired: 3 },
      ]);

      // The same rule live: exactly the two busy items without a minor report move to review.
      const live = await server.call("POST", "/v1/policies/backtest", {
        json: { ruleSet: { rules: [minorRule, reviewOnReports("live", 2)] } },
      });
      expect(live.statusCode).toBe(200);
      expect(live.json()).toMatchObject({
        baseline: { version: 1 },
        candidate: { version: null },
        items: 6,
        changed: 2,
        before: { allow: 4, review: 2 },
        after: { allow: 2, review: 4 },
        transitions: [{ from: "allow", to: "review", count: 2, samples: ["busy-1", "busy-2"] }],
      });
      expect(live.json().rules.candidate).toEqual([
        { ruleId: "minor-reports", version: 1, mode: "live", fired: 2 },
        { ruleId: "many-reports", version: 2, mode: "live", fired: 3 },
      ]);

      // As a YAML string, limited to the first three items: none of them is busy.
      const limited = await server.call("POST", "/v1/policies/backtest", {
        json: { ruleSet: YAML_FILE, limit: 3 },
      });
      expect(limited.json()).toMatchObject({ items: 3, changed: 0 });
    });

    it("backtests against an older version and since a time, and refuses bad input", async () => {
      server = await testServer(await backend.open());
      await put({ ruleSet: { rules: [] } });
      await put({ ruleSet: { rules: [minorRule] } });
      await ingest("minor-1", buildPolicyItem({ reportCount: 1, reportReasons: ["minor"] }), 2);
      const against = await server.call("POST", "/v1/policies/backtest", {
        json: { against: 1 },
      });
      expect(against.json()).toMatchObject({
        baseline: { version: 1 },
        candidate: { version: 2 },
        changed: 1,
        transitions: [{ from: "allow", to: "review", count: 1, samples: ["minor-1"] }],
      });
      const future = await server.call("POST", "/v1/policies/backtest", {
        json: { against: 1, since: "2999-01-01T00:00:00Z" },
      });
      expect(future.json()).toMatchObject({ items: 0, changed: 0 });
      const noVersion = await server.call("POST", "/v1/policies/backtest", {
        json: { against: 7 },
      });
      expect(noVersion.statusCode).toBe(404);
      const badRule = await server.call("POST", "/v1/policies/backtest", {
        json: { ruleSet: { rules: [{ ...minorRule, version: 0 }] } },
      });
      expect(badRule.json().error).toMatchObject({
        code: "policy/invalid-rule",
        message: "rules[0].version: must be a whole number from 1 to 9007199254740991",
      });
    });
  });
});
