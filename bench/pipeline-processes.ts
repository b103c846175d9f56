/**
 * The processes the pipeline benchmark runs (`vigil serve` by role, from source through tsx) and
 * the HTTP client it drives them with: started, watched for their ready line and anything else
 * they print (a problem worth a note in the results), stopped with SIGTERM, then SIGKILL.
 */
import { spawn, type ChildProcess } from "node:child_process";

/** "Vigil (api) is listening on …", "Vigil worker running (health at …)". */
const READY = /listening on|running \(health/;

export interface Child {
  readonly role: string;
  readonly ready: Promise<void>;
  readonly problems: string[];
  problemCount: number;
  stop(): Promise<void>;
}

export function startChild(role: string, port: number, dir: string, env: NodeJS.ProcessEnv): Child {
  const process_: ChildProcess = spawn(
    process.execPath,
    ["--import", "tsx", "src/cli/bin.ts", "serve", "--port", String(port), "--data", dir],
    {
      env: { ...env, VIGIL_ROLE: role, VIGIL_HOST: "127.0.0.1" },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const child: Child = {
    role: `${role}:${port}`,
    problems: [],
    problemCount: 0,
    // "Vigil (api) is listening on …", "Vigil worker running (health at …)".
    ready: new Promise((resolve, reject) => {
      process_.once("exit", (code) => reject(new Error(`${role} exited with ${code}`)));
      const timer = setTimeout(() => reject(new Error(`${role} did not start in 60 s`)), 60_000);
      process_.stdout!.on("data", (chunk: Buffer) => {
        if (READY.test(chunk.toString())) {
          clearTimeout(timer);
          resolve();
        }
      });
    }),
    stop: () =>
      new Promise((resolve) => {
        if (process_.exitCode !== null || process_.signalCode !== null) return resolve();
        const timer = setTimeout(() => process_.kill("SIGKILL"), 10_000);
        process_.once("exit", () => {
          clearTimeout(timer);
          resolve();
        });
        process_.kill("SIGTERM");
      }),
  };
  child.ready.catch(() => undefined);
  const collect = (chunk: Buffer) => {
    for (const line of chunk.toString().split("\n")) {
      if (!line.trim() || READY.test(line)) continue;
      child.problemCount++;
      if (child.problems.length < 3) child.problems.push(line.slice(0, 400));
    }
  };
  process_.stdout!.on("data", collect);
  process_.stderr!.on("data", collect);
  return child;
}

export class Client {
  constructor(
    private readonly base: string,
    private readonly token: string,
  ) {}

  async post(path: string, body: string): Promise<{ status: number; json: unknown }> {
    const response = await fetch(this.base + path, {
      method: "POST",
      headers: { authorization: `Bearer ${this.token}`, "content-type": "application/json" },
      body,
    });
    return { status: response.status, json: await response.json() };
  }

  async counts(): Promise<{ queued: number; done: number; failed: number }> {
    const response = await fetch(`${this.base}/v1/content`, {
      headers: { authorization: `Bearer ${this.token}` },
    });
    if (!response.ok) throw new Error(`GET /v1/content answered ${response.status}`);
    return ((await response.json()) as { counts: { queued: number; done: number; failed: number } })
      .counts;
  }
}
