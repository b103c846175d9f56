import { beforeEach, describe, expect, it } from "vitest";
import { isVigilError } from "../../core/index.js";
import type { Store } from "../../store/index.js";
import {
  forEachBackend,
  manualClock,
  type ManualClock,
} from "../../../test/helpers/store-backends.js";
import { DEFAULT_RULE_SET } from "./default-policy.js";
import { PolicyService } from "./policies.js";

const rule = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  version: 1,
  mode: "live",
  when: { kind: "report_count", atLeast: 3 },
  then: [{ kind: "review" }],
  ...extra,
});

forEachBackend((backend) => {
  describe("PolicyService", () => {
    let store: Store;
    let clock: ManualClock;
    beforeEach(async () => {
      clock = manualClock();
      store = await backend.open({ clock: clock.now });
    });

    it("serves the built-in default until a rule set is stored", async () => {
      const service = new PolicyService({ store, clock: clock.now });
      expect(await service.current()).toEqual({ version: null, ruleSet: DEFAULT_RULE_SET });
    });

    it("stores a change as the next version with an audit event naming what changed", async () => {
      const service = new PolicyService({ store, clock: clock.now });
      const first = await service.update(
        { rules: [rule("a"), rule("b", { mode: "shadow" })] },
        { actor: "cli:amy", comment: "first" },
      );
      expect(first.policy).toMatchObject({ version: 1, createdBy: "cli:amy", comment: "first" });
      const second = await service.update(
        "rules:\n" +
          "  - { id: b, version: 2, mode: live, when: { kind: report_count, atLeast: 3 }, then: [{ kind: review }] }\n" +
          "  - { id: c, version: 1, mode: off, when: { kind: report_count, atLeast: 3 }, then: [{ kind: review }] }\n",
        { actor: "apikey:k1" },
      );
      expect(second.policy.version).toBe(2);
      expect((await service.current()).version).toBe(2);
      const events = (await store.audit.list()).items;
      expect(events.map((e) => [e.action, e.subjectId, e.actor])).toEqual([
        ["policy.update", "2", "apikey:k1"],
        ["policy.update", "1", "cli:amy"],
      ]);
      expect(events[0]!.details).toEqual({
        version: 2,
        previousVersion: 1,
        rules: 2,
        added: ["c"],
        removed: ["a"],
        modeChanged: ["b: shadow → live"],
        versionChanged: ["b: v1 → v2"],
        changedWithoutVersion: [],
      });
      // The first change is compared with the default rule set it replaced.
      expect(events[1]!.details).toMatchObject({
        previousVersion: null,
        comment: "first",
        removed: DEFAULT_RULE_SET.rules.map((r) => r.id),
      });
    });

    it("refuses a bad rule with its path and stores nothing", async () => {
      const service = new PolicyService({ store, clock: clock.now });
      let caught: unknown;
      try {
        await service.update({ rules: [rule("a", { mode: "loud" })] }, { actor: "test" });
      } catch (error) {
        caught = error;
      }
      expect(isVigilError(caught) && caught.code).toBe("policy/invalid-rule");
      expect(isVigilError(caught) && caught.details["path"]).toBe("rules[0].mode");
      expect(await store.policies.current()).toBeNull();
      expect((await store.audit.list()).items).toEqual([]);
    });

    it("sees another process's change once the cache is older than refreshMs", async () => {
      const reader = new PolicyService({ store, clock: clock.now, refreshMs: 2000 });
      const writer = new PolicyService({ store, clock: clock.now });
      expect((await reader.current()).version).toBeNull();
      await writer.update({ rules: [rule("a")] }, { actor: "test" });
      clock.advance(1999);
      expect((await reader.current()).version).toBeNull();
      clock.advance(1);
      expect((await reader.current()).version).toBe(1);
      await writer.update({ rules: [rule("b")] }, { actor: "test" });
      reader.invalidate();
      expect((await reader.current()).ruleSet.rules.map((r) => r.id)).toEqual(["b"]);
    });

    it("keeps the audit event small when a change touches a thousand rules", async () => {
      const service = new PolicyService({ store, clock: clock.now });
      const many = (prefix: string) =>
        Array.from({ length: 1000 }, (_, i) => rule(`${prefix}-${"x".repeat(50)}-${i}`));
      await service.update({ rules: many("old") }, { actor: "test" });
      await service.update({ rules: many("new") }, { actor: "test" });
      const [event] = (await store.audit.list({ limit: 1 })).items;
      expect(event!.details["added"]).toHaveLength(21);
      expect((event!.details["removed"] as string[])[20]).toBe("and 980 more");
    });

    it("reads a stored version back, parsed", async () => {
      const service = new PolicyService({ store, clock: clock.now });
      await service.update({ rules: [rule("a")] }, { actor: "test" });
      expect((await service.version(1))?.ruleSet.rules[0]?.id).toBe("a");
      expect(await service.version(9)).toBeNull();
    });
  });
});
