import { beforeEach, describe, expect, it } from "vitest";
import {
  forEachBackend,
  manualClock,
  type ManualClock,
} from "../../../test/helpers/store-backends.js";
import type { Store } from "../store.js";

const PDQ_A = "f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22";
const PDQ_B = "0".repeat(63) + "1";
const MD5 = "d41d8cd98f00b204e9800998ecf8427e";
const SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
const VIDEO = `0,100,${PDQ_A},0.000\n1,98,${PDQ_B},1.000\n`;

forEachBackend((backend) => {
  describe("#entries", () => {
    let store: Store;
    let clock: ManualClock;
    beforeEach(async () => {
      clock = manualClock();
      store = await backend.open({ clock: clock.now });
      await store.banks.create({ id: "bank", name: "Bank" });
    });

    it("adds an entry with its fields and reads it back", async () => {
      const { entry, created } = await store.entries.add("bank", {
        signalType: "pdq",
        value: PDQ_A.toUpperCase(),
        quality: 100,
        source: "stopncii",
        labels: ["ncii"],
        caseNumbers: ["SN-2030-0001"],
      });
      expect(created).toBe(true);
      expect(entry).toEqual({
        id: entry.id,
        bankId: "bank",
        signalType: "pdq",
        value: PDQ_A,
        quality: 100,
        source: "stopncii",
        labels: ["ncii"],
        caseNumbers: ["SN-2030-0001"],
        status: "active",
        createdAt: "2030-01-01T00:00:00.000Z",
        updatedAt: "2030-01-01T00:00:00.000Z",
        withdrawnAt: null,
      });
      expect(Number.isInteger(entry.id) && entry.id >= 1 && entry.id <= 0xffffffff).toBe(true);
      expect(await store.entries.get(entry.id)).toEqual(entry);
      expect(await store.entries.get(entry.id + 1000)).toBeNull();
    });

    it("defaults source to api and the lists to empty", async () => {
      const { entry } = await store.entries.add("bank", { signalType: "md5", value: MD5 });
      expect(entry).toMatchObject({ source: "api", labels: [], caseNumbers: [], quality: null });
    });

    it("returns the existing entry when the same active value is added again", async () => {
      const first = await store.entries.add("bank", { signalType: "sha256", value: SHA256 });
      const again = await store.entries.add("bank", {
        signalType: "sha256",
        value: ` ${SHA256.toUpperCase()} `,
        labels: ["other"],
      });
      expect(again).toEqual({ entry: first.entry, created: false });
      expect(await store.entries.count("bank")).toEqual({ active: 1, withdrawn: 0 });
    });

    it("keeps one value in two banks, and one value under two signal types, apart", async () => {
      await store.banks.create({ id: "other", name: "Other" });
      const a = await store.entries.add("bank", { signalType: "pdq", value: PDQ_A });
      const b = await store.entries.add("other", { signalType: "pdq", value: PDQ_A });
      const c = await store.entries.add("bank", { signalType: "sha256", value: PDQ_A });
      expect(new Set([a.entry.id, b.entry.id, c.entry.id]).size).toBe(3);
      expect([a.created, b.created, c.created]).toEqual([true, true, true]);
    });

    it("stores a video hash in vPDQ's normal text form and deduplicates on it", async () => {
      const messy = `0, 100, ${PDQ_A.toUpperCase()}, 0\r\n\n1,98,${PDQ_B},1.0`;
      const { entry } = await store.entries.add("bank", { signalType: "video", value: messy });
      expect(entry.value).toBe(VIDEO);
      const again = await store.entries.add("bank", { signalType: "video", value: VIDEO });
      expect(again).toEqual({ entry, created: false });
      expect(await store.entries.find("bank", "video", messy)).toEqual([entry]);
    });

    it("withdraws an entry once, keeping the first withdrawal time", async () => {
      const { entry } = await store.entries.add("bank", { signalType: "pdq", value: PDQ_A });
      clock.advance(1000);
      const withdrawn = await store.entries.withdraw(entry.id);
      expect(withdrawn).toEqual({
        ...entry,
        status: "withdrawn",
        updatedAt: "2030-01-01T00:00:01.000Z",
        withdrawnAt: "2030-01-01T00:00:01.000Z",
      });
      clock.advance(1000);
      expect(await store.entries.withdraw(entry.id)).toEqual(withdrawn);
      expect(await store.entries.count("bank")).toEqual({ active: 0, withdrawn: 1 });
    });

    it("adds a withdrawn value again as a new entry, and finds both", async () => {
      const old = await store.entries.add("bank", { signalType: "pdq", value: PDQ_A });
      await store.entries.withdraw(old.entry.id);
      const fresh = await store.entries.add("bank", { signalType: "pdq", value: PDQ_A });
      expect(fresh.created).toBe(true);
      expect(fresh.entry.id).toBeGreaterThan(old.entry.id);
      const found = await store.entries.find("bank", "pdq", PDQ_A);
      expect(found.map((e) => [e.id, e.status])).toEqual([
        [old.entry.id, "withdrawn"],
        [fresh.entry.id, "active"],
      ]);
    });

    it("withdraws by value, as a hash list's withdrawal asks", async () => {
      const { entry } = await store.entries.add("bank", { signalType: "md5", value: MD5 });
      const withdrawn = await store.entries.withdrawValue("bank", "md5", MD5.toUpperCase());
      expect(withdrawn).toMatchObject({ id: entry.id, status: "withdrawn" });
      expect(await store.entries.withdrawValue("bank", "md5", MD5)).toBeNull();
      expect(await store.entries.find("bank", "md5", SHA256.slice(0, 32))).toEqual([]);
    });

    it("pages a bank's entries by id, with and without a status filter", async () => {
      const values = Array.from({ length: 7 }, (_, i) => i.toString(16).padStart(32, "0"));
      const { ids } = await store.entries.addMany(
        "bank",
        values.map((value) => ({ signalType: "md5" as const, value })),
      );
      await store.entries.withdraw(ids[1]!);
      await store.entries.withdraw(ids[4]!);
      const first = await store.entries.list("bank", { limit: 3 });
      expect(first.items.map((e) => e.id)).toEqual(ids.slice(0, 3));
      expect(first.next).toBe(ids[2]);
      const second = await store.entries.list("bank", { limit: 3, after: first.next! });
      expect(second.items.map((e) => e.id)).toEqual(ids.slice(3, 6));
      const last = await store.entries.list("bank", { limit: 3, after: second.next! });
      expect(last).toEqual({ items: [expect.objectContaining({ id: ids[6] })], next: null });
      const active = await store.entries.list("bank", { status: "active" });
      expect(active.items.map((e) => e.id)).toEqual([ids[0], ids[2], ids[3], ids[5], ids[6]]);
      const withdrawn = await store.entries.list("bank", { status: "withdrawn", limit: 1 });
      expect(withdrawn).toEqual({ items: [expect.objectContaining({ id: ids[1] })], next: ids[1] });
      expect(await store.entries.count("bank")).toEqual({ active: 5, withdrawn: 2 });
    });

    it("gives an empty page and zero counts for an empty bank", async () => {
      expect(await store.entries.list("bank")).toEqual({ items: [], next: null });
      expect(await store.entries.count("bank")).toEqual({ active: 0, withdrawn: 0 });
    });

    it("says not-found for a missing bank or entry", async () => {
      const entry = { signalType: "md5", value: MD5 } as const;
      const notFound = { code: "store/not-found", status: 404 };
      await expect(store.entries.add("ghost", entry)).rejects.toMatchObject(notFound);
      await expect(store.entries.addMany("ghost", [entry])).rejects.toMatchObject(notFound);
      await expect(store.entries.list("ghost")).rejects.toMatchObject(notFound);
      await expect(store.entries.count("ghost")).rejects.toMatchObject(notFound);
      await expect(store.entries.find("ghost", "md5", MD5)).rejects.toMatchObject(notFound);
      await expect(store.entries.withdrawValue("ghost", "md5", MD5)).rejects.toMatchObject(
        notFound,
      );
      await expect(store.entries.withdraw(123456)).rejects.toMatchObject(notFound);
    });

    it.each([
      ["a short PDQ", { signalType: "pdq", value: PDQ_A.slice(1) }, "entry.value"],
      [
        "a PDQ with a non-hex digit",
        { signalType: "pdq", value: "g" + PDQ_A.slice(1) },
        "entry.value",
      ],
      ["an MD5 of 64 digits", { signalType: "md5", value: SHA256 }, "entry.value"],
      ["a SHA-256 of 32 digits", { signalType: "sha256", value: MD5 }, "entry.value"],
      ["a broken vPDQ line", { signalType: "video", value: "0,100,abc,0.0" }, "entry.value"],
      ["an empty vPDQ text", { signalType: "video", value: "\n" }, "entry.value"],
      ["an unknown signal type", { signalType: "phash", value: MD5 }, "entry.signalType"],
      ["a quality of 101", { signalType: "md5", value: MD5, quality: 101 }, "entry.quality"],
      [
        "a source with spaces",
        { signalType: "md5", value: MD5, source: "my list" },
        "entry.source",
      ],
      [
        "an empty case number",
        { signalType: "md5", value: MD5, caseNumbers: [""] },
        "entry.caseNumbers[0]",
      ],
    ])("refuses %s, naming the field", async (_, entry, field) => {
      await expect(store.entries.add("bank", entry as never)).rejects.toMatchObject({
        code: "store/invalid",
        details: { field },
      });
      expect(await store.entries.count("bank")).toEqual({ active: 0, withdrawn: 0 });
    });

    it("refuses entry ids that cannot be uint32 ids", async () => {
      for (const id of [0, -1, 1.5, 2 ** 32]) {
        await expect(store.entries.get(id)).rejects.toMatchObject({ code: "store/invalid" });
      }
    });

    it("refuses bad paging options", async () => {
      await expect(store.entries.list("bank", { limit: 0 })).rejects.toMatchObject({
        code: "store/invalid",
        details: { field: "limit" },
      });
      await expect(store.entries.list("bank", { limit: 1001 })).rejects.toMatchObject({
        code: "store/invalid",
      });
      await expect(
        store.entries.list("bank", { status: "deleted" as never }),
      ).rejects.toMatchObject({ code: "store/invalid", details: { field: "status" } });
    });
  });
});
