import { beforeEach, describe, expect, it } from "vitest";
import { forEachBackend } from "../../../test/helpers/store-backends.js";
import type { IndexableEntry, NewBankEntry } from "./bank-types.js";
import type { Store } from "../store.js";

const pdq = (i: number): NewBankEntry => ({
  signalType: "pdq",
  value: i.toString(16).padStart(64, "0"),
  quality: i % 101,
  source: "import",
});

async function collect(pages: AsyncIterable<readonly IndexableEntry[]>) {
  const sizes: number[] = [];
  const entries: IndexableEntry[] = [];
  for await (const page of pages) {
    sizes.push(page.length);
    entries.push(...page);
  }
  return { sizes, entries };
}

forEachBackend((backend) => {
  describe("#entries.addMany and #entries.iterateActive", () => {
    let store: Store;
    beforeEach(async () => {
      store = await backend.open();
      await store.banks.create({ id: "bank", name: "Bank" });
    });

    it("adds 50,000 entries in one call, then skips them all on a re-import", async () => {
      const batch = Array.from({ length: 50_000 }, (_, i) => pdq(i));
      const first = await store.entries.addMany("bank", batch);
      expect(first.added).toBe(50_000);
      expect(first.duplicates).toBe(0);
      expect(new Set(first.ids).size).toBe(50_000);
      expect(first.ids.every((id, i) => i === 0 || id > first.ids[i - 1]!)).toBe(true);
      expect(await store.entries.count("bank")).toEqual({ active: 50_000, withdrawn: 0 });

      const again = await store.entries.addMany("bank", [...batch, pdq(50_000)]);
      expect(again.added).toBe(1);
      expect(again.duplicates).toBe(50_000);
      expect(again.ids.slice(0, 50_000)).toEqual(first.ids);

      const { sizes, entries } = await collect(store.entries.iterateActive());
      expect(sizes).toEqual([10_000, 10_000, 10_000, 10_000, 10_000, 1]);
      expect(entries.map((e) => e.id)).toEqual([...first.ids, again.ids[50_000]]);
      expect(entries[7]).toEqual({
        id: first.ids[7],
        bankId: "bank",
        signalType: "pdq",
        value: pdq(7).value,
        quality: 7,
      });
    });

    it("maps repeated inputs to one entry and says which inputs were duplicates", async () => {
      const existing = await store.entries.add("bank", pdq(1));
      const result = await store.entries.addMany("bank", [pdq(2), pdq(1), pdq(2), pdq(3)]);
      expect(result.added).toBe(2);
      expect(result.duplicates).toBe(2);
      const [two, one, twoAgain, three] = result.ids;
      expect(one).toBe(existing.entry.id);
      expect(twoAgain).toBe(two);
      expect(new Set([one, two, three]).size).toBe(3);
      expect((await store.entries.get(three!))?.value).toBe(pdq(3).value);
    });

    it("adds nothing when any input is invalid", async () => {
      const batch = [pdq(1), pdq(2), { signalType: "md5", value: "nope" } as const];
      await expect(store.entries.addMany("bank", batch)).rejects.toMatchObject({
        code: "store/invalid",
        details: { field: "entries[2].value" },
      });
      expect(await store.entries.count("bank")).toEqual({ active: 0, withdrawn: 0 });
    });

    it("accepts an empty list", async () => {
      expect(await store.entries.addMany("bank", [])).toEqual({ ids: [], added: 0, duplicates: 0 });
    });

    it("iterates the active entries of enabled and disabled banks, in id order", async () => {
      await store.banks.create({ id: "disabled", name: "Off", enabled: false });
      const a = await store.entries.addMany("bank", [pdq(1), pdq(2), pdq(3), pdq(4)]);
      const b = await store.entries.addMany("disabled", [pdq(5), pdq(6)]);
      const md5 = await store.entries.add("disabled", { signalType: "md5", value: "a".repeat(32) });
      const c = await store.entries.addMany("bank", [pdq(7), pdq(8), pdq(9)]);
      await store.entries.withdraw(a.ids[1]!);
      await store.entries.withdraw(c.ids[0]!);

      const { sizes, entries } = await collect(store.entries.iterateActive({ pageSize: 3 }));
      const expected = [a.ids[0], a.ids[2], a.ids[3], ...b.ids, md5.entry.id, c.ids[1], c.ids[2]];
      expect(entries.map((e) => e.id)).toEqual(expected);
      expect(sizes).toEqual([3, 3, 2]);
      expect(entries.find((e) => e.id === b.ids[0])).toMatchObject({ bankId: "disabled" });

      const onlyPdq = await collect(store.entries.iterateActive({ signalType: "pdq" }));
      expect(onlyPdq.entries.map((e) => e.id)).toEqual(
        expected.filter((id) => id !== md5.entry.id),
      );
      expect(onlyPdq.sizes).toEqual([7]);
    });

    it("iterates nothing in an empty store, and ends exactly on a full last page", async () => {
      expect((await collect(store.entries.iterateActive())).sizes).toEqual([]);
      await store.entries.addMany("bank", [pdq(1), pdq(2), pdq(3), pdq(4)]);
      expect((await collect(store.entries.iterateActive({ pageSize: 2 }))).sizes).toEqual([2, 2]);
    });

    it("refuses a page size out of range at the call", () => {
      expect(() => store.entries.iterateActive({ pageSize: 0 })).toThrow(
        expect.objectContaining({ code: "store/invalid" }),
      );
      expect(() => store.entries.iterateActive({ pageSize: 50_001 })).toThrow(
        expect.objectContaining({ code: "store/invalid" }),
      );
    });
  });
});
