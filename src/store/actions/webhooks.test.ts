import { beforeEach, describe, expect, it } from "vitest";
import {
  forEachBackend,
  manualClock,
  type ManualClock,
} from "../../../test/helpers/store-backends.js";
import type { NewWebhookEndpoint } from "./webhook-types.js";
import type { Store } from "../store.js";

const SECRET = "whsec_0123456789abcdef0123456789abcdef";

const endpoint = (overrides: Partial<NewWebhookEndpoint> = {}): NewWebhookEndpoint => ({
  url: "https://receiver.example/hooks",
  secret: SECRET,
  ...overrides,
});

forEachBackend((backend) => {
  describe("#webhooks", () => {
    let store: Store;
    let clock: ManualClock;
    beforeEach(async () => {
      clock = manualClock();
      store = await backend.open({ clock: clock.now });
    });

    it("creates an endpoint, showing its secret only at creation and to the sender", async () => {
      const created = await store.webhooks.create(
        endpoint({ events: ["item.verdict"], description: "moderation bot" }),
      );
      expect(created).toEqual({
        id: expect.any(String),
        url: "https://receiver.example/hooks",
        secret: SECRET,
        events: ["item.verdict"],
        enabled: true,
        description: "moderation bot",
        createdAt: "2030-01-01T00:00:00.000Z",
        updatedAt: "2030-01-01T00:00:00.000Z",
      });
      const { secret, ...withoutSecret } = created;
      expect(secret).toBe(SECRET);
      expect(await store.webhooks.get(created.id)).toEqual(withoutSecret);
      expect(await store.webhooks.list()).toEqual([withoutSecret]);
      expect(await store.webhooks.getWithSecret(created.id)).toEqual(created);
      expect(await store.webhooks.get("missing")).toBeNull();
    });

    it("lists endpoints oldest first", async () => {
      const a = await store.webhooks.create(endpoint({ url: "http://10.0.0.5:8080/z" }));
      clock.advance(1);
      const b = await store.webhooks.create(endpoint({ url: "http://localhost/a" }));
      expect((await store.webhooks.list()).map((e) => e.id)).toEqual([a.id, b.id]);
    });

    it("updates the given fields and stamps the change", async () => {
      const created = await store.webhooks.create(endpoint());
      clock.advance(1000);
      const updated = await store.webhooks.update(created.id, {
        enabled: false,
        events: ["case.decided", "case.decided", "item.verdict"],
      });
      expect(updated).toMatchObject({
        url: created.url,
        enabled: false,
        events: ["case.decided", "item.verdict"],
        updatedAt: "2030-01-01T00:00:01.000Z",
      });
      expect(updated).not.toHaveProperty("secret");
      expect(await store.webhooks.get(created.id)).toEqual(updated);
    });

    it("rotates the secret", async () => {
      const created = await store.webhooks.create(endpoint());
      const rotated = await store.webhooks.rotateSecret(
        created.id,
        "whsec_another-secret-of-enough-length",
      );
      expect(rotated.secret).toBe("whsec_another-secret-of-enough-length");
      expect((await store.webhooks.getWithSecret(created.id))?.secret).toBe(rotated.secret);
    });

    it("deletes, and says not-found for a missing endpoint", async () => {
      const created = await store.webhooks.create(endpoint());
      await store.webhooks.delete(created.id);
      expect(await store.webhooks.get(created.id)).toBeNull();
      // Each change starts when it is checked: started together, a rejection could come before
      // its check was attached and surface as an unhandled rejection.
      for (const change of [
        () => store.webhooks.delete(created.id),
        () => store.webhooks.update(created.id, { enabled: true }),
        () => store.webhooks.rotateSecret(created.id, SECRET),
      ]) {
        await expect(change()).rejects.toMatchObject({ code: "store/not-found" });
      }
    });

    it.each([
      ["a URL of another scheme", endpoint({ url: "ftp://receiver.example/" }), "url"],
      ["a relative URL", endpoint({ url: "/hooks" }), "url"],
      ["credentials in the URL", endpoint({ url: "https://u:p@receiver.example/" }), "url"],
      ["a short secret", endpoint({ secret: "short" }), "secret"],
      ["a bad event type", endpoint({ events: ["Item Verdict"] }), "events[0]"],
    ])("refuses %s", async (_, input, field) => {
      await expect(store.webhooks.create(input)).rejects.toMatchObject({
        code: "store/invalid",
        details: { field },
      });
    });
  });
});
