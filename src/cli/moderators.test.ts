import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { secretMatchesSlowHash } from "../engine/index.js";
import { openStore } from "../store/index.js";
import { runCli } from "./main.js";

async function run(...argv: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

describe("vigil moderators", () => {
  let dir = "";
  let savedUrl: string | undefined;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "vigil-moderators-"));
    savedUrl = process.env.VIGIL_DATABASE_URL;
    delete process.env.VIGIL_DATABASE_URL;
  });
  afterEach(async () => {
    if (savedUrl !== undefined) process.env.VIGIL_DATABASE_URL = savedUrl;
    await rm(dir, { recursive: true, force: true });
  });

  async function passwordWorks(name: string, password: string): Promise<boolean> {
    const store = await openStore({ url: `sqlite:${join(dir, "vigil.db")}` });
    try {
      const found = await store.moderators.findCredentials(name);
      return found?.passwordHash ? secretMatchesSlowHash(password, found.passwordHash) : false;
    } finally {
      await store.close();
    }
  }

  it("adds an admin with a generated password printed once, and resets it", async () => {
    const added = await run(
      "moderators",
      "add",
      "--name",
      "first",
      "--role",
      "admin",
      "--data",
      dir,
    );
    expect(added.code).toBe(0);
    const password = added.stdout.trim();
    expect(password).toMatch(/^[\w-]{24}$/);
    expect(added.stderr).toContain('Created admin "first"');
    expect(await passwordWorks("first", password)).toBe(true);

    const again = await run(
      "moderators",
      "add",
      "--name",
      "first",
      "--role",
      "admin",
      "--data",
      dir,
    );
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("vigil moderators password first");

    const reset = await run("moderators", "password", "first", "--data", dir);
    expect(reset.code).toBe(0);
    const next = reset.stdout.trim();
    expect(next).not.toBe(password);
    expect(await passwordWorks("first", next)).toBe(true);
    expect(await passwordWorks("first", password)).toBe(false);
  });

  it("refuses an unknown role and an unknown name", async () => {
    const bad = await run("moderators", "add", "--name", "x", "--role", "boss", "--data", dir);
    expect(bad.code).toBe(2);
    const unknown = await run("moderators", "password", "nobody", "--data", dir);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('no moderator "nobody"');
  });
});
