import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "./main.js";

/** `vigil serve` and `vigil keys` as a user runs them: a real process on a real port. */
describe("vigil serve and vigil keys", () => {
  let dir = "";
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "vigil-serve-"));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  async function cli(...argv: string[]) {
    let stdout = "";
    let stderr = "";
    const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
    return { code, stdout, stderr };
  }

  it("starts on an empty data directory, prints a first admin key once, serves, and stops on SIGTERM", async () => {
    const child = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        "src/cli/bin.ts",
        "serve",
        "--port",
        "0",
        "--host",
        "127.0.0.1",
        "--data",
        dir,
      ],
      {
        cwd: join(import.meta.dirname, "..", ".."),
        env: { ...process.env, VIGIL_LOG_LEVEL: "warn" },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let output = "";
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on("data", (chunk: Buffer) => {
        output += chunk.toString();
        const found = /listening on (http:\/\/\S+)/.exec(output);
        if (found) resolve(found[1]!);
      });
      child.once("exit", (code) => reject(new Error(`serve exited with ${code}: ${output}`)));
    });
    const admin = /(vgl_[0-9a-f]{12}_[A-Za-z0-9_-]{43})/.exec(output)?.[1];
    expect(admin).toBeDefined();
    expect((await fetch(`${url}/healthz`)).status).toBe(200);

    const created = await cli(
      "keys",
      "create",
      "--name",
      "uploads",
      "--scopes",
      "scan",
      "--data",
      dir,
    );
    expect(created.code).toBe(0);
    const scanKey = created.stdout.trim();
    const scan = await fetch(`${url}/v1/scan`, {
      method: "POST",
      headers: { authorization: `Bearer ${scanKey}`, "content-type": "application/json" },
      body: JSON.stringify({ hashes: { md5: "8bbbaa9540800e378beadc8bbef7bb32" } }),
    });
    expect(((await scan.json()) as { verdict: string }).verdict).toBe("allow");
    const banks = await fetch(`${url}/v1/banks`, {
      headers: { authorization: `Bearer ${scanKey}` },
    });
    expect(banks.status).toBe(403);

    const listed = await cli("keys", "list", "--data", dir);
    expect(listed.stdout).toContain("uploads");
    expect(listed.stdout).not.toContain(scanKey);
    const id = listed.stdout
      .split("\n")
      .find((line) => line.includes("uploads"))!
      .split(/\s+/)[0]!;
    expect((await cli("keys", "revoke", id, "--data", dir)).code).toBe(0);
    const revoked = await fetch(`${url}/v1/scan`, {
      method: "POST",
      headers: { authorization: `Bearer ${scanKey}`, "content-type": "application/json" },
      body: "{}",
    });
    expect(revoked.status).toBe(401);

    const exit = new Promise<number | null>((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    expect(await exit).toBe(0);
  });

  it("refuses a bad setting at start-up, naming it", async () => {
    const previous = process.env.VIGIL_PORT;
    process.env.VIGIL_PORT = "eighty";
    try {
      const result = await cli("serve", "--data", dir);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain("VIGIL_PORT");
    } finally {
      if (previous === undefined) delete process.env.VIGIL_PORT;
      else process.env.VIGIL_PORT = previous;
    }
  });

  it("runs as separate API and worker processes on one data directory", async () => {
    const roles = await mkdtemp(join(tmpdir(), "vigil-roles-"));
    const children: ReturnType<typeof spawn>[] = [];
    const serve = async (role: string) => {
      const child = spawn(
        process.execPath,
        ["--import", "tsx", "src/cli/bin.ts", "serve", "--role", role, "--port", "0"],
        {
          cwd: join(import.meta.dirname, "..", ".."),
          env: {
            ...process.env,
            VIGIL_HOST: "127.0.0.1",
            VIGIL_DATA_DIR: roles,
            VIGIL_LOG_LEVEL: "warn",
          },
          stdio: ["ignore", "pipe", "pipe"],
        },
      );
      children.push(child);
      let output = "";
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout!.on("data", (chunk: Buffer) => {
          output += chunk.toString();
          const found = /(?:listening on|health at) (http:\/\/[^\s/]+)/.exec(output);
          if (found) resolve(found[1]!);
        });
        child.once("exit", (code) => reject(new Error(`serve exited with ${code}: ${output}`)));
      });
      return { url, output };
    };
    try {
      const api = await serve("api");
      const admin = /(vgl_[0-9a-f]{12}_[A-Za-z0-9_-]{43})/.exec(api.output)![1]!;
      const call = (path: string, body?: unknown) =>
        fetch(`${api.url}${path}`, {
          method: body === undefined ? "GET" : "POST",
          headers: { authorization: `Bearer ${admin}`, "content-type": "application/json" },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
      await call("/v1/banks", { id: "victims", name: "Victims", labels: ["ncii"] });
      const md5 = "8bbbaa9540800e378beadc8bbef7bb32";
      await call("/v1/banks/victims/entries", { signalType: "md5", value: md5 });
      const accepted = await call("/v1/content", { idempotencyKey: "k1", hashes: { md5 } });
      expect(accepted.status).toBe(202);
      const { id } = (await accepted.json()) as { id: string };
      // The API process only queues: nothing decides the item until a worker runs.
      await new Promise((resolve) => setTimeout(resolve, 500));
      const waiting = (await (await call(`/v1/content/${id}`)).json()) as {
        item: { status: string };
      };
      expect(waiting.item.status).toBe("queued");

      const worker = await serve("worker");
      expect((await fetch(`${worker.url}/healthz`)).status).toBe(200);
      expect((await fetch(`${worker.url}/v1/banks`)).status).toBe(404);
      let item = { status: "queued", verdict: null as string | null };
      for (let i = 0; i < 200 && item.status === "queued"; i++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        item = ((await (await call(`/v1/content/${id}`)).json()) as { item: typeof item }).item;
      }
      expect(item).toMatchObject({ status: "done", verdict: "remove" });
    } finally {
      for (const child of children) child.kill("SIGTERM");
      await rm(roles, { recursive: true, force: true });
    }
  });

  it("refuses an unknown role", async () => {
    const result = await cli("serve", "--role", "everything", "--data", dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--role");
  });

  it("refuses unknown scopes", async () => {
    const result = await cli(
      "keys",
      "create",
      "--name",
      "x",
      "--scopes",
      "scan,everything",
      "--data",
      dir,
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("everything");
  });
});
