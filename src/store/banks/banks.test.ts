import { beforeEach, describe, expect, it } from "vitest";
import {
  forEachBackend,
  manualClock,
  type ManualClock,
} from "../../../test/helpers/store-backends.js";
import type { Store } from "../store.js";

forEachBackend((backend) => {
  describe("#banks", () => {
    let store: Store;
    let clock: ManualClock;
    beforeEach(async () => {
      clock = manualClock();
      store = await backend.open({ clock: clock.now });
    });

    it("creates a bank with defaults and reads it back", async () => {
      const bank = await store.banks.create({ id: "victim-submissions", name: "Victims" });
      expect(bank).toEqual({
        id: "victim-submissions",
        name: "Victims",
        description: "",
        labels: [],
        enabled: true,
        matchThreshold: 31,
        action: "block",
        createdAt: "2030-01-01T00:00:00.000Z",
        updatedAt: "2030-01-01T00:00:00.000Z",
      });
      expect(await store.banks.get("victim-submissions")).toEqual(bank);
      expect(await store.banks.get("nope")).toBeNull();
    });

    it("keeps every field given at creation", async () => {
      const bank = await store.banks.create({
        id: "deepfakes-2",
        name: "Deepfakes",
        description: "Reported deepfakes,\nconfirmed by moderators",
        labels: ["ncii", "deepfake", "ncii"],
        enabled: false,
        matchThreshold: 0,
        action: "review",
      });
      expect(bank).toMatchObject({
        labels: ["ncii", "deepfake"],
        enabled: false,
        matchThreshold: 0,
        action: "review",
        description: "Reported deepfakes,\nconfirmed by moderators",
      });
      expect(await store.banks.get("deepfakes-2")).toEqual(bank);
    });

    it("lists banks by id", async () => {
      for (const id of ["b", "a", "c-1"]) await store.banks.create({ id, name: id });
      expect((await store.banks.list()).map((bank) => bank.id)).toEqual(["a", "b", "c-1"]);
    });

    it("refuses a second bank with the same id", async () => {
      await store.banks.create({ id: "one", name: "One" });
      await expect(store.banks.create({ id: "one", name: "Again" })).rejects.toMatchObject({
        code: "store/conflict",
        status: 409,
      });
    });

    it("updates only the fields given, and the update time", async () => {
      const created = await store.banks.create({ id: "b", name: "B", labels: ["ncii"] });
      clock.advance(1);
      const updated = await store.banks.update("b", { enabled: false, matchThreshold: 12 });
      expect(updated).toEqual({
        ...created,
        enabled: false,
        matchThreshold: 12,
        updatedAt: "2030-01-01T00:00:00.001Z",
      });
      const renamed = await store.banks.update("b", { name: "Renamed", labels: [] });
      expect(renamed).toMatchObject({ name: "Renamed", labels: [], enabled: false });
      expect(await store.banks.get("b")).toEqual(renamed);
    });

    it("says not-found when updating or deleting a missing bank", async () => {
      await expect(store.banks.update("ghost", { name: "x" })).rejects.toMatchObject({
        code: "store/not-found",
        status: 404,
      });
      await expect(store.banks.delete("ghost")).rejects.toMatchObject({ code: "store/not-found" });
    });

    it("deletes a bank together with its entries", async () => {
      await store.banks.create({ id: "gone", name: "Gone" });
      await store.banks.create({ id: "kept", name: "Kept" });
      const { ids } = await store.entries.addMany("gone", [
        { signalType: "md5", value: "0".repeat(32) },
        { signalType: "md5", value: "1".repeat(32) },
      ]);
      const kept = await store.entries.add("kept", { signalType: "md5", value: "0".repeat(32) });
      expect(await store.banks.delete("gone")).toEqual({ deletedEntries: 2 });
      expect(await store.banks.get("gone")).toBeNull();
      expect(await store.entries.get(ids[0]!)).toBeNull();
      expect(await store.entries.get(kept.entry.id)).toEqual(kept.entry);
    });

    it.each([
      ["an id with capitals", { id: "Bad", name: "x" }, "bank id"],
      ["an id ending in '-'", { id: "bad-", name: "x" }, "bank id"],
      ["an empty name", { id: "ok", name: "  " }, "name"],
      ["a threshold above 47", { id: "ok", name: "x", matchThreshold: 48 }, "matchThreshold"],
      ["a fractional threshold", { id: "ok", name: "x", matchThreshold: 3.5 }, "matchThreshold"],
      ["an unknown action", { id: "ok", name: "x", action: "delete" }, "action"],
      ["a label with spaces", { id: "ok", name: "x", labels: ["two words"] }, "labels[0]"],
      ["a name with a NUL", { id: "ok", name: "a\u0000b" }, "name"],
    ])("refuses %s, naming the field", async (_, bank, field) => {
      await expect(store.banks.create(bank as never)).rejects.toMatchObject({
        code: "store/invalid",
        status: 400,
        details: { field },
      });
      expect(await store.banks.list()).toEqual([]);
    });

    it("refuses an invalid patch and keeps the bank as it was", async () => {
      const bank = await store.banks.create({ id: "b", name: "B" });
      await expect(store.banks.update("b", { matchThreshold: -1 })).rejects.toMatchObject({
        code: "store/invalid",
      });
      expect(await store.banks.get("b")).toEqual(bank);
    });
  });
});
