import { beforeEach, describe, expect, it } from "vitest";
import {
  forEachBackend,
  manualClock,
  type ManualClock,
} from "../../../test/helpers/store-backends.js";
import type { NewAction } from "./action-types.js";
import type { Store } from "../store.js";

const delivery = (overrides: Partial<NewAction> = {}): NewAction => ({
  key: "webhook:verdict:item-1:ep-1",
  kind: "webhook.deliver",
  subjectType: "event",
  subjectId: "verdict:item-1",
  target: "ep-1",
  outcome: "failed",
  detail: { status: 500 },
  attempts: 1,
  ...overrides,
});

forEachBackend((backend) => {
  describe("#actionLog", () => {
    let store: Store;
    let clock: ManualClock;
    beforeEach(async () => {
      clock = manualClock();
      store = await backend.open({ clock: clock.now });
    });

    it("saves an action's latest outcome: recorded the first time, updated after", async () => {
      await store.actionLog.save(delivery());
      await store.actionLog.save(delivery({ outcome: "ok", detail: { status: 200 }, attempts: 2 }));
      expect(await store.actionLog.getByKey("webhook:verdict:item-1:ep-1")).toMatchObject({
        outcome: "ok",
        detail: { status: 200 },
        attempts: 2,
      });
      expect((await store.actionLog.list()).items).toHaveLength(1);
    });

    it("records an action once per key: the first writer wins", async () => {
      const first = await store.actionLog.record(delivery());
      expect(first).toEqual({
        created: true,
        action: {
          id: expect.any(Number),
          at: "2030-01-01T00:00:00.000Z",
          key: "webhook:verdict:item-1:ep-1",
          kind: "webhook.deliver",
          subjectType: "event",
          subjectId: "verdict:item-1",
          target: "ep-1",
          outcome: "failed",
          detail: { status: 500 },
          attempts: 1,
        },
      });
      const again = await store.actionLog.record(delivery({ outcome: "ok", attempts: 9 }));
      expect(again).toEqual({ created: false, action: first.action });
      expect(await store.actionLog.getByKey(first.action.key)).toEqual(first.action);
      expect(await store.actionLog.getByKey("missing")).toBeNull();
    });

    it("fills in defaults for the optional fields", async () => {
      const { action } = await store.actionLog.record({
        key: "k",
        kind: "item.block",
        outcome: "ok",
      });
      expect(action).toMatchObject({
        subjectType: null,
        subjectId: null,
        target: null,
        detail: {},
        attempts: 0,
      });
    });

    it("keeps one row when the same key is recorded at once", async () => {
      const results = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          store.actionLog.record(delivery({ detail: { writer: i } })),
        ),
      );
      expect(results.filter((r) => r.created)).toHaveLength(1);
      const ids = new Set(results.map((r) => r.action.id));
      expect(ids.size).toBe(1);
      expect((await store.actionLog.list()).items).toHaveLength(1);
    });

    it.skipIf(!backend.persistent)(
      "keeps one row when two stores on one database record the same key",
      async () => {
        const database = backend.database();
        const a = await database.open();
        const b = await database.open();
        const results = await Promise.all([
          a.actionLog.record(delivery({ detail: { writer: "a" } })),
          b.actionLog.record(delivery({ detail: { writer: "b" } })),
        ]);
        expect(results.map((r) => r.created).sort()).toEqual([false, true]);
        expect(results[0]!.action).toEqual(results[1]!.action);
        expect((await a.actionLog.list()).items).toHaveLength(1);
      },
    );

    it("updates outcome, detail and attempts by key", async () => {
      await store.actionLog.record(delivery());
      clock.advance(5000);
      const updated = await store.actionLog.update(delivery().key, {
        outcome: "ok",
        detail: { status: 200 },
        attempts: 3,
      });
      expect(updated).toMatchObject({
        outcome: "ok",
        detail: { status: 200 },
        attempts: 3,
        at: "2030-01-01T00:00:05.000Z",
      });
      const outcomeOnly = await store.actionLog.update(delivery().key, {
        outcome: "dead_lettered",
      });
      expect(outcomeOnly).toMatchObject({
        outcome: "dead_lettered",
        detail: { status: 200 },
        attempts: 3,
      });
      await expect(store.actionLog.update("missing", { outcome: "ok" })).rejects.toMatchObject({
        code: "store/not-found",
      });
    });

    it("lists newest first, filtered and paged", async () => {
      await store.actionLog.record(delivery({ key: "a", outcome: "ok" }));
      await store.actionLog.record(
        delivery({ key: "b", kind: "item.block", subjectType: "item", subjectId: "i-1" }),
      );
      await store.actionLog.record(delivery({ key: "c", outcome: "dead_lettered" }));
      await store.actionLog.record(delivery({ key: "d", outcome: "ok" }));
      const keys = async (options: Parameters<Store["actionLog"]["list"]>[0]) =>
        (await store.actionLog.list(options)).items.map((a) => a.key);
      expect(await keys({})).toEqual(["d", "c", "b", "a"]);
      expect(await keys({ kind: "webhook.deliver" })).toEqual(["d", "c", "a"]);
      expect(await keys({ outcome: "ok" })).toEqual(["d", "a"]);
      expect(await keys({ subjectType: "item", subjectId: "i-1" })).toEqual(["b"]);
      const page = await store.actionLog.list({ limit: 3 });
      expect(page.items.map((a) => a.key)).toEqual(["d", "c", "b"]);
      expect(await keys({ before: page.next!, limit: 3 })).toEqual(["a"]);
      expect((await store.actionLog.list({ before: page.next!, limit: 3 })).next).toBeNull();
    });

    it.each([
      ["an empty key", delivery({ key: "" }), "key"],
      ["an unknown outcome", delivery({ outcome: "maybe" as never }), "outcome"],
      ["negative attempts", delivery({ attempts: -1 }), "attempts"],
      ["a detail that is not an object", delivery({ detail: [] as never }), "detail"],
    ])("refuses %s", async (_, input, field) => {
      await expect(store.actionLog.record(input)).rejects.toMatchObject({
        code: "store/invalid",
        details: { field },
      });
    });
  });
});
