import { describe, expect, it } from "vitest";
import { seeded } from "../../../test/helpers/pdq-random.js";
import { IdTable } from "./id-table.js";

describe("IdTable", () => {
  it("agrees with a Map through growth and heavy churn, extreme keys included", () => {
    const next = seeded(7);
    const table = new IdTable();
    const model = new Map<number, number>();
    for (let step = 0; step < 200_000; step++) {
      // A small key space makes probe runs collide, which is what backward shifts must survive.
      const key = step % 5 === 0 ? [0, 0xffffffff][step % 2]! : next() % 50_000;
      if (next() % 3 === 0) {
        expect(table.delete(key)).toBe(model.delete(key));
      } else {
        const value = next();
        table.set(key, value);
        model.set(key, value);
      }
    }
    expect(table.size).toBe(model.size);
    for (let key = 0; key < 50_000; key++) expect(table.get(key)).toBe(model.get(key));
    expect(table.get(0xffffffff)).toBe(model.get(0xffffffff));
    const seen = new Map<number, number>();
    table.forEach((key, value) => seen.set(key, value));
    expect(seen).toEqual(model);
  });

  it("stores zero as a value and tells it apart from a missing key", () => {
    const table = new IdTable(10);
    table.set(5, 0);
    expect(table.get(5)).toBe(0);
    expect(table.has(5)).toBe(true);
    expect(table.get(6)).toBeUndefined();
    expect(table.delete(6)).toBe(false);
  });
});
