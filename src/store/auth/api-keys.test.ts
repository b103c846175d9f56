import { createHash } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import {
  forEachBackend,
  manualClock,
  type ManualClock,
} from "../../../test/helpers/store-backends.js";
import type { NewApiKey } from "./key-types.js";
import type { Store } from "../store.js";

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

const key = (overrides: Partial<NewApiKey> = {}): NewApiKey => ({
  name: "Platform A",
  prefix: "vgl_ab12cd",
  secretHash: sha256("secret"),
  scopes: ["scan", "report"],
  ...overrides,
});

forEachBackend((backend) => {
  describe("#apiKeys", () => {
    let store: Store;
    let clock: ManualClock;
    beforeEach(async () => {
      clock = manualClock();
      store = await backend.open({ clock: clock.now });
    });

    it("creates a key holding only the secret's hash, and finds it by prefix", async () => {
      const created = await store.apiKeys.create(key({ rateLimitPerMinute: 600 }));
      expect(created).toEqual({
        id: expect.any(String),
        name: "Platform A",
        prefix: "vgl_ab12cd",
        secretHash: sha256("secret"),
        scopes: ["scan", "report"],
        rateLimitPerMinute: 600,
        createdAt: "2030-01-01T00:00:00.000Z",
        lastUsedAt: null,
        revokedAt: null,
      });
      expect(await store.apiKeys.findByPrefix("vgl_ab12cd")).toEqual(created);
      expect(await store.apiKeys.get(created.id)).toEqual(created);
      expect(await store.apiKeys.findByPrefix("vgl_AB12CD")).toBeNull();
    });

    it("refuses a second key with the same prefix", async () => {
      await store.apiKeys.create(key());
      await expect(store.apiKeys.create(key({ name: "Other" }))).rejects.toMatchObject({
        code: "store/conflict",
      });
    });

    it("lists keys oldest first", async () => {
      const a = await store.apiKeys.create(key({ prefix: "zzzz" }));
      clock.advance(1);
      const b = await store.apiKeys.create(key({ prefix: "aaaa", scopes: ["admin"] }));
      expect(await store.apiKeys.list()).toEqual([a, b]);
    });

    it("records uses, and revokes once", async () => {
      const created = await store.apiKeys.create(key());
      clock.advance(1000);
      await store.apiKeys.touch(created.id);
      await store.apiKeys.touch(created.id, new Date("2030-02-01T00:00:00.000Z"));
      const revoked = await store.apiKeys.revoke(created.id);
      expect(revoked).toEqual({
        ...created,
        lastUsedAt: "2030-02-01T00:00:00.000Z",
        revokedAt: "2030-01-01T00:00:01.000Z",
      });
      clock.advance(1000);
      expect(await store.apiKeys.revoke(created.id)).toEqual(revoked);
      expect(await store.apiKeys.findByPrefix(created.prefix)).toEqual(revoked);
    });

    it("says not-found when revoking or touching a missing key", async () => {
      await expect(store.apiKeys.revoke("missing")).rejects.toMatchObject({
        code: "store/not-found",
      });
      await expect(store.apiKeys.touch("missing")).rejects.toMatchObject({
        code: "store/not-found",
      });
    });

    it.each([
      ["a short prefix", key({ prefix: "abc" }), "prefix"],
      ["a secret instead of its hash", key({ secretHash: "secret" }), "secretHash"],
      ["an unknown scope", key({ scopes: ["root" as never] }), "scopes[0]"],
      ["no scope", key({ scopes: [] }), "scopes"],
      ["a zero rate limit", key({ rateLimitPerMinute: 0 }), "rateLimitPerMinute"],
    ])("refuses %s", async (_, input, field) => {
      await expect(store.apiKeys.create(input)).rejects.toMatchObject({
        code: "store/invalid",
        details: { field },
      });
    });
  });
});
