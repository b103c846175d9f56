/**
 * The engine's whole path under load: items posted to `POST /v1/content/batch` (batches of 100,
 * 4 requests in flight) on one `--role api` process, decided by N `--role worker` processes
 * (N = 1 and 2), and a single `--role all` process (the `npm start` default). Every process, the
 * load generator and the local image server share the machine's two cores.
 *
 *  - hash-only items (one PDQ hash each, 10 % of them banked), BENCH_PIPELINE_ITEMS (10,000);
 *  - items with one 1.6 MP JPEG by URL, served from this process, BENCH_PIPELINE_IMAGES (500).
 *
 * For each: the ingest rate (items accepted a second), the end-to-end rate (first POST until every
 * item is done, workers running throughout) and the worker-only rate (everything ingested first
 * with no worker running, then the workers started; timed from the first item done). The store is
 * SQLite with a bank of BENCH_PIPELINE_BANK (100,000) random PDQ hashes; the queue the embedded
 * one, and NATS JetStream too when VIGIL_BENCH_NATS_URL (or VIGIL_TEST_NATS_URL) names a server.
 */
import { randomBytes } from "node:crypto";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { formatPdqHex } from "../src/hash/index.js";
import { openQueue } from "../src/queue/index.js";
import { issueApiKey } from "../src/server/index.js";
import { openStore, type NewBankEntry } from "../src/store/index.js";
import { encode, scenePixels } from "../test/helpers/images.js";
import { deleteNatsDeployments } from "../test/helpers/nats.js";
import { randomHash, seeded } from "../test/helpers/pdq-random.js";
import { pdqVectorPath } from "../test/helpers/shared.js";
import { Client, startChild, type Child } from "./pipeline-processes.js";

const HASH_ITEMS = Number(process.env.BENCH_PIPELINE_ITEMS ?? 10_000);
const IMAGE_ITEMS = Number(process.env.BENCH_PIPELINE_IMAGES ?? 500);
const BANK_ENTRIES = Number(process.env.BENCH_PIPELINE_BANK ?? 100_000);
const BATCH = 100;
const IN_FLIGHT = 4;
const API_PORT = 18_191;
const GOAL = 116; // items/s: 10 million a day
/** No item finished for this long: give up on the run and say so. */
const STALL_MS = 60_000;
/** What `vigil serve` prints once it has started, whatever the role. */

interface Context {
  readonly template: string;
  readonly token: string;
  readonly banked: readonly string[];
  readonly imageUrl: string;
  readonly imagePort: number;
}

interface Queue {
  readonly name: string;
  /** Environment for the children; a fresh NATS deployment name per run. */
  env(): Record<string, string>;
  cleanup(): Promise<void>;
}

interface Scenario {
  readonly kind: "hash" | "image";
  readonly topology: "all" | 1 | 2;
  readonly mode: "end-to-end" | "worker-only";
}

interface Outcome {
  readonly scenario: Scenario;
  readonly total: number;
  readonly ingestPerSecond: number;
  readonly perSecond: number;
  readonly seconds: number;
  readonly failed: number;
  readonly refused: number;
  readonly dead: number;
  readonly notes: string[];
}

export async function run(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), "vigil-bench-pipeline-"));
  const jpeg = await readJpeg();
  const images = await serveImage(jpeg);
  try {
    const seeding = Date.now();
    const { token, banked } = await seedTemplate(root);
    const seedSeconds = (Date.now() - seeding) / 1000;
    const port = (images.address() as AddressInfo).port;
    const context: Context = {
      template: root,
      token,
      banked,
      imageUrl: `http://127.0.0.1:${port}/img.jpg`,
      imagePort: port,
    };
    const queues: Queue[] = [sqliteQueue()];
    const natsUrl = process.env.VIGIL_BENCH_NATS_URL || process.env.VIGIL_TEST_NATS_URL;
    if (natsUrl) queues.push(natsQueue(natsUrl));
    const scenarios: Scenario[] = [];
    for (const kind of ["hash", "image"] as const) {
      for (const topology of [1, 2] as const) {
        for (const mode of ["end-to-end", "worker-only"] as const) {
          scenarios.push({ kind, topology, mode });
        }
      }
    }
    scenarios.push({ kind: "hash", topology: "all", mode: "end-to-end" });

    console.log(
      `\n### The engine: items through the whole path (SQLite store, bank of ` +
        `${BANK_ENTRIES.toLocaleString("en")} PDQ hashes)\n`,
    );
    console.log(
      `${HASH_ITEMS.toLocaleString("en")} hash-only items (10 % banked) and ` +
        `${IMAGE_ITEMS.toLocaleString("en")} items with a ${jpeg.length}-byte 1.6 MP JPEG by URL, ` +
        `posted in batches of ${BATCH}, ${IN_FLIGHT} in flight. One --role api process and N ` +
        `--role worker processes (VIGIL_WORKER_CONCURRENCY 4), or one --role all process; they, ` +
        `the load generator and the image server share the machine's cores. Seeding the bank: ` +
        `${seedSeconds.toFixed(1)} s.`,
    );
    for (const queue of queues) {
      const outcomes: Outcome[] = [];
      const started = Date.now();
      for (const scenario of scenarios) {
        outcomes.push(await runScenario(context, queue, scenario));
      }
      printTable(queue.name, outcomes);
      console.log(
        `\nThe ${outcomes.length} runs took ${((Date.now() - started) / 1000).toFixed(0)} s.`,
      );
    }
  } finally {
    images.close();
    rmSync(root, { recursive: true, force: true });
  }
}

async function seedTemplate(dir: string): Promise<{ token: string; banked: string[] }> {
  const store = await openStore({ url: `sqlite:${dir}/vigil.db` });
  try {
    await store.banks.create({ id: "bench", name: "Benchmark bank", labels: ["ncii"] });
    const next = seeded(11);
    const banked: string[] = [];
    for (let done = 0; done < BANK_ENTRIES;) {
      const batch: NewBankEntry[] = [];
      for (let i = 0; i < 50_000 && done < BANK_ENTRIES; i++, done++) {
        const value = formatPdqHex(randomHash(next));
        if (banked.length < 2_000) banked.push(value);
        batch.push({ signalType: "pdq", value, quality: 100 });
      }
      await store.entries.addMany("bench", batch);
    }
    const { token } = await issueApiKey(store, {
      name: "bench",
      scopes: ["admin"],
      rateLimitPerMinute: 1_000_000,
      actor: "bench",
    });
    return { token, banked };
  } finally {
    await store.close();
  }
}

function sqliteQueue(): Queue {
  return { name: "embedded SQLite queue", env: () => ({}), cleanup: async () => {} };
}

function natsQueue(url: string): Queue {
  const names: string[] = [];
  return {
    name: "NATS JetStream queue",
    env: () => {
      const name = `vigil_bench_${randomBytes(6).toString("hex")}`;
      names.push(name);
      return { VIGIL_QUEUE_URL: url, VIGIL_QUEUE_NAME: name };
    },
    cleanup: () => deleteNatsDeployments(url, names.splice(0)),
  };
}

async function runScenario(context: Context, queue: Queue, scenario: Scenario): Promise<Outcome> {
  const dir = mkdtempSync(join(context.template, "run-"));
  for (const file of ["vigil.db", "vigil.db-wal"]) {
    if (existsSync(join(context.template, file))) {
      copyFileSync(join(context.template, file), join(dir, file));
    }
  }
  const env = {
    ...process.env,
    VIGIL_LOG_LEVEL: "warn",
    UV_THREADPOOL_SIZE: "2",
    VIGIL_ALLOW_PRIVATE_FETCH: "true",
    VIGIL_FETCH_PORTS: String(context.imagePort),
    ...queue.env(),
  };
  const total = scenario.kind === "hash" ? HASH_ITEMS : IMAGE_ITEMS;
  const children: Child[] = [];
  const notes: string[] = [];
  let failed = 0;
  let refused = 0;
  let dead = 0;
  let ingestPerSecond = 0;
  let perSecond = 0;
  let seconds = 0;
  try {
    const api = startChild(scenario.topology === "all" ? "all" : "api", API_PORT, dir, env);
    children.push(api);
    await api.ready;
    const workerCount = scenario.topology === "all" ? 0 : scenario.topology;
    const startWorkers = async () => {
      const workers = [];
      for (let i = 0; i < workerCount; i++) {
        workers.push(startChild("worker", API_PORT + 1 + i, dir, env));
      }
      children.push(...workers);
      await Promise.all(workers.map((worker) => worker.ready));
    };
    if (scenario.mode === "end-to-end") await startWorkers();

    const client = new Client(`http://127.0.0.1:${API_PORT}`, context.token);
    const bodies = itemBodies(context, scenario.kind, total);
    const started = performance.now();
    const ingesting = ingestAll(client, bodies).then((result) => {
      ingestPerSecond = total / ((performance.now() - started) / 1000);
      refused = result.refused;
      return result;
    });
    if (scenario.mode === "end-to-end") {
      const done = await waitForDone(client, total, started);
      await ingesting;
      failed = done.failed;
      seconds = done.seconds;
      perSecond = (total - failed) / seconds;
      if (done.stalled) notes.push(`stalled: ${done.finished} of ${total} finished`);
    } else {
      await ingesting;
      const spawned = performance.now();
      const running = startWorkers();
      const done = await waitForDone(client, total, spawned, { fromFirstDone: true });
      await running;
      failed = done.failed;
      seconds = done.seconds;
      perSecond = (done.counted - failed) / seconds;
      if (done.stalled) notes.push(`stalled: ${done.finished} of ${total} finished`);
    }
    dead = await deadLetters(dir, env);
    if (failed > 0) notes.push(...failureReasons(dir));
  } catch (error) {
    notes.push(`run failed: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    await Promise.all(children.map((child) => child.stop()));
    for (const child of children) {
      if (child.problems.length > 0) {
        notes.push(
          `${child.role} logged ${child.problemCount} warning/error line(s), e.g. ` +
            child.problems.slice(0, 3).join(" | "),
        );
      }
    }
    await queue.cleanup().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
  return { scenario, total, ingestPerSecond, perSecond, seconds, failed, refused, dead, notes };
}

function itemBodies(context: Context, kind: "hash" | "image", total: number): string[] {
  const next = seeded(kind === "hash" ? 21 : 22);
  const run = randomBytes(4).toString("hex");
  const bodies: string[] = [];
  for (let start = 0; start < total; start += BATCH) {
    const items = [];
    for (let i = start; i < Math.min(total, start + BATCH); i++) {
      const common = {
        idempotencyKey: `bench:${run}:${i}`,
        platform: "bench",
        channelId: `channel-${i % 50}`,
        externalId: `message-${i}`,
        authorId: `author-${i % 1000}`,
        visibility: "public",
      };
      if (kind === "image") {
        items.push({ ...common, media: [{ url: `${context.imageUrl}?n=${i}` }] });
      } else {
        const pdq =
          i % 10 === 0
            ? context.banked[(i / 10) % context.banked.length]!
            : formatPdqHex(randomHash(next));
        items.push({ ...common, hashes: { pdq: [pdq] } });
      }
    }
    bodies.push(JSON.stringify({ items }));
  }
  return bodies;
}

async function ingestAll(client: Client, bodies: readonly string[]): Promise<{ refused: number }> {
  let nextBody = 0;
  let refused = 0;
  const lane = async () => {
    while (nextBody < bodies.length) {
      const body = bodies[nextBody++]!;
      const { status, json } = await client.post("/v1/content/batch", body);
      if (status !== 202 && status !== 207) {
        throw new Error(`POST /v1/content/batch answered ${status}: ${JSON.stringify(json)}`);
      }
      refused += (json as { refused: number }).refused;
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, lane));
  return { refused };
}

interface Done {
  readonly seconds: number;
  readonly failed: number;
  readonly finished: number;
  /** Items finished inside the timed span. */
  readonly counted: number;
  readonly stalled: boolean;
}

async function waitForDone(
  client: Client,
  total: number,
  started: number,
  { fromFirstDone = false } = {},
): Promise<Done> {
  let from = started;
  let before = 0;
  let firstSeen = !fromFirstDone;
  let lastFinished = -1;
  let lastProgress = performance.now();
  for (;;) {
    const counts = await client.counts();
    const now = performance.now();
    const finished = counts.done + counts.failed;
    if (!firstSeen && finished > 0) {
      firstSeen = true;
      from = now;
      before = finished;
    }
    if (finished >= total) {
      return {
        seconds: (now - from) / 1000,
        failed: counts.failed,
        finished,
        counted: finished - before,
        stalled: false,
      };
    }
    if (finished !== lastFinished) {
      lastFinished = finished;
      lastProgress = now;
    } else if (now - lastProgress > STALL_MS) {
      return {
        seconds: (now - from) / 1000,
        failed: counts.failed,
        finished,
        counted: finished - before,
        stalled: true,
      };
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function deadLetters(dir: string, env: NodeJS.ProcessEnv): Promise<number> {
  const queue = await openQueue({
    url: env.VIGIL_QUEUE_URL || `sqlite:${dir}/queue.db`,
    name: env.VIGIL_QUEUE_NAME || "vigil",
  });
  try {
    return (await queue.stats("content")).deadLettered;
  } finally {
    await queue.close();
  }
}

function failureReasons(dir: string): string[] {
  const db = new Database(join(dir, "vigil.db"), { readonly: true });
  try {
    const rows = db
      .prepare(
        "SELECT error, count(*) AS n FROM content_items WHERE status = 'failed' " +
          "GROUP BY error ORDER BY n DESC LIMIT 3",
      )
      .all() as { error: string | null; n: number }[];
    return rows.map((row) => `${row.n} failed: ${row.error ?? "(no error recorded)"}`);
  } finally {
    db.close();
  }
}

function printTable(queueName: string, outcomes: readonly Outcome[]): void {
  console.log(`\n#### ${queueName}\n`);
  console.log(
    "| items | processes | run | items | ingest items/s | items/s | items/day | ≥ 116/s | seconds | failed | refused | dead letters |",
  );
  console.log(
    "| --- | --- | --- | ---: | ---: | ---: | ---: | :---: | ---: | ---: | ---: | ---: |",
  );
  for (const o of outcomes) {
    const { kind, topology, mode } = o.scenario;
    const what = kind === "hash" ? "hash only" : "1.6 MP JPEG by URL";
    const processes =
      topology === "all" ? "1 × all" : `api + ${topology} worker${topology > 1 ? "s" : ""}`;
    const perDay = Math.round(o.perSecond * 86_400);
    console.log(
      `| ${what} | ${processes} | ${mode} | ${o.total.toLocaleString("en")} | ` +
        `${Math.round(o.ingestPerSecond).toLocaleString("en")} | ${o.perSecond.toFixed(1)} | ` +
        `${(perDay / 1e6).toFixed(1)} M | ${o.perSecond >= GOAL ? "yes" : "no"} | ` +
        `${o.seconds.toFixed(1)} | ${o.failed} | ${o.refused} | ${o.dead} |`,
    );
  }
  const notes = outcomes.flatMap((o) =>
    o.notes.map(
      (note) => `- ${o.scenario.kind}, ${String(o.scenario.topology)}, ${o.scenario.mode}: ${note}`,
    ),
  );
  if (notes.length > 0) console.log(`\n${notes.join("\n")}`);
}

async function readJpeg(): Promise<Buffer> {
  try {
    return readFileSync(pdqVectorPath("data/bridge-mods/aaa-orig.jpg"));
  } catch {
    return encode(scenePixels(1600, 1000, 3), "jpeg");
  }
}

function serveImage(jpeg: Buffer): Promise<Server> {
  const server = createServer((request, response) => {
    response.writeHead(200, { "content-type": "image/jpeg", "content-length": jpeg.length });
    response.end(jpeg);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
