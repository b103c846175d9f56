/**
 * The HTTP scan under load: a server process on SQLite with one bank of 1M random PDQ hashes
 * (BENCH_SERVER_ENTRIES to change), driven by autocannon from this process over loopback. Both
 * share the machine's two cores, so the figures include the load generator's cost.
 *
 *  - scan by hash paced at 500 requests/s (the goal: p99 under 50 ms), then flat out;
 *  - scan of a 1.6 MP JPEG (bridge-mods/aaa-orig.jpg, 1600×1004) flat out.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";
import { formatPdqHex } from "../src/hash/index.js";
import { issueApiKey } from "../src/server/index.js";
import { openStore, type NewBankEntry } from "../src/store/index.js";
import { encode, scenePixels } from "../test/helpers/images.js";
import { randomHash, seeded } from "../test/helpers/pdq-random.js";
import { pdqVectorPath } from "../test/helpers/shared.js";

const ENTRIES = Number(process.env.BENCH_SERVER_ENTRIES ?? 1_000_000);
const PORT = 18_181;

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "vigil-bench-server-"));
  let server: ChildProcess | undefined;
  try {
    const seeding = Date.now();
    const token = await seedDatabase(dir);
    const seedSeconds = (Date.now() - seeding) / 1000;
    const started = Date.now();
    server = spawn(
      process.execPath,
      ["--import", "tsx", "src/cli/bin.ts", "serve", "--port", String(PORT), "--data", dir],
      {
        env: { ...process.env, VIGIL_LOG_LEVEL: "warn", UV_THREADPOOL_SIZE: "2" },
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    await waitForServer(server);
    const startSeconds = (Date.now() - started) / 1000;
    const url = `http://127.0.0.1:${PORT}/v1/scan`;
    const headers = { authorization: `Bearer ${token}` };
    const next = seeded(99);
    const hashBody = () => JSON.stringify({ hashes: { pdq: [formatPdqHex(randomHash(next))] } });
    const jpegPath = pdqVectorPath("data/bridge-mods/aaa-orig.jpg");
    const jpeg = await readJpeg(jpegPath);

    const rows = [
      await load("scan by hash, paced at 500 req/s", {
        url,
        headers,
        json: hashBody,
        connections: 10,
        connectionRate: 50,
      }),
      await load("scan by hash, flat out", { url, headers, json: hashBody, connections: 20 }),
      await load("scan of a 1.6 MP JPEG, flat out", { url, headers, jpeg, connections: 4 }),
    ];
    console.log(
      `\n### HTTP scan against a bank of ${ENTRIES.toLocaleString("en")} PDQ hashes (SQLite)\n`,
    );
    console.log(
      `Adding the entries through the store (addMany, 50k a call): ${seedSeconds.toFixed(1)} s ` +
        `(${Math.round(ENTRIES / seedSeconds).toLocaleString("en")} entries/s)  \n` +
        `Server start-up including loading the index from the database: ${startSeconds.toFixed(1)} s\n`,
    );
    console.log("| load | requests/s | p50 ms | p90 ms | p99 ms | max ms | errors |");
    console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
    for (const row of rows) console.log(row);
  } finally {
    server?.kill("SIGTERM");
    rmSync(dir, { recursive: true, force: true });
  }
}

async function seedDatabase(dir: string): Promise<string> {
  const store = await openStore({ url: `sqlite:${dir}/vigil.db` });
  try {
    await store.banks.create({ id: "bench", name: "Benchmark bank", labels: ["ncii"] });
    const next = seeded(7);
    for (let done = 0; done < ENTRIES;) {
      const batch: NewBankEntry[] = [];
      for (let i = 0; i < 50_000 && done < ENTRIES; i++, done++) {
        batch.push({ signalType: "pdq", value: formatPdqHex(randomHash(next)), quality: 100 });
      }
      await store.entries.addMany("bench", batch);
    }
    const { token } = await issueApiKey(store, {
      name: "bench",
      scopes: ["scan"],
      rateLimitPerMinute: 1_000_000,
      actor: "bench",
    });
    return token;
  } finally {
    await store.close();
  }
}

function waitForServer(server: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("exit", (code) => reject(new Error(`server exited with ${code}`)));
    server.stdout!.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("listening")) resolve();
    });
  });
}

async function readJpeg(path: string): Promise<Buffer> {
  try {
    return readFileSync(path);
  } catch {
    return encode(scenePixels(1600, 1004, 1), "jpeg");
  }
}

interface LoadOptions {
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly json?: () => string;
  readonly jpeg?: Buffer;
  readonly connections: number;
  /** Requests a second per connection: a steady pace rather than a burst each second. */
  readonly connectionRate?: number;
}

async function load(name: string, options: LoadOptions): Promise<string> {
  const settings = {
    url: options.url,
    method: "POST",
    connections: options.connections,
    duration: 10,
    ...(options.connectionRate ? { connectionRate: options.connectionRate } : {}),
    headers: {
      ...options.headers,
      "content-type": options.json ? "application/json" : "image/jpeg",
    },
    ...(options.json
      ? {
          requests: [
            { setupRequest: (request: object) => ({ ...request, body: options.json!() }) },
          ],
        }
      : { body: options.jpeg! }),
  } as autocannon.Options;
  const result = await autocannon(settings);
  const l = result.latency;
  const errors = result.errors + result.non2xx;
  return `| ${name} | ${result.requests.average.toFixed(0)} | ${l.p50} | ${l.p90} | ${l.p99} | ${l.max} | ${errors} |`;
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
