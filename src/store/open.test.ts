import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { openStore } from "./index.js";
import { parseStoreUrl } from "./url.js";
import { newId } from "./ids.js";
import { MIGRATIONS } from "./migrations/list.js";

describe("parseStoreUrl", () => {
  it.each([
    ["sqlite:./data/vigil.db", { backend: "sqlite", file: "./data/vigil.db" }],
    ["sqlite://./data/vigil.db", { backend: "sqlite", file: "./data/vigil.db" }],
    ["sqlite:///var/lib/vigil.db", { backend: "sqlite", file: "/var/lib/vigil.db" }],
    ["sqlite::memory:", { backend: "sqlite", file: ":memory:" }],
    [":memory:", { backend: "sqlite", file: ":memory:" }],
    ["./data/vigil.db", { backend: "sqlite", file: "./data/vigil.db" }],
    ["/var/lib/vigil.db", { backend: "sqlite", file: "/var/lib/vigil.db" }],
    ["C:\\data\\vigil.db", { backend: "sqlite", file: "C:\\data\\vigil.db" }],
    ["postgres://u:p@db:5432/vigil", { backend: "postgres", url: "postgres://u:p@db:5432/vigil" }],
    ["postgresql://db/vigil", { backend: "postgres", url: "postgresql://db/vigil" }],
  ])("reads %s", (url, location) => {
    expect(parseStoreUrl(url)).toEqual(location);
  });

  it.each(["", "  ", "mysql://db/vigil", "sqlite:", "https://example.com/db"])(
    "refuses %j as a store/invalid-url",
    (url) => {
      expect(() => parseStoreUrl(url)).toThrow(
        expect.objectContaining({ code: "store/invalid-url" }),
      );
    },
  );
});

describe("openStore", () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("creates the SQLite file's directory and turns on WAL and foreign keys", async () => {
    dir = mkdtempSync(join(tmpdir(), "vigil-open-"));
    const file = join(dir, "nested", "deeper", "vigil.db");
    const store = await openStore({ url: file });
    try {
      expect(existsSync(file)).toBe(true);
      const db = new Database(file, { readonly: true });
      expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
      db.close();
      // Foreign keys hold: an entry cannot outlive its bank.
      await store.banks.create({ id: "b", name: "B" });
      const { entry } = await store.entries.add("b", { signalType: "md5", value: "a".repeat(32) });
      await store.banks.delete("b");
      expect(await store.entries.get(entry.id)).toBeNull();
    } finally {
      await store.close();
    }
  });

  it("says store/unavailable when PostgreSQL does not answer", async () => {
    await expect(
      openStore({ url: "postgres://nobody@127.0.0.1:1/none", connectTimeoutMs: 2000 }),
    ).rejects.toMatchObject({ code: "store/unavailable", status: 503 });
  });

  it("refuses programmer mistakes in the options with a RangeError", async () => {
    await expect(openStore({ url: ":memory:", schema: "s" })).rejects.toThrow(RangeError);
    await expect(openStore({ url: "postgres://127.0.0.1/x", schema: "Bad-Name" })).rejects.toThrow(
      RangeError,
    );
    await expect(openStore({ url: ":memory:", busyTimeoutMs: 0 })).rejects.toThrow(RangeError);
  });

  it("refuses an unsupported URL scheme", async () => {
    await expect(openStore({ url: "mysql://db/vigil" })).rejects.toMatchObject({
      code: "store/invalid-url",
    });
  });
});

describe("migrations", () => {
  it("are numbered 1, 2, 3… in order, with SQL for both dialects", () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    for (const migration of MIGRATIONS) {
      expect(migration.sqlite.trim()).not.toBe("");
      expect(migration.postgres.trim()).not.toBe("");
    }
  });
});

describe("newId", () => {
  it("makes version-7 UUIDs that sort in the order they were made, even within a millisecond", () => {
    const at = new Date("2030-01-01T00:00:00.000Z");
    const ids = Array.from({ length: 5000 }, () => newId(at));
    for (const id of ids)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    expect(newId(new Date("2030-01-01T00:00:01.000Z")) > ids[ids.length - 1]!).toBe(true);
  });
});
