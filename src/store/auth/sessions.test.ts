import { createHash } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import {
  forEachBackend,
  manualClock,
  type ManualClock,
} from "../../../test/helpers/store-backends.js";
import type { Moderator } from "../review/review-types.js";
import type { Store } from "../store.js";

const HOUR = 3_600_000;
const hashOf = (token: string) => createHash("sha256").update(token).digest("hex");

forEachBackend((backend) => {
  describe("#sessions and moderator passwords", () => {
    let store: Store;
    let clock: ManualClock;
    let mina: Moderator;
    beforeEach(async () => {
      clock = manualClock();
      store = await backend.open({ clock: clock.now });
      mina = await store.moderators.create({ name: "mina", role: "lead" });
    });

    it("keeps a password hash that only findCredentials returns", async () => {
      expect(await store.moderators.findCredentials("mina")).toEqual({
        moderator: mina,
        passwordHash: null,
      });
      await store.moderators.setPasswordHash(mina.id, "scrypt$abc$def");
      expect((await store.moderators.findCredentials(" mina "))?.passwordHash).toBe(
        "scrypt$abc$def",
      );
      expect(await store.moderators.get(mina.id)).toEqual(mina);
      expect(await store.moderators.findCredentials("nobody")).toBeNull();
      await expect(
        store.moderators.setPasswordHash("01900000-0000-7000-8000-000000000000", "x"),
      ).rejects.toMatchObject({ code: "store/not-found" });
    });

    it("finds a session by its token hash until it has been idle too long", async () => {
      const tokenHash = hashOf("token-1");
      const created = await store.sessions.create({
        tokenHash,
        moderatorId: mina.id,
        csrfToken: "csrf-1",
      });
      expect(created).toEqual({
        tokenHash,
        moderatorId: mina.id,
        csrfToken: "csrf-1",
        createdAt: "2030-01-01T00:00:00.000Z",
        lastSeenAt: "2030-01-01T00:00:00.000Z",
      });
      clock.advance(11 * HOUR);
      expect(await store.sessions.find(tokenHash, 12 * HOUR)).toEqual(created);
      await store.sessions.touch(tokenHash);
      clock.advance(11 * HOUR);
      // 22 hours old but used 11 hours ago: idle expiry, not age.
      expect((await store.sessions.find(tokenHash, 12 * HOUR))?.lastSeenAt).toBe(
        "2030-01-01T11:00:00.000Z",
      );
      clock.advance(2 * HOUR);
      expect(await store.sessions.find(tokenHash, 12 * HOUR)).toBeNull();
      expect(await store.sessions.find(hashOf("other"), 12 * HOUR)).toBeNull();
    });

    it("deletes one session, a moderator's sessions, and idle ones", async () => {
      const [a, b, c] = ["a", "b", "c"].map(hashOf) as [string, string, string];
      const other = await store.moderators.create({ name: "jun", role: "moderator" });
      await store.sessions.create({ tokenHash: a, moderatorId: mina.id, csrfToken: "x" });
      await store.sessions.create({ tokenHash: b, moderatorId: mina.id, csrfToken: "y" });
      clock.advance(HOUR);
      await store.sessions.create({ tokenHash: c, moderatorId: other.id, csrfToken: "z" });
      await store.sessions.delete(a);
      expect(await store.sessions.find(a, 12 * HOUR)).toBeNull();
      expect(await store.sessions.purgeIdle(HOUR / 2)).toBe(1);
      expect(await store.sessions.find(b, 12 * HOUR)).toBeNull();
      expect(await store.sessions.deleteForModerator(other.id)).toBe(1);
      expect(await store.sessions.find(c, 12 * HOUR)).toBeNull();
    });

    it("refuses a token hash that is not one", async () => {
      await expect(
        store.sessions.create({ tokenHash: "plain", moderatorId: mina.id, csrfToken: "x" }),
      ).rejects.toMatchObject({ code: "store/invalid" });
    });
  });
});
