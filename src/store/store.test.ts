import { describe, expect, it } from "vitest";
import { forEachBackend, manualClock } from "../../test/helpers/store-backends.js";
import { MIGRATIONS } from "./migrations/list.js";

forEachBackend((backend) => {
  describe("#openStore and the store itself", () => {
    it("applies every migration to a new database, in order", async () => {
      const store = await backend.open({ clock: manualClock().now });
      expect(store.backend).toBe(backend.name === "postgres" ? "postgres" : "sqlite");
      expect(await store.appliedMigrations()).toEqual(
        MIGRATIONS.map(({ version, name }) => ({
          version,
          name,
          appliedAt: "2030-01-01T00:00:00.000Z",
        })),
      );
      await expect(store.ping()).resolves.toBeUndefined();
    });

    it.skipIf(!backend.persistent)(
      "re-opens a database without re-running migrations",
      async () => {
        const database = backend.database();
        const first = await database.open({ clock: manualClock("2030-01-01T00:00:00.000Z").now });
        await first.banks.create({ id: "kept", name: "Kept" });
        const applied = await first.appliedMigrations();
        await first.close();
        const again = await database.open({ clock: manualClock("2031-06-01T00:00:00.000Z").now });
        expect(await again.appliedMigrations()).toEqual(applied);
        expect(await again.banks.get("kept")).toMatchObject({ name: "Kept" });
      },
    );

    it.skipIf(!backend.persistent)("refuses a database migrated by a newer Vigil", async () => {
      const database = backend.database();
      await (await database.open()).close();
      await database.raw(
        "INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'future', '2040-01-01T00:00:00Z')",
      );
      await expect(database.open()).rejects.toMatchObject({
        code: "store/schema-too-new",
        details: { databaseVersion: 999 },
      });
    });

    it("commits a transaction's writes together", async () => {
      const store = await backend.open();
      const bank = await store.transaction(async (tx) => {
        const created = await tx.banks.create({ id: "atomic", name: "A" });
        await tx.audit.append({
          actor: "system",
          action: "bank.create",
          subjectType: "bank",
          subjectId: "atomic",
        });
        return created;
      });
      expect(await store.banks.get("atomic")).toEqual(bank);
      expect((await store.audit.list({ subjectType: "bank" })).items).toHaveLength(1);
    });

    it("rolls back every write of a transaction that throws, nested calls included", async () => {
      const store = await backend.open();
      const failure = store.transaction(async (tx) => {
        await tx.banks.create({ id: "rolled-back", name: "R" });
        // addMany runs its own transaction, which joins this one.
        await tx.entries.addMany("rolled-back", [{ signalType: "md5", value: "a".repeat(32) }]);
        await tx.audit.append({ actor: "system", action: "bank.create" });
        throw new Error("changed my mind");
      });
      await expect(failure).rejects.toThrow("changed my mind");
      expect(await store.banks.list()).toEqual([]);
      expect((await store.audit.list()).items).toEqual([]);
      // The store still works after the rollback.
      await store.banks.create({ id: "after", name: "After" });
    });

    it("rolls back a transaction whose statement fails, with the store's error", async () => {
      const store = await backend.open();
      await store.banks.create({ id: "taken", name: "T" });
      const failure = store.transaction(async (tx) => {
        await tx.banks.create({ id: "fresh", name: "F" });
        await tx.banks.create({ id: "taken", name: "T" });
      });
      await expect(failure).rejects.toMatchObject({ code: "store/conflict" });
      expect((await store.banks.list()).map((b) => b.id)).toEqual(["taken"]);
    });

    it("runs calls made at once without mixing them into each other's transactions", async () => {
      const store = await backend.open();
      await store.banks.create({ id: "busy", name: "Busy" });
      const work = Array.from({ length: 20 }, (_, i) =>
        i % 2 === 0
          ? store.entries.add("busy", {
              signalType: "md5",
              value: i.toString(16).padStart(32, "0"),
            })
          : store.transaction(async (tx) => {
              await tx.entries.add("busy", {
                signalType: "md5",
                value: i.toString(16).padStart(32, "0"),
              });
              throw new Error("roll back");
            }),
      );
      const results = await Promise.allSettled(work);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(10);
      expect(await store.entries.count("busy")).toEqual({ active: 10, withdrawn: 0 });
    });

    it("refuses calls after close, and closes twice quietly", async () => {
      const store = await backend.open();
      await store.close();
      await expect(store.banks.list()).rejects.toThrow(/closed|ended/);
      await expect(store.close()).resolves.toBeUndefined();
    });
  });
});
