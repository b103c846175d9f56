import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import sharp from "sharp";
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import { encode, scenePixels } from "../../helpers/images.js";
import { startTestWorkers, testServer, type TestServer } from "../../helpers/server.js";
import { forEachBackend } from "../../helpers/store-backends.js";
import { NO_EVENTS, type EventSink, type VigilEvent } from "../../../src/engine/index.js";
import type { FetchUrlOptions } from "../../../src/media/index.js";
import type { Workers } from "../../../src/server/process/workers.js";

/**
 * Streaming content in, end to end: `POST /v1/content` accepts and queues, a worker fetches,
 * hashes, matches and decides, and the verdict is readable through the API and sent as an event.
 */
let original: Buffer;
let edited: Buffer;
let unrelated: Buffer;
let media: Server;
let mediaUrl = "";

beforeAll(async () => {
  original = await encode(scenePixels(640, 480, 3), "jpeg", { quality: 90 });
  edited = await sharp(original).resize(320).jpeg({ quality: 40 }).toBuffer();
  unrelated = await encode(scenePixels(640, 480, 8), "jpeg");
  // A platform's media server: what a worker fetches the URLs from.
  media = createServer((request, response) => {
    const body =
      request.url === "/edited.jpg" ? edited : request.url === "/other.jpg" ? unrelated : undefined;
    if (!body) return response.writeHead(404).end();
    response.writeHead(200, { "content-type": "image/jpeg" }).end(body);
  });
  await new Promise<void>((resolve) => media.listen(0, "127.0.0.1", resolve));
  mediaUrl = `http://127.0.0.1:${(media.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => media.close(() => resolve())));

forEachBackend((backend) => {
  let server: TestServer | undefined;
  let workers: Workers | undefined;
  afterEach(async () => {
    await workers?.stop();
    await server?.app.close();
    server = undefined;
    workers = undefined;
  });

  /** Workers on the test server; by default they may fetch from the local media server. */
  function startWorker(
    events: EventSink = NO_EVENTS,
    fetchOptions: FetchUrlOptions = {
      allowPrivateNetworks: true,
      allowedPorts: [Number(new URL(mediaUrl).port)],
    },
  ): void {
    workers = startTestWorkers(server!, { events, fetchOptions, concurrency: 2 });
  }

  async function settled(): Promise<void> {
    for (let i = 0; i < 400; i++) {
      if ((await server!.store.items.counts()).queued === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error("items still queued after 10 s");
  }

  it("accepts items once per key, and a worker decides each: banked copies blocked, others allowed", async () => {
    server = await testServer(await backend.open());
    await server.call("POST", "/v1/banks", {
      json: { id: "victims", name: "Victim submissions", labels: ["ncii"] },
    });
    const hashed = await server.call("POST", "/v1/scan", {
      body: original,
      contentType: "image/jpeg",
    });
    const pdq = (hashed.json() as { hashes: { pdq: { hash: string }[] } }).hashes.pdq[0]!.hash;
    expect(
      (
        await server.call("POST", "/v1/banks/victims/entries", {
          json: { signalType: "pdq", value: pdq },
        })
      ).statusCode,
    ).toBe(201);

    const ingestKey = await server.key(["ingest"]);
    const item = (key: string, extra: object) => ({
      idempotencyKey: key,
      platform: "telegram",
      channelId: "-1001",
      externalId: key,
      authorId: "u7",
      visibility: "public",
      ...extra,
    });
    const batch = await server.call("POST", "/v1/content/batch", {
      token: ingestKey,
      json: {
        items: [
          item("m1", { media: [{ url: `${mediaUrl}/edited.jpg` }] }),
          item("m2", { media: [{ url: `${mediaUrl}/other.jpg` }] }),
          item("m3", { media: [{ data: original.toString("base64") }] }),
          item("m4", { hashes: { pdq: [pdq] }, text: "hashes only" }),
          item("m5", { media: [{ data: Buffer.from("not an image").toString("base64") }] }),
        ],
      },
    });
    expect(batch.statusCode).toBe(207);
    const results = batch.json() as {
      accepted: number;
      refused: number;
      items: { index: number; id?: string; duplicate?: boolean; error?: { code: string } }[];
    };
    expect(results).toMatchObject({ accepted: 4, refused: 1 });
    expect(results.items[4]).toMatchObject({
      index: 4,
      error: { code: "media/unsupported-format" },
    });

    const again = await server.call("POST", "/v1/content", {
      token: ingestKey,
      json: item("m1", {}),
    });
    expect(again.statusCode).toBe(202);
    expect(again.json()).toEqual({ id: results.items[0]!.id, duplicate: true, status: "queued" });
    // A repeat is answered before its media is looked at: nothing is hashed twice.
    const repeat = await server.call("POST", "/v1/content", {
      token: ingestKey,
      json: item("m1", { media: [{ data: Buffer.from("not an image").toString("base64") }] }),
    });
    expect(repeat.json()).toMatchObject({ id: results.items[0]!.id, duplicate: true });

    const events: VigilEvent[] = [];
    startWorker({ emit: async (event) => void events.push(event) });
    await settled();

    const verdicts: Record<string, string | null> = {};
    for (const { id, index } of results.items.slice(0, 4)) {
      const got = await server.call("GET", `/v1/content/${id}`, { token: ingestKey });
      expect(got.statusCode).toBe(200);
      const record = got.json() as { item: { verdict: string; status: string; reasons: string[] } };
      expect(record.item).toMatchObject({ status: "done", error: null });
      verdicts[`m${index + 1}`] = record.item.verdict;
    }
    // The bank blocks; the default rule set's `known-ncii` removes what is already posted.
    expect(verdicts).toEqual({ m1: "remove", m2: "allow", m3: "remove", m4: "remove" });
    const m1 = (
      await server.call("GET", `/v1/content/${results.items[0]!.id}`, { token: ingestKey })
    ).json() as {
      item: { reasons: string[] };
      signals: { signalType: string }[];
      matches: { bankId: string }[];
    };
    expect(m1.item.reasons[1]).toMatch(/^rule `known-ncii`/);
    expect(m1.item.reasons[0]).toMatch(
      /^matched bank `victims` \(ncii\) at distance \d+ via PDQ → block$/,
    );
    expect(m1.signals.map((s) => s.signalType)).toEqual(["pdq", "md5", "sha256"]);
    expect(m1.matches).toEqual([expect.objectContaining({ bankId: "victims" })]);

    // One event per non-allowed item, named after the item so a redelivery repeats the same id.
    expect(events.map((e) => e.id).sort()).toEqual(
      [0, 2, 3].map((i) => `verdict:${results.items[i]!.id}`).sort(),
    );
    expect(events[0]).toMatchObject({
      type: "item.verdict",
      data: { platform: "telegram", takedown: true },
    });

    // Every evaluation is on record for backtests, and each takedown is in the action log once.
    const evaluation = await server.store.evaluations.get(results.items[0]!.id!);
    expect(evaluation).toMatchObject({ verdict: "remove", policyVersion: null });
    const actions = await server.call("GET", "/v1/actions?kind=item.remove");
    expect((actions.json() as { items: unknown[] }).items).toHaveLength(3);

    const byKey = await server.call("GET", "/v1/content?idempotencyKey=m2", { token: ingestKey });
    expect(byKey.json()).toMatchObject({ verdict: "allow", status: "done" });
    expect((await server.call("GET", "/v1/content", { token: ingestKey })).json()).toEqual({
      counts: { queued: 0, done: 4, failed: 0 },
    });
  });

  it("sends what a review bank matches to the review queue, one case per content", async () => {
    server = await testServer(await backend.open());
    await server.call("POST", "/v1/banks", {
      json: { id: "suspected", name: "Suspected", action: "review", labels: ["other"] },
    });
    const md5 = "8bbbaa9540800e378beadc8bbef7bb32";
    await server.call("POST", "/v1/banks/suspected/entries", {
      json: { signalType: "md5", value: md5 },
    });
    const ids: string[] = [];
    for (const key of ["a", "b"]) {
      const accepted = await server.call("POST", "/v1/content", {
        json: { idempotencyKey: key, hashes: { md5 }, authorId: "u1", platform: "p" },
      });
      ids.push((accepted.json() as { id: string }).id);
    }
    startWorker();
    await settled();
    const open = await server.store.cases.findOpen(md5);
    expect(open).not.toBeNull();
    expect((await server.store.cases.items(open!.id)).map((i) => i.itemId).sort()).toEqual(
      [...ids].sort(),
    );
    const moderator = await server.call("POST", "/v1/moderators", {
      json: { name: "mina", role: "moderator" },
    });
    const { token } = moderator.json() as { token: string };
    const queue = await server.call("GET", "/v1/review/queue", { token });
    expect(JSON.stringify(queue.json())).toContain(open!.id);

    // A moderator's removal becomes the author's history, which the next item's policy reads.
    expect(await server.store.items.authorTakedowns("p", "u1")).toBe(0);
    expect((await server.call("POST", "/v1/review/next", { token })).statusCode).toBe(200);
    const decided = await server.call("POST", `/v1/cases/${open!.id}/decision`, {
      token,
      json: { decision: "remove", reason: "other" },
    });
    expect(decided.statusCode).toBe(200);
    expect(await server.store.items.authorTakedowns("p", "u1")).toBe(2);
  });

  it("carries out a live rule's add_to_bank once, and records a failed one without failing the item", async () => {
    server = await testServer(await backend.open());
    await server.call("POST", "/v1/banks", { json: { id: "suspected", name: "Suspected" } });
    await server.call("POST", "/v1/banks", {
      json: { id: "copies", name: "Copies", labels: ["ncii"] },
    });
    const md5 = "8bbbaa9540800e378beadc8bbef7bb32";
    await server.call("POST", "/v1/banks/suspected/entries", {
      json: { signalType: "md5", value: md5 },
    });
    await server.policies.update(
      {
        rules: [
          {
            id: "copy-suspected",
            version: 1,
            mode: "live",
            when: { kind: "bank_match", banks: ["suspected"] },
            then: [
              { kind: "add_to_bank", bank: "copies" },
              { kind: "add_to_bank", bank: "nowhere" },
            ],
          },
        ],
      },
      { actor: "test" },
    );
    const pdq = "d8f8f0cee0f4a84f0637022a078f67f0b36e2ed596621e1d33e6339c4e9c9b22";
    const accepted = await server.call("POST", "/v1/content", {
      json: { idempotencyKey: "k", hashes: { md5, pdq: [pdq] } },
    });
    const { id } = accepted.json() as { id: string };
    startWorker();
    await settled();
    expect((await server.store.items.get(id))?.item.status).toBe("done");
    const copies = await server.store.entries.list("copies");
    expect(copies.items.map((e) => e.value).sort()).toEqual([md5, pdq].sort());
    expect(await server.store.actionLog.getByKey(`item:${id}:add_to_bank:copies`)).toMatchObject({
      kind: "bank.add",
      outcome: "ok",
    });
    expect(await server.store.actionLog.getByKey(`item:${id}:add_to_bank:nowhere`)).toMatchObject({
      outcome: "failed",
    });
    // The banked copy now matches at once in this process.
    const scan = await server.call("POST", "/v1/scan", { json: { hashes: { pdq: [pdq] } } });
    expect(JSON.stringify(scan.json())).toContain("copies");
  });

  it("reads the reports already filed about the content: three NCII reports send it to review", async () => {
    const events: VigilEvent[] = [];
    server = await testServer(
      await backend.open(),
      {},
      {
        events: { emit: async (event) => void events.push(event) },
      },
    );
    const md5 = "0cc175b9c0f1b6a831c399e269772661";
    for (const reporter of ["a", "b", "c"]) {
      const report = await server.call("POST", "/v1/reports", {
        json: { contentRef: `msg-${reporter}`, contentHash: md5, reporter, reason: "ncii" },
      });
      expect(report.statusCode).toBe(201);
    }
    const reported = await server.store.cases.findOpen(md5);
    // The first report opened the case and said so; the others joined it quietly.
    expect(events.map((e) => [e.type, e.id])).toEqual([
      ["case.opened", `case-opened:${reported!.id}`],
    ]);
    const accepted = await server.call("POST", "/v1/content", {
      json: { idempotencyKey: "r", hashes: { md5 } },
    });
    const { id } = accepted.json() as { id: string };
    startWorker();
    await settled();
    const item = (await server.store.items.get(id))!.item;
    expect(item.verdict).toBe("review");
    expect(item.reasons.join(" ")).toMatch(/rule `ncii-reported`/);
    // The item joins the case the reports opened: one case for the content.
    expect((await server.store.cases.items(reported!.id)).map((link) => link.itemId)).toEqual([id]);
    const evaluation = await server.store.evaluations.get(id);
    expect(evaluation?.facts).toMatchObject({
      reportCount: 3,
      reportReasons: ["ncii", "ncii", "ncii"],
    });
  });

  it("fails an item whose media cannot be fetched from a forbidden address, and says why", async () => {
    server = await testServer(await backend.open());
    const accepted = await server.call("POST", "/v1/content", {
      json: { idempotencyKey: "x", media: [{ url: "http://169.254.169.254/latest/meta-data" }] },
    });
    expect(accepted.statusCode).toBe(202);
    // The scan defaults: public addresses only.
    startWorker(NO_EVENTS, {});
    await settled();
    const { id } = accepted.json() as { id: string };
    const record = (await server.call("GET", `/v1/content/${id}`)).json() as {
      item: { status: string; error: string };
    };
    expect(record.item.status).toBe("failed");
    expect(record.item.error).toMatch(/^fetch\/forbidden-address/);
  });

  it("drops a job whose item is gone, and fails nothing else", async () => {
    server = await testServer(await backend.open());
    await server.queue.enqueue("content", { itemId: "01a21ea7-0000-7000-8000-000000000000" });
    const accepted = await server.call("POST", "/v1/content", {
      json: { idempotencyKey: "ok", hashes: { md5: "8bbbaa9540800e378beadc8bbef7bb32" } },
    });
    startWorker();
    await settled();
    for (let i = 0; i < 200 && (await server.queue.stats("content")).pending > 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(await server.queue.stats("content")).toMatchObject({ pending: 0, deadLettered: 0 });
    const { id } = accepted.json() as { id: string };
    expect((await server.store.items.get(id))?.item.status).toBe("done");
  });

  it("refuses malformed items with a clear code, and needs the ingest scope", async () => {
    server = await testServer(await backend.open());
    const bad = await server.call("POST", "/v1/content", { json: { visibility: "secret" } });
    expect(bad.statusCode).toBe(400);
    expect((bad.json() as { error: { code: string } }).error.code).toBe("request/invalid");
    const both = await server.call("POST", "/v1/content", {
      json: { media: [{ url: "https://a.example/x.jpg", data: "AAAA" }] },
    });
    expect((both.json() as { error: { code: string } }).error.code).toBe("request/invalid");
    const badHash = await server.call("POST", "/v1/content", { json: { hashes: { md5: "xyz" } } });
    expect((badHash.json() as { error: { code: string } }).error.code).toBe("hash/invalid-hex");
    const tooMany = await server.call("POST", "/v1/content/batch", {
      json: { items: Array.from({ length: 101 }, () => ({})) },
    });
    expect(tooMany.statusCode).toBe(400);
    const scanOnly = await server.key(["scan"]);
    expect(
      (await server.call("POST", "/v1/content", { token: scanOnly, json: {} })).statusCode,
    ).toBe(403);
    expect((await server.store.items.counts()).queued).toBe(0);
  });
});
