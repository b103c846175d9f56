import { mkdtempSync, rmSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe } from "vitest";
import { openQueue, type JobQueue, type QueueTuning } from "../../src/queue/index.js";
import { deleteNatsDeployments } from "./nats.js";

/**
 * The real queues the queue suite runs against ("No mocks"): the embedded queue on a SQLite
 * file, always, and NATS JetStream when VIGIL_TEST_NATS_URL names a server (`.ci/run` starts
 * one). Without it the NATS suite skips with a message, except under CI=true, where it fails.
 * Each NATS location is a deployment name of its own (random streams and subjects), whose
 * streams are deleted after the test.
 */
export interface TestQueueLocation {
  /** Opens (again) a queue on this location; every queue opened is closed after the test. */
  open(tuning?: QueueTuning): Promise<JobQueue>;
}

export interface TestQueueBackend {
  readonly name: string;
  /** A new, empty location. */
  location(): TestQueueLocation;
}

let warned = false;

export function natsTestUrl(): string | undefined {
  const url = process.env.VIGIL_TEST_NATS_URL;
  if (url) return url;
  if (process.env.CI === "true") {
    throw new Error("CI=true but VIGIL_TEST_NATS_URL is not set: the NATS queue suite must run");
  }
  if (!warned) {
    console.warn(
      "Skipping the NATS JetStream queue tests: set VIGIL_TEST_NATS_URL " +
        "(e.g. nats://127.0.0.1:4222, a nats-server started with -js) to run them.",
    );
    warned = true;
  }
  return undefined;
}

/** Registers `suite` once per queue backend, skipping unavailable ones. */
export function forEachQueueBackend(suite: (backend: TestQueueBackend) => void): void {
  const natsUrl = natsTestUrl();
  describe("sqlite", () => suite(sqliteBackend()));
  describe.skipIf(natsUrl === undefined)("nats", () => suite(natsBackend(natsUrl ?? "")));
}

function queueTracker(): (queue: Promise<JobQueue>) => Promise<JobQueue> {
  const open: JobQueue[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((queue) => queue.close()));
  });
  return async (opening) => {
    const queue = await opening;
    open.push(queue);
    return queue;
  };
}

function sqliteBackend(): TestQueueBackend {
  let dir: string | undefined;
  let count = 0;
  const track = queueTracker();
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  return {
    name: "sqlite",
    location: () => {
      dir ??= mkdtempSync(join(tmpdir(), "vigil-queue-"));
      const url = `sqlite:${join(dir, `queue-${++count}.db`)}`;
      return { open: (tuning = {}) => track(openQueue({ url, ...tuning })) };
    },
  };
}

function natsBackend(url: string): TestQueueBackend {
  const names: string[] = [];
  // Registered before the tracker: after-hooks run last-registered first, so the queues close
  // before their streams are deleted.
  afterEach(() => deleteNatsDeployments(url, names.splice(0)));
  const track = queueTracker();
  return {
    name: "nats",
    location: () => {
      const name = `vigil_test_${randomBytes(6).toString("hex")}`;
      names.push(name);
      return { open: (tuning = {}) => track(openQueue({ url, name, ...tuning })) };
    },
  };
}
