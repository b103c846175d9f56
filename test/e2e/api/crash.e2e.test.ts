import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { deleteNatsDeployments } from "../../helpers/nats.js";
import { natsTestUrl } from "../../helpers/queue-backends.js";
import { startReceiver } from "../../helpers/webhook-receiver.js";
import { newWebhookSecret, verifyWebhookSignature } from "../../../src/actions/index.js";
import { IngestService } from "../../../src/engine/index.js";
import { openQueue } from "../../../src/queue/index.js";
import { openStore } from "../../../src/store/index.js";

/**
 * The crash test of the engine issue: 10,000 items are accepted while a worker process runs;
 * the worker is killed with SIGKILL mid-way (no shutdown, jobs in flight, leases held); a new
 * worker starts. Every accepted item must end up processed exactly once in effect: all done, none
 * lost, each with the verdict its hashes deserve, one takedown recorded per banked item, and a
 * signed `item.verdict` webhook for each of them (delivery is at least once: a receiver may see
 * a repeat of an event id across the crash, never a missing one).
 */
const ITEMS = 10_000;
const BANKED_EVERY = 10;
const ROOT = join(import.meta.dirname, "..", "..", "..");

describe.each(queueBackends())(
  "kill -9 a worker mid-way ($name queue)",
  ({ queueUrl, cleanup }) => {
    const children: ChildProcess[] = [];
    const dir = mkdtempSync(join(tmpdir(), "vigil-crash-"));
    const queueName = `vigil_crash_${randomBytes(4).toString("hex")}`;
    afterEach(async () => {
      for (const child of children) child.kill("SIGKILL");
      await cleanup(queueName);
      rmSync(dir, { recursive: true, force: true });
    });

    it("processes every accepted item exactly once in effect", { timeout: 240_000 }, async () => {
      const databaseUrl = `sqlite:${join(dir, "vigil.db")}`;
      const url = queueUrl(dir);
      const store = await openStore({ url: databaseUrl });
      const queue = await openQueue({ url, name: queueName, leaseMs: 3000 });
      try {
        const banked = Array.from({ length: ITEMS / BANKED_EVERY }, () =>
          randomBytes(32).toString("hex"),
        );
        await store.banks.create({ id: "victims", name: "Victims", labels: ["ncii"] });
        await store.entries.addMany(
          "victims",
          banked.map((value) => ({ signalType: "pdq" as const, value, quality: 100 })),
        );
        const receiver = await startReceiver();
        const secret = newWebhookSecret();
        await store.webhooks.create({ url: receiver.url, secret, events: ["item.verdict"] });
        const worker = (): ChildProcess => {
          const child = spawn(
            process.execPath,
            [
              "--import",
              "tsx",
              "src/cli/bin.ts",
              "serve",
              "--role",
              "worker",
              "--port",
              "0",
              "--host",
              "127.0.0.1",
            ],
            {
              cwd: ROOT,
              env: {
                ...process.env,
                VIGIL_DATABASE_URL: databaseUrl,
                VIGIL_QUEUE_URL: url,
                VIGIL_QUEUE_NAME: queueName,
                VIGIL_QUEUE_LEASE_MS: "3000",
                VIGIL_WORKER_CONCURRENCY: "4",
                VIGIL_LOG_LEVEL: "error",
              },
              stdio: ["ignore", "ignore", "inherit"],
            },
          );
          children.push(child);
          return child;
        };
        const done = async () => (await store.items.counts()).done;
        const until = async (test: () => Promise<boolean>, what: string, ms: number) => {
          const deadline = Date.now() + ms;
          while (!(await test())) {
            if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
            await new Promise((resolve) => setTimeout(resolve, 100));
          }
        };

        const first = worker();
        // Accept while the worker runs, as a live stream would.
        const ingest = new IngestService(store, queue);
        const accepting = (async () => {
          for (let i = 0; i < ITEMS; i++) {
            const pdq =
              i % BANKED_EVERY === 0 ? banked[i / BANKED_EVERY]! : randomBytes(32).toString("hex");
            await ingest.accept({
              source: "stream",
              idempotencyKey: `crash:${i}`,
              platform: "test",
              externalId: String(i),
              hashes: { pdq: [pdq] },
            });
          }
        })();
        await until(async () => (await done()) >= ITEMS / 4, "a quarter of the items", 120_000);
        first.kill("SIGKILL");
        await new Promise((resolve) => first.once("exit", resolve));
        const atKill = await done();
        expect(atKill).toBeLessThan(ITEMS);
        await accepting;
        // An accepted item is never lost, and the repeat of a key is accepted once.
        const repeat = await ingest.accept({ source: "stream", idempotencyKey: "crash:7" });
        expect(repeat.duplicate).toBe(true);

        worker();
        await until(async () => (await done()) === ITEMS, "every item", 180_000);
        expect(await store.items.counts()).toEqual({ queued: 0, done: ITEMS, failed: 0 });
        // Each item's verdict is the one its hash deserves: banked → removed by the default rule
        // set's `known-ncii`, the rest allowed.
        for (let i = 0; i < ITEMS; i += 1) {
          if (i % 97 !== 0 && i % BANKED_EVERY !== 0) continue;
          const item = await store.items.getByKey(`crash:${i}`);
          expect(item?.verdict, `item ${i}`).toBe(i % BANKED_EVERY === 0 ? "remove" : "allow");
        }
        // One takedown per banked item: none lost, none doubled.
        const takedowns = new Set<string>();
        let rows = 0;
        for (let before: number | undefined; ;) {
          const page = await store.actionLog.list({
            kind: "item.remove",
            limit: 1000,
            ...(before ? { before } : {}),
          });
          for (const action of page.items) takedowns.add(action.subjectId ?? "");
          rows += page.items.length;
          if (page.next === null) break;
          before = page.next;
        }
        expect(rows).toBe(ITEMS / BANKED_EVERY);
        expect(takedowns.size).toBe(ITEMS / BANKED_EVERY);
        // Every takedown was announced by a signed webhook, at least once.
        const delivered = () => new Set(receiver.requests.map((r) => r.headers["vigil-event-id"]));
        await until(async () => delivered().size >= ITEMS / BANKED_EVERY, "the webhooks", 60_000);
        expect(delivered()).toEqual(new Set([...takedowns].map((id) => `verdict:${id}`)));
        for (const request of receiver.requests.slice(0, 50)) {
          const header = request.headers["vigil-signature"];
          expect(verifyWebhookSignature(secret, String(header), request.body)).toBe(true);
        }
        const stats = await queue.stats("content");
        expect(stats).toEqual({ pending: 0, inFlight: 0, deadLettered: 0 });
      } finally {
        await queue.close();
        await store.close();
      }
    });
  },
);

interface CrashQueue {
  readonly name: string;
  readonly queueUrl: (dir: string) => string;
  readonly cleanup: (deployment: string) => Promise<void>;
}

function queueBackends(): CrashQueue[] {
  const backends: CrashQueue[] = [
    {
      name: "embedded",
      queueUrl: (dir) => `sqlite:${join(dir, "queue.db")}`,
      cleanup: async () => undefined,
    },
  ];
  const nats = natsTestUrl();
  if (nats) {
    backends.push({
      name: "nats",
      queueUrl: () => nats,
      cleanup: (name) => deleteNatsDeployments(nats, [name]),
    });
  }
  return backends;
}
