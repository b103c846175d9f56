import { afterEach, describe, expect, it } from "vitest";
import { forEachQueueBackend } from "../../../test/helpers/queue-backends.js";
import { eventually, startReceiver } from "../../../test/helpers/webhook-receiver.js";
import type { VigilEvent } from "../../engine/index.js";
import type { Consumer, QueueTuning } from "../../queue/index.js";
import { openStore, type Store } from "../../store/index.js";
import {
  redeliverWebhook,
  replayWebhookDeadLetter,
  startWebhookDelivery,
  verifyWebhookSignature,
  WebhookDispatcher,
  WEBHOOK_TOPIC,
} from "../index.js";
import type { WebhookDeliveryOptions } from "./delivery.js";

const FAST: QueueTuning = { leaseMs: 2000, pollIntervalMs: 20 };
const SECRET = "whsec_delivery-test-secret-0123";

const verdict = (id = "verdict:item-1"): VigilEvent => ({
  id,
  type: "item.verdict",
  at: "2030-01-01T00:00:00.000Z",
  data: { itemId: "item-1", verdict: "block", reasons: ["bank victim-submissions"] },
});

// A real store (SQLite in memory) beside each real queue; the store suite covers both databases.
const stores: Store[] = [];
const consumers: Consumer[] = [];
afterEach(async () => {
  await Promise.all(consumers.splice(0).map((consumer) => consumer.stop()));
  await Promise.all(stores.splice(0).map((store) => store.close()));
});

forEachQueueBackend((backend) => {
  describe(`webhook delivery on ${backend.name}`, () => {
    async function setup(options: Partial<WebhookDeliveryOptions> = {}) {
      const queue = await backend.location().open(FAST);
      const store = await openStore({ url: "sqlite::memory:" });
      stores.push(store);
      const receiver = await startReceiver();
      const endpoint = await store.webhooks.create({ url: receiver.url, secret: SECRET });
      const dispatcher = new WebhookDispatcher(store, queue);
      const start = () =>
        consumers.push(
          startWebhookDelivery({ queue, store, backoff: () => 50, maxAttempts: 3, ...options }),
        );
      return { queue, store, receiver, endpoint, dispatcher, start };
    }

    const deliveryOf = (store: Store, eventId: string, endpointId: string) =>
      store.actionLog.getByKey(`webhook:${eventId}:${endpointId}`);

    it("posts the event signed with the endpoint's secret, and logs the delivery", async () => {
      const { store, receiver, endpoint, dispatcher, start } = await setup();
      start();
      await dispatcher.emit(verdict());
      await eventually(
        async () => (await deliveryOf(store, "verdict:item-1", endpoint.id))?.outcome === "ok",
      );
      expect(receiver.requests).toHaveLength(1);
      const [request] = receiver.requests;
      expect(request!.method).toBe("POST");
      expect(JSON.parse(request!.body)).toEqual(verdict());
      expect(request!.headers).toMatchObject({
        "content-type": "application/json",
        "vigil-event-id": "verdict:item-1",
        "vigil-event-type": "item.verdict",
        "user-agent": "Vigil-Webhooks/0.1",
      });
      const signature = request!.headers["vigil-signature"] as string;
      expect(verifyWebhookSignature(SECRET, signature, request!.body)).toBe(true);
      expect(verifyWebhookSignature("whsec_not-the-secret", signature, request!.body)).toBe(false);
      const logged = await deliveryOf(store, "verdict:item-1", endpoint.id);
      expect(logged).toMatchObject({
        kind: "webhook.deliver",
        subjectType: "event",
        subjectId: "verdict:item-1",
        target: endpoint.id,
        outcome: "ok",
        attempts: 1,
        detail: { event: verdict(), attempts: [{ attempt: 1, status: 200 }] },
      });
      expect(JSON.stringify(logged)).not.toContain(SECRET);
    });

    it("retries a receiver answering 500 twice, then delivers", async () => {
      const { store, receiver, endpoint, dispatcher, start } = await setup();
      receiver.answer = (n) => (n < 2 ? 500 : 200);
      start();
      await dispatcher.emit(verdict());
      await eventually(
        async () => (await deliveryOf(store, "verdict:item-1", endpoint.id))?.outcome === "ok",
      );
      expect(receiver.requests).toHaveLength(3);
      // The same event each time: same id, same body.
      expect(new Set(receiver.requests.map((r) => r.body)).size).toBe(1);
      const logged = await deliveryOf(store, "verdict:item-1", endpoint.id);
      expect(logged?.attempts).toBe(3);
      expect((logged?.detail.attempts as { status: number }[]).map((a) => a.status)).toEqual([
        500, 500, 200,
      ]);
    });

    it("dead-letters after the last attempt, and a replay delivers once the receiver is fixed", async () => {
      const { queue, store, receiver, endpoint, dispatcher, start } = await setup();
      receiver.answer = () => 500;
      start();
      await dispatcher.emit(verdict());
      await eventually(async () => (await queue.deadLetters(WEBHOOK_TOPIC)).length === 1);
      expect(receiver.requests).toHaveLength(3);
      const [dead] = await queue.deadLetters(WEBHOOK_TOPIC);
      expect(dead).toMatchObject({
        topic: WEBHOOK_TOPIC,
        attempts: 3,
        payload: { endpointId: endpoint.id, event: verdict() },
      });
      expect(dead!.error).toContain("HTTP 500");
      expect(await deliveryOf(store, "verdict:item-1", endpoint.id)).toMatchObject({
        outcome: "dead_lettered",
        attempts: 3,
      });

      receiver.answer = () => 200;
      await replayWebhookDeadLetter(queue, dead!.id);
      await eventually(
        async () => (await deliveryOf(store, "verdict:item-1", endpoint.id))?.outcome === "ok",
      );
      expect(receiver.requests).toHaveLength(4);
      expect((await deliveryOf(store, "verdict:item-1", endpoint.id))?.attempts).toBe(4);
      expect(await queue.deadLetters(WEBHOOK_TOPIC)).toEqual([]);
    });

    it("delivers a repeated event once, even when the queue lets the repeat through", async () => {
      const { queue, store, receiver, endpoint, dispatcher, start } = await setup();
      await dispatcher.emit(verdict());
      await dispatcher.emit(verdict());
      start();
      await eventually(
        async () => (await deliveryOf(store, "verdict:item-1", endpoint.id))?.outcome === "ok",
      );
      // A repeat after the queue's duplicate window: a job without the idempotency key.
      await queue.enqueue(WEBHOOK_TOPIC, { endpointId: endpoint.id, event: { ...verdict() } });
      await eventually(async () => (await queue.stats(WEBHOOK_TOPIC)).pending === 0);
      await eventually(async () => (await queue.stats(WEBHOOK_TOPIC)).inFlight === 0);
      expect(receiver.requests).toHaveLength(1);
    });

    it("sends nothing to a disabled or unsubscribed endpoint, and skips one disabled meanwhile", async () => {
      const { queue, store, receiver, endpoint, dispatcher, start } = await setup();
      const other = await startReceiver();
      const decisions = await store.webhooks.create({
        url: other.url,
        secret: SECRET,
        events: ["case.decided"],
      });
      await store.webhooks.update(endpoint.id, { enabled: false });
      await dispatcher.emit(verdict());
      expect((await queue.stats(WEBHOOK_TOPIC)).pending).toBe(0);

      await store.webhooks.update(endpoint.id, { enabled: true });
      await dispatcher.emit(verdict("verdict:item-2"));
      await store.webhooks.update(endpoint.id, { enabled: false });
      start();
      await eventually(
        async () => (await deliveryOf(store, "verdict:item-2", endpoint.id)) !== null,
      );
      expect(await deliveryOf(store, "verdict:item-2", endpoint.id)).toMatchObject({
        outcome: "skipped",
        detail: { attempts: [{ reason: "endpoint disabled" }] },
      });
      expect(receiver.requests).toHaveLength(0);
      expect(other.requests).toHaveLength(0);
      expect(await deliveryOf(store, "verdict:item-2", decisions.id)).toBeNull();
    });

    it("re-sends a delivered event on purpose, under a record of its own", async () => {
      const { queue, store, receiver, endpoint, dispatcher, start } = await setup();
      start();
      await dispatcher.emit(verdict());
      await eventually(
        async () => (await deliveryOf(store, "verdict:item-1", endpoint.id))?.outcome === "ok",
      );
      const { actionKey } = await redeliverWebhook({ queue, store }, "verdict:item-1", endpoint.id);
      await eventually(async () => (await store.actionLog.getByKey(actionKey))?.outcome === "ok");
      expect(receiver.requests).toHaveLength(2);
      expect(receiver.requests[1]!.body).toBe(receiver.requests[0]!.body);
      expect(await store.actionLog.getByKey(actionKey)).toMatchObject({
        kind: "webhook.redeliver",
      });
      await expect(
        redeliverWebhook({ queue, store }, "verdict:never-sent", endpoint.id),
      ).rejects.toMatchObject({ code: "store/not-found" });
    });

    it("does not follow redirects, and gives up on a receiver that does not answer", async () => {
      const { queue, receiver, dispatcher, start } = await setup({
        timeoutMs: 200,
        maxAttempts: 1,
      });
      receiver.answer = (n) => (n === 0 ? 302 : "hang");
      start();
      await dispatcher.emit(verdict("verdict:a"));
      await eventually(async () => (await queue.deadLetters(WEBHOOK_TOPIC)).length === 1);
      await dispatcher.emit(verdict("verdict:b"));
      await eventually(async () => (await queue.deadLetters(WEBHOOK_TOPIC)).length === 2);
      const errors = (await queue.deadLetters(WEBHOOK_TOPIC)).map((d) => d.error);
      expect(errors[0]).toContain("HTTP 302 (redirects are not followed)");
      expect(errors[1]).toContain("no answer within 200 ms");
      expect(receiver.requests).toHaveLength(2);
    });

    it("refuses an event too large for the queue, or with an id unfit for a key, clearly", async () => {
      const { dispatcher } = await setup();
      const huge = { ...verdict(), data: { reasons: ["x".repeat(70 * 1024)] } };
      await expect(dispatcher.emit(huge)).rejects.toMatchObject({
        code: "queue/payload-too-large",
      });
      await expect(dispatcher.emit(verdict("verdict with spaces"))).rejects.toMatchObject({
        code: "queue/invalid",
      });
    });
  });
});
