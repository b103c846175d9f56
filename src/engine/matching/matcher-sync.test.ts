import { afterEach, describe, expect, it } from "vitest";
import { forEachBackend } from "../../../test/helpers/store-backends.js";
import { syncMatcher, type MatcherSync } from "./index.js";

const MD5 = "8bbbaa9540800e378beadc8bbef7bb32";

forEachBackend((backend) => {
  describe("syncMatcher", () => {
    let sync: MatcherSync | undefined;
    afterEach(() => sync?.stop());

    it("rebuilds a worker's matcher when a bank event appears, and only then", async () => {
      const store = await backend.open();
      await store.banks.create({ id: "victims", name: "Victims", labels: ["ncii"] });
      sync = await syncMatcher(store, { intervalMs: 60_000 });
      const before = sync.current();
      expect(before.match({ md5: MD5 }).matches).toEqual([]);
      expect(await sync.refresh()).toBe(false);

      // Another process adds an entry: the store first, then its audit event (as BankService).
      await store.entries.add("victims", { signalType: "md5", value: MD5 });
      expect(await sync.refresh()).toBe(false);
      // An event about something else is not a bank change.
      await store.audit.append({ actor: "test", action: "case.open", subjectType: "case" });
      expect(await sync.refresh()).toBe(false);
      await store.audit.append({
        actor: "test",
        action: "entry.add",
        subjectType: "bank",
        subjectId: "victims",
      });
      expect(await sync.refresh()).toBe(true);
      expect(sync.current()).not.toBe(before);
      expect(sync.current().match({ md5: MD5 }).matches).toHaveLength(1);
      // The old matcher is left as it was: a lookup in flight never sees a half-built index.
      expect(before.match({ md5: MD5 }).matches).toEqual([]);
      expect(await sync.refresh()).toBe(false);
    });
  });
});
