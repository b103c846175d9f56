import { afterEach, expect, it } from "vitest";
import { testServer, type TestServer } from "../../helpers/server.js";
import { forEachBackend } from "../../helpers/store-backends.js";
import { eventually, startReceiver } from "../../helpers/webhook-receiver.js";
import { startWebhookDelivery, verifyWebhookSignature } from "../../../src/actions/index.js";
import type { Consumer } from "../../../src/queue/index.js";

forEachBackend((backend) => {
  let server: TestServer | undefined;
  let consumer: Consumer | undefined;
  afterEach(async () => {
    await consumer?.stop();
    await server?.app.close();
    server = consumer = undefined;
  });

  const deliver = (s: TestServer) => {
    consumer = startWebhookDelivery({
      queue: s.queue,
      store: s.store,
      backoff: () => 50,
      maxAttempts: 1,
    });
  };

  it("manages endpoints, showing the secret only at creation and rotation", async () => {
    server = await testServer(await backend.open());
    const created = await server.call("POST", "/v1/webhooks", {
      json: { url: "http://10.1.2.3:9000/hooks", events: ["item.verdict"], description: "bot" },
    });
    expect(created.statusCode).toBe(201);
    const endpoint = created.json();
    expect(endpoint).toMatchObject({
      url: "http://10.1.2.3:9000/hooks",
      events: ["item.verdict"],
      enabled: true,
      description: "bot",
      secret: expect.stringMatching(/^whsec_/),
    });
    const listed = (await server.call("GET", "/v1/webhooks")).json();
    expect(listed.webhooks).toHaveLength(1);
    expect(listed.webhooks[0]).not.toHaveProperty("secret");
    const got = await server.call("GET", `/v1/webhooks/${endpoint.id}`);
    expect(got.json()).not.toHaveProperty("secret");
    expect(got.body).not.toContain(endpoint.secret);

    const patched = await server.call("PATCH", `/v1/webhooks/${endpoint.id}`, {
      json: { enabled: false, events: [] },
    });
    expect(patched.json()).toMatchObject({ enabled: false, events: [] });
    expect(patched.json()).not.toHaveProperty("secret");

    const rotated = (await server.call("POST", `/v1/webhooks/${endpoint.id}/rotate-secret`)).json();
    expect(rotated.secret).toMatch(/^whsec_/);
    expect(rotated.secret).not.toBe(endpoint.secret);

    const audit = await server.store.audit.list({ subjectType: "webhook" });
    expect(audit.items.map((e) => e.action)).toEqual([
      "webhook.rotate-secret",
      "webhook.update",
      "webhook.create",
    ]);
    expect(JSON.stringify(audit)).not.toContain(rotated.secret);

    expect((await server.call("DELETE", `/v1/webhooks/${endpoint.id}`)).statusCode).toBe(204);
    const gone = await server.call("GET", `/v1/webhooks/${endpoint.id}`);
    expect(gone.statusCode).toBe(404);
    expect(gone.json().error.code).toBe("store/not-found");
  });

  it.each([
    ["another scheme", { url: "ftp://receiver.example/x" }, "store/invalid"],
    ["credentials in the URL", { url: "https://user:pw@receiver.example/" }, "store/invalid"],
    ["an unknown event type", { url: "https://r.example/", events: ["nope"] }, "request/invalid"],
    ["an unknown field", { url: "https://r.example/", secret: "mine" }, "request/invalid"],
  ])("refuses an endpoint with %s", async (_, json, code) => {
    server = await testServer(await backend.open());
    const response = await server.call("POST", "/v1/webhooks", { json });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe(code);
  });

  it("is for admins only", async () => {
    server = await testServer(await backend.open());
    const token = await server.key(["scan", "banks:write"]);
    for (const url of ["/v1/webhooks", "/v1/queue/stats", "/v1/actions"]) {
      const response = await server.call("GET", url, { token });
      expect(response.statusCode).toBe(403);
    }
  });

  it("sends a signed ping, and logs it in the action log", async () => {
    server = await testServer(await backend.open());
    const receiver = await startReceiver();
    const endpoint = (
      await server.call("POST", "/v1/webhooks", {
        json: { url: receiver.url, events: ["case.decided"] },
      })
    ).json();
    deliver(server);
    const ping = await server.call("POST", `/v1/webhooks/${endpoint.id}/test`);
    expect(ping.statusCode).toBe(202);
    const { eventId } = ping.json();
    await eventually(async () => {
      const page = (
        await server!.call("GET", "/v1/actions?kind=webhook.deliver&outcome=ok")
      ).json();
      return page.items.length === 1;
    });
    const [request] = receiver.requests;
    expect(JSON.parse(request!.body)).toMatchObject({
      id: eventId,
      type: "webhook.ping",
      data: { endpointId: endpoint.id },
    });
    const signature = request!.headers["vigil-signature"] as string;
    expect(verifyWebhookSignature(endpoint.secret, signature, request!.body)).toBe(true);
    const actions = (
      await server.call("GET", `/v1/actions?subjectType=event&subjectId=${eventId}`)
    ).json();
    expect(actions.items[0]).toMatchObject({ target: endpoint.id, outcome: "ok", attempts: 1 });
    expect(actions.next).toBeNull();

    const again = await server.call("POST", `/v1/webhooks/${endpoint.id}/redeliver`, {
      json: { eventId },
    });
    expect(again.statusCode).toBe(202);
    await eventually(() => receiver.requests.length === 2);
    const unknown = await server.call("POST", `/v1/webhooks/${endpoint.id}/redeliver`, {
      json: { eventId: "verdict:never" },
    });
    expect(unknown.statusCode).toBe(404);
  });

  it("lists dead letters with their error, and retries one on request", async () => {
    server = await testServer(await backend.open());
    const receiver = await startReceiver();
    receiver.answer = () => 503;
    const endpoint = (
      await server.call("POST", "/v1/webhooks", { json: { url: receiver.url } })
    ).json();
    deliver(server);
    await server.call("POST", `/v1/webhooks/${endpoint.id}/test`);
    const deadLetters = async () =>
      (await server!.call("GET", "/v1/queue/dead-letters?topic=webhooks&limit=10")).json()
        .deadLetters;
    await eventually(async () => (await deadLetters()).length === 1);
    const [dead] = await deadLetters();
    expect(dead).toMatchObject({ topic: "webhooks", attempts: 1 });
    expect(dead.error).toContain("HTTP 503");
    const stats = (await server.call("GET", "/v1/queue/stats?topic=webhooks")).json();
    expect(stats.topics).toEqual([{ topic: "webhooks", pending: 0, inFlight: 0, deadLettered: 1 }]);
    const logged = (await server.call("GET", "/v1/actions?outcome=dead_lettered")).json();
    expect(logged.items).toHaveLength(1);

    receiver.answer = () => 204;
    const retried = await server.call("POST", `/v1/queue/dead-letters/${dead.id}/retry`);
    expect(retried.statusCode).toBe(202);
    await eventually(async () => {
      const ok = (await server!.call("GET", "/v1/actions?outcome=ok")).json();
      return ok.items.length === 1;
    });
    expect(await deadLetters()).toEqual([]);

    const unknown = await server.call("POST", "/v1/queue/dead-letters/no-such-job/retry");
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe("queue/not-found");
  });

  it("refuses unknown topics and bad paging", async () => {
    server = await testServer(await backend.open());
    for (const url of [
      "/v1/queue/dead-letters?topic=secrets",
      "/v1/queue/dead-letters",
      "/v1/queue/stats?topic=a.b",
      "/v1/actions?outcome=maybe",
      "/v1/actions?limit=0",
    ]) {
      const response = await server.call("GET", url);
      expect(response.statusCode, url).toBe(400);
    }
    const all = (await server.call("GET", "/v1/queue/stats")).json();
    expect(all.topics.map((t: { topic: string }) => t.topic)).toEqual(["content", "webhooks"]);
  });
});
