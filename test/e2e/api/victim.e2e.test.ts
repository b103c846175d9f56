import { afterEach, beforeAll, expect, it } from "vitest";
import { encode, scenePixels } from "../../helpers/images.js";
import { startTestWorkers, testServer, type TestServer } from "../../helpers/server.js";
import { forEachBackend } from "../../helpers/store-backends.js";
import type { Workers } from "../../../src/server/process/workers.js";

/**
 * The victim portal end to end: hashes in (no image), the same image scanned through the API is
 * blocked at once, the status counts it, wrong PINs are refused and then locked out, and a
 * withdrawal lets the image through again.
 */
let image: Buffer;

beforeAll(async () => {
  image = await encode(scenePixels(640, 480, 7), "jpeg", { quality: 90 });
});

forEachBackend((backend) => {
  let server: TestServer | undefined;
  let workers: Workers | undefined;
  afterEach(async () => {
    await workers?.stop();
    workers = undefined;
    await server?.app.close();
    server = undefined;
  });

  async function scan(s: TestServer) {
    const scanned = await s.call("POST", "/v1/scan", { body: image, contentType: "image/jpeg" });
    expect(scanned.statusCode).toBe(200);
    return scanned.json() as {
      verdict: string;
      hashes: { pdq: { hash: string; quality: number }[]; md5: string };
    };
  }

  async function submit(s: TestServer) {
    const { hashes } = await scan(s);
    const created = await s.call("POST", "/v1/victim/cases", {
      token: null,
      json: {
        hashes: [{ pdq: hashes.pdq[0]!.hash, quality: hashes.pdq[0]!.quality, md5: hashes.md5 }],
        labels: ["deepfake"],
        language: "ko",
      },
    });
    expect(created.statusCode).toBe(201);
    return created.json() as { caseNumber: string; pin: string; entries: number };
  }

  const pinOf = ({ caseNumber, pin }: { caseNumber: string; pin: string }) => ({
    caseNumber,
    pin,
  });

  const victim = (s: TestServer, path: string, json: unknown) =>
    s.call("POST", `/v1/victim/cases/${path}`, { token: null, json });

  it("blocks a victim's image at once, counts it, and allows it again after withdrawal", async () => {
    const s = (server = await testServer(await backend.open()));
    expect((await scan(s)).verdict).toBe("allow");
    const created = await submit(s);
    expect(created).toEqual({
      caseNumber: expect.stringMatching(/^VC-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/),
      pin: expect.stringMatching(/^\d{8}$/),
      entries: 2,
    });
    const bank = await s.call("GET", "/v1/banks/victim-submissions");
    expect(bank.json()).toMatchObject({ labels: ["ncii"], action: "block", enabled: true });

    expect((await scan(s)).verdict).toBe("block");
    const { caseNumber, pin } = created;
    const status = await victim(s, "status", { caseNumber, pin });
    expect(status.statusCode).toBe(200);
    expect(status.json()).toEqual({
      caseNumber,
      status: "active",
      createdAt: expect.any(String),
      hashes: 1,
      blocked: 1,
      removed: 0,
    });
    // Typed in lower case, with spaces: the same case.
    const typed = await victim(s, "status", { caseNumber: ` ${caseNumber.toLowerCase()} `, pin });
    expect(typed.statusCode).toBe(200);

    const wrongPin = String((Number(pin) + 1) % 100_000_000).padStart(8, "0");
    for (const body of [
      { caseNumber, pin: wrongPin },
      { caseNumber: "VC-0000-0000", pin },
      { caseNumber: "nonsense", pin },
    ]) {
      const refused = await victim(s, "status", body);
      expect(refused.statusCode).toBe(401);
      expect(refused.json().error.code).toBe("victim/bad-pin");
    }
    expect((await victim(s, "withdraw", { caseNumber, pin: wrongPin })).statusCode).toBe(401);

    const withdrawn = await victim(s, "withdraw", { caseNumber, pin });
    expect(withdrawn.statusCode).toBe(200);
    expect(withdrawn.json()).toEqual({ status: "withdrawn", withdrawn: 2 });
    expect((await scan(s)).verdict).toBe("allow");
    const after = await victim(s, "status", { caseNumber, pin });
    expect(after.json()).toMatchObject({ status: "withdrawn", blocked: 1, removed: 0 });
  });

  it("counts an ingested copy the pipeline took down as removed", async () => {
    const s = (server = await testServer(await backend.open()));
    const { caseNumber, pin } = await submit(s);
    const { hashes } = await scan(s);
    const ingested = await s.call("POST", "/v1/content", {
      token: await s.key(["ingest"]),
      json: {
        idempotencyKey: "chat:1",
        platform: "telegram",
        hashes: { pdq: [hashes.pdq[0]!.hash] },
      },
    });
    expect(ingested.statusCode).toBe(202);
    workers = startTestWorkers(s, { fetchOptions: { allowPrivateNetworks: false } });
    for (let i = 0; i < 400 && (await s.store.items.counts()).queued > 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    const item = await s.store.items.getByKey("chat:1");
    // The default rules remove a copy of banked NCII.
    expect(item?.verdict).toBe("remove");
    const status = await victim(s, "status", { caseNumber, pin });
    expect(status.json()).toMatchObject({ blocked: 1, removed: 1 });
  });

  it("locks a case after 10 wrong PINs, even for the right one", async () => {
    const s = (server = await testServer(await backend.open()));
    const { caseNumber, pin } = await submit(s);
    const wrongPin = pin === "00000000" ? "11111111" : "00000000";
    const codes: number[] = [];
    for (let i = 0; i < 10; i++) {
      codes.push((await victim(s, "status", { caseNumber, pin: wrongPin })).statusCode);
    }
    expect(codes).toEqual(Array(10).fill(401));
    const locked = await victim(s, "status", { caseNumber, pin });
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.code).toBe("victim/locked");
    expect((await victim(s, "withdraw", { caseNumber, pin })).statusCode).toBe(429);
    // The lock is per case: another case answers.
    const other = await submit(s);
    expect((await victim(s, "status", pinOf(other))).statusCode).toBe(200);
  });

  it("keeps an image protected while another case still holds it", async () => {
    const s = (server = await testServer(await backend.open()));
    const first = await submit(s);
    const second = await submit(s);
    expect(second.caseNumber).not.toBe(first.caseNumber);
    expect((await victim(s, "withdraw", pinOf(first))).json()).toEqual({
      status: "withdrawn",
      withdrawn: 0,
    });
    expect((await scan(s)).verdict).toBe("block");
    expect((await victim(s, "withdraw", pinOf(second))).json().withdrawn).toBe(2);
    expect((await scan(s)).verdict).toBe("allow");
  });

  it("refuses a submission that is not hashes", async () => {
    const s = (server = await testServer(await backend.open()));
    for (const json of [
      { hashes: [] },
      { hashes: [{ pdq: "zz" }] },
      { hashes: [{ pdq: "0".repeat(64), image: "AAAA" }] },
      { hashes: [{ pdq: "0".repeat(64) }], labels: ["minor"] },
    ]) {
      const refused = await s.call("POST", "/v1/victim/cases", { token: null, json });
      expect(refused.statusCode).toBe(400);
    }
    // A low-quality PDQ alone protects nothing.
    const flat = await s.call("POST", "/v1/victim/cases", {
      token: null,
      json: { hashes: [{ pdq: "0".repeat(64), quality: 10 }] },
    });
    expect(flat.statusCode).toBe(400);
  });
});
