import { afterEach, beforeAll, expect, it } from "vitest";
import { encode, scenePixels } from "../../helpers/images.js";
import { testServer, type TestServer } from "../../helpers/server.js";
import { forEachBackend } from "../../helpers/store-backends.js";

/**
 * The console's read side end to end: the dashboard's numbers match what was put in (scans,
 * a victim's submission, a report and its decision), a case's history tells what happened to
 * it, and search finds it by id, hash and nothing else.
 */
let image: Buffer;
let other: Buffer;

beforeAll(async () => {
  image = await encode(scenePixels(640, 480, 11), "jpeg", { quality: 90 });
  other = await encode(scenePixels(640, 480, 12), "jpeg", { quality: 90 });
});

forEachBackend((backend) => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.app.close();
    server = undefined;
  });

  async function account(s: TestServer, name: string, role: string) {
    const created = await s.call("POST", "/v1/moderators", { json: { name, role } });
    expect(created.statusCode).toBe(201);
    return { id: created.json().moderator.id as string, token: created.json().token as string };
  }

  const scan = async (s: TestServer, media: Buffer) => {
    const scanned = await s.call("POST", "/v1/scan?store=true", {
      body: media,
      contentType: "image/jpeg",
    });
    expect(scanned.statusCode).toBe(200);
    return scanned.json() as {
      verdict: string;
      hashes: { pdq: { hash: string; quality: number }[]; md5: string };
    };
  };

  it("counts what was put in, and tells a case's story", async () => {
    const s = (server = await testServer(await backend.open()));
    const lead = await account(s, "lead", "lead");
    const mod = await account(s, "mod", "moderator");

    // One allowed scan, then the image protected by a victim, then blocked.
    const { hashes } = await scan(s, image);
    const submitted = await s.call("POST", "/v1/victim/cases", {
      token: null,
      json: { hashes: [{ pdq: hashes.pdq[0]!.hash, quality: hashes.pdq[0]!.quality }] },
    });
    expect(submitted.statusCode).toBe(201);
    expect((await scan(s, image)).verdict).toBe("block");
    expect((await scan(s, other)).verdict).toBe("allow");

    // A report of the image, decided by the lead.
    const reporter = await s.key(["report"]);
    const reported = await s.call("POST", "/v1/reports", {
      token: reporter,
      json: { contentRef: "https://t.me/c/1/9", contentHash: hashes.md5, reason: "deepfake" },
    });
    expect(reported.statusCode).toBe(201);
    const caseId = reported.json().case.id as string;
    const claimed = await s.call("POST", `/v1/cases/${caseId}/claim`, { token: lead.token });
    expect(claimed.statusCode).toBe(200);
    const decided = await s.call("POST", `/v1/cases/${caseId}/decision`, {
      token: lead.token,
      json: { decision: "remove", reason: "deepfake", note: "her own report" },
    });
    expect(decided.statusCode).toBe(200);

    const stats = await s.call("GET", "/v1/stats?period=day&buckets=7", { token: lead.token });
    expect(stats.statusCode).toBe(200);
    const body = stats.json();
    const today = new Date().toISOString().slice(0, 10);
    expect(body.series).toHaveLength(7);
    expect(body.series.at(-1)).toEqual({ bucket: today, scanned: 3, matched: 1, removed: 0 });
    expect(body.bySource).toEqual({ scan: 3, stream: 0, telegram: 0, report: 1, victim: 1 });
    expect(body.byLabel).toEqual({ ncii: 1, deepfake: 0, minor: 0 });
    expect(body.medianReportToDecisionSeconds).toEqual(expect.any(Number));
    expect(body.medianReportToDecisionSeconds).toBeGreaterThanOrEqual(0);
    expect(body.openCasesByAge).toEqual({ under24h: 0, under48h: 0, older: 0 });
    const weekly = await s.call("GET", "/v1/stats?period=month&buckets=2", { token: lead.token });
    expect(weekly.json().series.at(-1)).toMatchObject({ scanned: 3, matched: 1 });

    // Moderators see neither the dashboard nor platforms' keys without review.
    expect((await s.call("GET", "/v1/stats", { token: mod.token })).statusCode).toBe(403);
    expect((await s.call("GET", "/v1/stats?period=year", { token: lead.token })).statusCode).toBe(
      400,
    );

    const history = await s.call("GET", `/v1/cases/${caseId}/history`, { token: mod.token });
    expect(history.statusCode).toBe(200);
    const events = history.json().events as { type: string; actor: string; details: object }[];
    expect(events.map((e) => e.type)).toEqual(["opened", "report", "decision"]);
    expect(events[2]).toMatchObject({
      actor: `moderator:${lead.id}`,
      details: { decision: "remove", reason: "deepfake", note: "her own report" },
    });
    const platform = await s.key(["review"]);
    const noNotes = await s.call("GET", `/v1/cases/${caseId}/history`, { token: platform });
    // A platform's key is no moderator: it may not read the console's case pages.
    expect(noNotes.statusCode).toBe(403);
    const missing = await s.call("GET", "/v1/cases/01900000-0000-7000-8000-000000000000/history", {
      token: mod.token,
    });
    expect(missing.statusCode).toBe(404);

    for (const q of [caseId, hashes.md5.toUpperCase()]) {
      const found = await s.call("GET", `/v1/cases/search?q=${q}`, { token: mod.token });
      expect(found.statusCode).toBe(200);
      expect(found.json().cases.map((c: { id: string }) => c.id)).toEqual([caseId]);
    }
    const none = await s.call("GET", "/v1/cases/search?q=someone-else", { token: mod.token });
    expect(none.json()).toEqual({ cases: [] });
  });
});
