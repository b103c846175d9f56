import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openStore } from "../store/index.js";
import { runCli } from "./main.js";

async function run(...argv: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

describe("vigil audit verify", () => {
  let dir = "";
  let savedUrl: string | undefined;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "vigil-audit-"));
    // The command honours VIGIL_DATABASE_URL; these tests mean the database under --data.
    savedUrl = process.env.VIGIL_DATABASE_URL;
    delete process.env.VIGIL_DATABASE_URL;
  });
  afterEach(async () => {
    if (savedUrl !== undefined) process.env.VIGIL_DATABASE_URL = savedUrl;
    await rm(dir, { recursive: true, force: true });
  });

  async function appendEvents(count: number): Promise<string> {
    const store = await openStore({ url: `sqlite:${join(dir, "vigil.db")}` });
    try {
      let head = "";
      for (let i = 0; i < count; i++) {
        head = (await store.audit.append({ actor: "cli", action: `test.${i}` })).hash;
      }
      return head;
    } finally {
      await store.close();
    }
  }

  it("says the chain is intact, with the count and the head, and exits 0", async () => {
    const head = await appendEvents(4);
    expect(await run("audit", "verify", "--data", dir)).toEqual({
      code: 0,
      stdout: `audit chain intact: 4 events, head ${head}\n`,
      stderr: "",
    });
  });

  it("names the first broken event and exits 1", async () => {
    await appendEvents(4);
    const db = new Database(join(dir, "vigil.db"));
    try {
      db.exec("UPDATE audit_events SET actor = 'mallory' WHERE id = 3");
    } finally {
      db.close();
    }
    expect(await run("audit", "verify", "--data", dir)).toEqual({
      code: 1,
      stdout:
        "audit chain broken at event 3: its contents do not match its hash: the event was changed\n",
      stderr: "",
    });
  });
});
