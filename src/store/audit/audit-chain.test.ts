import { beforeEach, describe, expect, it } from "vitest";
import {
  forEachBackend,
  manualClock,
  type TestDatabase,
} from "../../../test/helpers/store-backends.js";
import { auditEventHash, GENESIS_HASH } from "./audit-hash.js";
import type { AuditEvent } from "./audit-types.js";
import type { Store } from "../store.js";

const OTHER_HASH = "f".repeat(64);

forEachBackend((backend) => {
  describe("#audit chain", () => {
    let database: TestDatabase;
    let store: Store;
    beforeEach(async () => {
      database = backend.database();
      store = await database.open({ clock: manualClock().now });
    });

    async function appendSome(count: number): Promise<AuditEvent[]> {
      const events: AuditEvent[] = [];
      for (let i = 0; i < count; i++) {
        events.push(
          await store.audit.append({
            actor: `moderator:m${i}`,
            action: "entry.withdraw",
            subjectType: "entry",
            subjectId: String(i),
            details: { z: i, a: { y: [i, "x"], b: null } },
          }),
        );
      }
      return events;
    }

    it("links each event to the one before it, from 64 zeros", async () => {
      const events = await appendSome(3);
      expect(events.map((e) => e.prevHash)).toEqual([
        GENESIS_HASH,
        events[0]!.hash,
        events[1]!.hash,
      ]);
      for (const event of events) {
        expect(event.hash).toBe(auditEventHash(event));
      }
      expect((await store.audit.list()).items).toEqual([...events].reverse());
    });

    it("verifies an empty chain", async () => {
      expect(await store.audit.verify()).toEqual({ ok: true, events: 0, head: GENESIS_HASH });
    });

    it("verifies an intact chain across pages", async () => {
      const events = await appendSome(7);
      const head = events[6]!.hash;
      expect(await store.audit.verify()).toEqual({ ok: true, events: 7, head });
      expect(await store.audit.verify({ pageSize: 2 })).toEqual({ ok: true, events: 7, head });
      expect(await store.audit.verify({ pageSize: 7 })).toEqual({ ok: true, events: 7, head });
    });

    it("chains the events of a transaction, and none of one rolled back", async () => {
      await appendSome(1);
      await expect(
        store.transaction(async (tx) => {
          await tx.audit.append({ actor: "system", action: "doomed" });
          throw new Error("roll back");
        }),
      ).rejects.toThrow("roll back");
      await store.transaction(async (tx) => {
        await tx.audit.append({ actor: "system", action: "kept.1" });
        await tx.audit.append({ actor: "system", action: "kept.2" });
      });
      expect(await store.audit.verify()).toMatchObject({ ok: true, events: 3 });
    });

    it("keeps one chain under 20 concurrent appends", async () => {
      await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          store.audit.append({ actor: "system", action: `burst.${i}` }),
        ),
      );
      expect(await store.audit.verify({ pageSize: 3 })).toMatchObject({ ok: true, events: 20 });
    });

    it.skipIf(!backend.persistent)(
      "keeps one chain when two stores on the same database append at once",
      async () => {
        const other = await database.open();
        await Promise.all(
          Array.from({ length: 20 }, (_, i) =>
            (i % 2 === 0 ? store : other).audit.append({ actor: "system", action: `two.${i}` }),
          ),
        );
        expect(await other.audit.verify()).toMatchObject({ ok: true, events: 20 });
        const hashes = (await store.audit.list()).items.map((e) => e.prevHash);
        expect(new Set(hashes).size).toBe(20);
      },
    );

    it("refuses a bad page size", async () => {
      await expect(store.audit.verify({ pageSize: 0 })).rejects.toMatchObject({
        code: "store/invalid",
        details: { field: "pageSize" },
      });
    });

    describe.skipIf(!backend.persistent)("tampering behind the store's back", () => {
      let events: AuditEvent[];
      beforeEach(async () => {
        events = await appendSome(5);
      });
      const id = (index: number) => events[index]!.id;

      it.each([
        ["details", `details = '{"z":99}'`],
        ["actor", "actor = 'mallory'"],
        ["time", "at = '2031-01-01T00:00:00.000Z'"],
        ["subject", "subject_id = NULL"],
      ])("names the event whose %s changed", async (_, change) => {
        await database.raw(`UPDATE audit_events SET ${change} WHERE id = ${id(2)}`);
        expect(await store.audit.verify({ pageSize: 2 })).toEqual({
          ok: false,
          events: 2,
          brokenAt: id(2),
          reason: "its contents do not match its hash: the event was changed",
        });
      });

      it("names the event after one deleted from the middle", async () => {
        await database.raw(`DELETE FROM audit_events WHERE id = ${id(2)}`);
        expect(await store.audit.verify()).toMatchObject({
          ok: false,
          events: 2,
          brokenAt: id(3),
          reason: expect.stringContaining(`does not match event ${id(1)}`),
        });
      });

      it("names the first event when it is deleted", async () => {
        await database.raw(`DELETE FROM audit_events WHERE id = ${id(0)}`);
        expect(await store.audit.verify()).toMatchObject({
          ok: false,
          events: 0,
          brokenAt: id(1),
          reason: expect.stringContaining("does not match the start of the chain"),
        });
      });

      it("names a changed hash, and the event after a recomputed one", async () => {
        await database.raw(`UPDATE audit_events SET hash = '${OTHER_HASH}' WHERE id = ${id(1)}`);
        expect(await store.audit.verify()).toMatchObject({ ok: false, brokenAt: id(1) });
        // Rewriting an event and its hash consistently still breaks the link to the next one.
        await database.raw(`UPDATE audit_events SET actor = 'mallory' WHERE id = ${id(1)}`);
        const forged = auditEventHash({ ...events[1]!, actor: "mallory" });
        await database.raw(`UPDATE audit_events SET hash = '${forged}' WHERE id = ${id(1)}`);
        expect(await store.audit.verify()).toMatchObject({
          ok: false,
          events: 2,
          brokenAt: id(2),
          reason: expect.stringContaining("prev_hash does not match"),
        });
      });

      it("names an event moved to another place in the order", async () => {
        // Swap the contents of events 1 and 3, hashes and all: the ids are hashed, so it shows.
        const [a, b] = [events[1]!, events[3]!];
        await database.raw(
          `UPDATE audit_events SET subject_id = '${b.subjectId}', details = '${JSON.stringify(b.details)}', ` +
            `actor = '${b.actor}', prev_hash = '${b.prevHash}', hash = '${b.hash}' WHERE id = ${a.id}; ` +
            `UPDATE audit_events SET subject_id = '${a.subjectId}', details = '${JSON.stringify(a.details)}', ` +
            `actor = '${a.actor}', prev_hash = '${a.prevHash}', hash = '${a.hash}' WHERE id = ${b.id}`,
        );
        expect(await store.audit.verify()).toMatchObject({ ok: false, brokenAt: a.id });
      });

      it("names an event with its hash removed", async () => {
        await database.raw(`UPDATE audit_events SET hash = NULL WHERE id = ${id(3)}`);
        expect(await store.audit.verify()).toMatchObject({
          ok: false,
          events: 3,
          brokenAt: id(3),
          reason: expect.stringContaining("no hash"),
        });
      });

      it("notices events removed from the end", async () => {
        await database.raw(`DELETE FROM audit_events WHERE id >= ${id(3)}`);
        expect(await store.audit.verify()).toMatchObject({
          ok: false,
          events: 3,
          brokenAt: id(4),
          reason: expect.stringContaining(`the last event is ${id(2)}`),
        });
      });
    });

    it.skipIf(!backend.persistent)(
      "chains events written before migration 006 when the store opens",
      async () => {
        await store.close();
        // Back to schema version 5, with history written by the Vigil of then.
        await database.raw(
          "DROP TABLE audit_chain_head; " +
            "ALTER TABLE audit_events DROP COLUMN prev_hash; " +
            "ALTER TABLE audit_events DROP COLUMN hash; " +
            "DELETE FROM schema_migrations WHERE version = 6; " +
            "INSERT INTO audit_events (at, actor, action, subject_type, subject_id, details) VALUES " +
            `('2029-01-01T00:00:00.000Z', 'system', 'old.1', NULL, NULL, '{"b":1,"a":[2,3]}'), ` +
            `('2029-01-02T00:00:00.000Z', 'cli', 'old.2', 'bank', 'victims', '{}'), ` +
            `('2029-01-03T00:00:00.000Z', 'cli', 'old.3', NULL, NULL, '{"x":{"z":1,"y":2}}')`,
        );
        const upgraded = await database.open();
        const old = (await upgraded.audit.list()).items;
        expect(old.map((e) => e.action)).toEqual(["old.3", "old.2", "old.1"]);
        expect(old[2]!.prevHash).toBe(GENESIS_HASH);
        expect(old[1]!.prevHash).toBe(old[2]!.hash);
        const added = await upgraded.audit.append({ actor: "system", action: "new" });
        expect(added.prevHash).toBe(old[0]!.hash);
        expect(await upgraded.audit.verify()).toEqual({ ok: true, events: 4, head: added.hash });
        // Opening again chains nothing twice.
        const reopened = await database.open();
        expect((await reopened.audit.list()).items).toEqual([added, ...old]);
      },
    );

    it.skipIf(!backend.persistent)("chains events inserted without hashes on re-open", async () => {
      const before = await appendSome(2);
      await database.raw(
        "INSERT INTO audit_events (at, actor, action, details) VALUES " +
          "('2030-01-01T00:00:00.000Z', 'system', 'late', '{}')",
      );
      expect(await store.audit.verify()).toMatchObject({ ok: true, events: 2 });
      const reopened = await database.open();
      const late = (await reopened.audit.list({ limit: 1 })).items[0]!;
      expect(late).toMatchObject({ action: "late", prevHash: before[1]!.hash });
      expect(await reopened.audit.verify()).toEqual({ ok: true, events: 3, head: late.hash });
    });
  });
});
