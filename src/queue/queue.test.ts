import { describe, expect, it } from "vitest";
import { forEachQueueBackend } from "../../test/helpers/queue-backends.js";
import type { ConsumeOptions, Job } from "./types.js";
import type { QueueTuning } from "./settings.js";

// Small timings so retries and lease expiry happen within the suite; the production defaults
// are seconds (settings.ts).
const FAST: QueueTuning = { leaseMs: 1000, pollIntervalMs: 20 };
const QUICK_RETRY: ConsumeOptions = { backoff: () => 20 };

forEachQueueBackend((backend) => {
  describe(`JobQueue on ${backend.name}`, () => {
    it("runs an enqueued job once and acks it", async () => {
      const queue = await backend.location().open(FAST);
      const { id, duplicate } = await queue.enqueue("scan", { itemId: "a1" });
      expect(duplicate).toBe(false);
      const seen: Job[] = [];
      const consumer = queue.consume("scan", async (job) => {
        seen.push(job);
      });
      await eventually(() => seen.length === 1);
      await consumer.stop();
      expect(seen[0]).toMatchObject({ id, topic: "scan", payload: { itemId: "a1" }, attempt: 1 });
      await eventually(async () => (await queue.stats("scan")).inFlight === 0);
      expect(await queue.stats("scan")).toEqual({ pending: 0, inFlight: 0, deadLettered: 0 });
    });

    it("accepts a repeated idempotency key once, per topic", async () => {
      const queue = await backend.location().open(FAST);
      const first = await queue.enqueue("scan", { n: 1 }, { idempotencyKey: "item-7" });
      const again = await queue.enqueue("scan", { n: 2 }, { idempotencyKey: "item-7" });
      const other = await queue.enqueue("webhook", { n: 3 }, { idempotencyKey: "item-7" });
      expect(again).toEqual({ id: first.id, duplicate: true });
      expect(other.duplicate).toBe(false);
      const payloads: unknown[] = [];
      const consumer = queue.consume("scan", async (job) => {
        payloads.push(job.payload);
      });
      await eventually(() => payloads.length === 1);
      await consumer.stop();
      expect(payloads).toEqual([{ n: 1 }]);
      expect((await queue.enqueue("scan", { n: 4 }, { idempotencyKey: "item-7" })).duplicate).toBe(
        true,
      );
    });

    it("retries a failing job after its backoff until it succeeds", async () => {
      const queue = await backend.location().open(FAST);
      await queue.enqueue("scan", { itemId: "flaky" });
      const attempts: number[] = [];
      const delays: number[] = [];
      const consumer = queue.consume(
        "scan",
        async (job) => {
          attempts.push(job.attempt);
          if (job.attempt < 3) throw new Error(`upstream down (${job.attempt})`);
        },
        { backoff: (attempt) => (delays.push(attempt), 20) },
      );
      await eventually(() => attempts.length === 3);
      await consumer.stop();
      expect(attempts).toEqual([1, 2, 3]);
      expect(delays).toEqual([1, 2]);
      expect((await queue.deadLetters("scan")).length).toBe(0);
    });

    it("dead-letters a job after maxAttempts with its error, and queues it again on retry", async () => {
      const queue = await backend.location().open(FAST);
      await queue.enqueue("webhook", { deliveryId: "d1" });
      let healthy = false;
      const runs: Job[] = [];
      const consumer = queue.consume(
        "webhook",
        async (job) => {
          runs.push(job);
          if (!healthy) throw new Error(`HTTP 500 on attempt ${job.attempt}`);
        },
        { ...QUICK_RETRY, maxAttempts: 2 },
      );
      await eventually(async () => (await queue.deadLetters("webhook")).length === 1);
      const [dead] = await queue.deadLetters("webhook");
      expect(dead).toMatchObject({
        topic: "webhook",
        payload: { deliveryId: "d1" },
        attempts: 2,
        error: "HTTP 500 on attempt 2",
      });
      expect(Date.parse(dead!.failedAt)).not.toBeNaN();
      expect(runs.length).toBe(2);
      expect((await queue.stats("webhook")).deadLettered).toBe(1);

      healthy = true;
      await queue.retryDeadLetter(dead!.id);
      await eventually(() => runs.length === 3);
      await consumer.stop();
      expect(runs[2]).toMatchObject({ payload: { deliveryId: "d1" }, attempt: 1 });
      expect(await queue.deadLetters("webhook")).toEqual([]);
      await expect(queue.retryDeadLetter("999999")).rejects.toMatchObject({
        code: "queue/not-found",
      });
    });

    it("shares the work between two workers and never runs a job twice at once", async () => {
      const location = backend.location();
      const [one, two] = [await location.open(FAST), await location.open(FAST)];
      const total = 24;
      for (let n = 0; n < total; n++) await one.enqueue("scan", { n });
      const running = new Set<string>();
      const runs = new Map<string, number>();
      const byWorker = [0, 0];
      let overlaps = 0;
      const worker = (index: number) => async (job: Job) => {
        if (running.has(job.id)) overlaps++;
        running.add(job.id);
        await sleep(15);
        running.delete(job.id);
        runs.set(job.id, (runs.get(job.id) ?? 0) + 1);
        byWorker[index]!++;
      };
      const consumers = [
        one.consume("scan", worker(0), { concurrency: 2 }),
        two.consume("scan", worker(1), { concurrency: 2 }),
      ];
      await eventually(() => runs.size === total);
      await Promise.all(consumers.map((consumer) => consumer.stop()));
      expect(overlaps).toBe(0);
      expect([...runs.values()].every((count) => count === 1)).toBe(true);
      expect(byWorker[0]! + byWorker[1]!).toBe(total);
      expect(byWorker.every((count) => count > 0)).toBe(true);
    });

    it("delivers a job again when its worker dies mid-job", async () => {
      const location = backend.location();
      const crashing = await location.open(FAST);
      const { id } = await crashing.enqueue("scan", { itemId: "long" });
      let started!: () => void;
      const didStart = new Promise<void>((resolve) => (started = resolve));
      let release!: () => void;
      const hang = new Promise<void>((resolve) => (release = resolve));
      crashing.consume("scan", () => (started(), hang));
      await didStart;
      await crashing.close(); // like a killed process: no ack, no retry, the lease runs out

      const survivor = await location.open(FAST);
      const seen: Job[] = [];
      const consumer = survivor.consume("scan", async (job) => {
        seen.push(job);
      });
      await eventually(() => seen.length === 1);
      await consumer.stop();
      release();
      expect(seen[0]).toMatchObject({ id, payload: { itemId: "long" }, attempt: 2 });
    });

    it("keeps accepted jobs across close and reopen", async () => {
      const location = backend.location();
      const before = await location.open(FAST);
      for (const n of [1, 2, 3]) await before.enqueue("scan", { n });
      await before.close();
      const after = await location.open(FAST);
      expect((await after.stats("scan")).pending).toBe(3);
      const seen: unknown[] = [];
      const consumer = after.consume("scan", async (job) => {
        seen.push(job.payload);
      });
      await eventually(() => seen.length === 3);
      await consumer.stop();
      expect(seen).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
    });

    it("refuses a payload over the size limit, and payloads and topics that are not valid", async () => {
      const queue = await backend.location().open(FAST);
      await expect(queue.enqueue("scan", { bytes: "x".repeat(70_000) })).rejects.toMatchObject({
        code: "queue/payload-too-large",
        status: 413,
      });
      await expect(queue.enqueue("scan", [] as never)).rejects.toMatchObject({
        code: "queue/invalid",
      });
      await expect(queue.enqueue("scan.all", {})).rejects.toMatchObject({ code: "queue/invalid" });
      expect((await queue.stats("scan")).pending).toBe(0);
    });
  });
});

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Waits until `check` holds; the test's own timeout is the only bound on time. */
async function eventually(check: () => boolean | Promise<boolean>): Promise<void> {
  while (!(await check())) await sleep(20);
}
