import { afterEach, expect, it } from "vitest";
import { testServer, type TestServer } from "../../helpers/server.js";
import { forEachBackend } from "../../helpers/store-backends.js";

const A = "d8f8f0cee0f4a84f0637022a078f67f0b36e2ed596621e1d33e6339c4e9c9b22";
const B = "e4cc89d91c623842f8d1f1d9a398e78c9f199a3bf87925f2b7e11e0bf061b064";
const C = "6227401f601ff4ccafcc9fad4b0d95d371a2eb7265a3285234d228ca94deeb2d";
const MD5 = "8bbbaa9540800e378beadc8bbef7bb32";

forEachBackend((backend) => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.app.close();
    server = undefined;
  });

  it("imports plain, CSV and StopNCII JSON lists, reports bad lines by number, and exports them back", async () => {
    server = await testServer(await backend.open());
    await server.call("POST", "/v1/banks", {
      json: { id: "exchange", name: "Exchange", labels: ["ncii"] },
    });

    const plain = await server.call("POST", "/v1/banks/exchange/import", {
      body: `${A}\nnot-a-hash\n\n${MD5}\n`,
      contentType: "text/plain",
    });
    expect(plain.json()).toMatchObject({ format: "plain", added: 2, duplicates: 0, errorCount: 1 });
    expect(plain.json().errors[0].line).toBe(2);

    const csv = await server.call("POST", "/v1/banks/exchange/import", {
      body: `hash,quality,path\n${A},100,a.jpg\n${B},87,b.jpg\n${C},101,c.jpg\n`,
      contentType: "text/csv",
    });
    expect(csv.json()).toMatchObject({ format: "csv", added: 1, duplicates: 1, errorCount: 1 });
    expect(csv.json().errors[0].line).toBe(4);

    const stopncii = JSON.stringify([
      { signalType: "PDQ", hashValue: C, hashStatus: "Active", caseNumbers: ["SN-1"] },
      { signalType: "PDQ", hashValue: A, hashStatus: "Withdrawn", caseNumbers: ["SN-2"] },
    ]);
    const json = await server.call("POST", "/v1/banks/exchange/import", {
      body: stopncii,
      contentType: "application/json",
    });
    expect(json.json()).toMatchObject({ format: "json", added: 1, withdrawn: 1, errorCount: 0 });

    // The matcher followed every change: A was withdrawn, B and C match.
    const scanA = await server.call("POST", "/v1/scan", { json: { hashes: { pdq: [A] } } });
    expect(scanA.json().verdict).toBe("allow");
    const scanC = await server.call("POST", "/v1/scan", { json: { hashes: { pdq: [C] } } });
    expect(scanC.json().verdict).toBe("block");

    const exported = await server.call("GET", "/v1/banks/exchange/export?format=csv");
    expect(exported.headers["content-type"]).toContain("text/csv");
    const lines = exported.body.trim().split("\n");
    expect(lines.map((line) => line.split(",")[0]).sort()).toEqual([B, C].sort());
    const asJson = await server.call("GET", "/v1/banks/exchange/export?format=json");
    expect(asJson.body).toContain(C);

    const counts = await server.call("GET", "/v1/banks/exchange");
    expect(counts.json().entries).toEqual({ active: 3, withdrawn: 1 });
  });

  it("updates, disables and deletes banks, and the matcher follows at once", async () => {
    server = await testServer(await backend.open());
    await server.call("POST", "/v1/banks", {
      json: { id: "strict", name: "Strict", matchThreshold: 0 },
    });
    await server.call("POST", "/v1/banks/strict/entries", {
      json: { signalType: "pdq", value: A },
    });
    const nearA = A.slice(0, 63) + "3"; // two bits off
    const scan = async () =>
      (await server!.call("POST", "/v1/scan", { json: { hashes: { pdq: [nearA] } } })).json();
    expect((await scan()).verdict).toBe("allow");
    await server.call("PATCH", "/v1/banks/strict", { json: { matchThreshold: 10 } });
    expect((await scan()).verdict).toBe("block");
    await server.call("PATCH", "/v1/banks/strict", { json: { enabled: false } });
    expect((await scan()).verdict).toBe("allow");
    await server.call("PATCH", "/v1/banks/strict", { json: { enabled: true, action: "review" } });
    expect((await scan()).verdict).toBe("review");
    const page = await server.call("GET", "/v1/banks/strict/entries?limit=10");
    expect(page.json().items).toHaveLength(1);
    const deleted = await server.call("DELETE", "/v1/banks/strict");
    expect(deleted.json()).toEqual({ deletedEntries: 1 });
    expect((await scan()).verdict).toBe("allow");
    const audit = await server.store.audit.list({ subjectType: "bank", subjectId: "strict" });
    expect(audit.items.map((event) => event.action)).toContain("bank.delete");
  });

  it("withdraws in bulk, and a restarted server rebuilds its indexes from the database", async () => {
    const database = backend.database();
    server = await testServer(await database.open());
    await server.call("POST", "/v1/banks", { json: { id: "kept", name: "Kept" } });
    const added = await server.call("POST", "/v1/banks/kept/entries", {
      json: {
        entries: [
          { signalType: "pdq", value: A },
          { signalType: "pdq", value: B },
          { signalType: "md5", value: MD5 },
        ],
      },
    });
    const [idA] = added.json().ids;
    const bulk = await server.call("POST", "/v1/banks/kept/withdraw", {
      json: { entryIds: [idA, 999999], values: [{ signalType: "md5", value: MD5.toUpperCase() }] },
    });
    expect(bulk.json()).toEqual({ withdrawn: 2, notFound: [999999] });
    await server.app.close();
    if (!backend.persistent) return;

    server = await testServer(await database.open());
    const scan = async (hashes: object) =>
      (await server!.call("POST", "/v1/scan", { json: { hashes } })).json().verdict;
    expect(await scan({ pdq: [B] })).toBe("block");
    expect(await scan({ pdq: [A] })).toBe("allow");
    expect(await scan({ md5: MD5 })).toBe("allow");
  });

  it("groups reports of the same content into one case", async () => {
    server = await testServer(await backend.open());
    const report = (reporter: string, reason: string) =>
      server!.call("POST", "/v1/reports", {
        json: { contentRef: `tg://msg/${reporter}`, contentHash: A, reporter, reason },
      });
    const first = await report("u1", "ncii");
    expect(first.statusCode).toBe(201);
    expect(first.json().caseCreated).toBe(true);
    const [second, third] = await Promise.all([report("u2", "deepfake"), report("u3", "minor")]);
    expect(second!.json().case.id).toBe(first.json().case.id);
    expect(third!.json().case.id).toBe(first.json().case.id);
    const found = await server.call("GET", `/v1/cases/${first.json().case.id}`);
    expect(found.json()).toMatchObject({ reportCount: 3, severity: 3, status: "open" });
  });

  it("serves health, metrics and an OpenAPI document describing every route", async () => {
    server = await testServer(await backend.open());
    expect((await server.call("GET", "/healthz", { token: null })).json()).toMatchObject({
      status: "ok",
    });
    await server.call("POST", "/v1/scan", { json: { hashes: { pdq: [A] } } });
    const metrics = await server.call("GET", "/metrics", { token: null });
    expect(metrics.body).toContain('vigil_scans_total{source="hashes",verdict="allow"} 1');
    expect(metrics.body).toContain("vigil_http_request_duration_seconds_bucket");
    const doc = (await server.call("GET", "/openapi.json", { token: null })).json();
    expect(doc.openapi).toMatch(/^3\./);
    for (const path of [
      "/v1/scan",
      "/v1/reports",
      "/v1/banks",
      "/v1/banks/{bankId}",
      "/v1/banks/{bankId}/entries",
      "/v1/banks/{bankId}/import",
      "/v1/banks/{bankId}/export",
      "/healthz",
    ]) {
      expect(doc.paths, path).toHaveProperty([path]);
    }
    expect((await server.call("GET", "/docs", { token: null })).statusCode).toBeLessThan(400);
  });
});
