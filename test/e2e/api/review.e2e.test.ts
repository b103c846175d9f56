import { afterEach, beforeAll, expect, it } from "vitest";
import { encode, scenePixels } from "../../helpers/images.js";
import { testServer, type TestServer } from "../../helpers/server.js";
import { forEachBackend } from "../../helpers/store-backends.js";
import type { VigilEvent } from "../../../src/engine/index.js";

/**
 * The review queue end to end through HTTP, on each real database: reports grouping into a
 * case, moderators claiming under leases, decisions by role, the confirmed bank blocking a
 * re-upload, an appeal going to someone else and an overturn letting the content through again.
 */
let image: Buffer;
let other: Buffer;

beforeAll(async () => {
  image = await encode(scenePixels(640, 480, 5), "jpeg", { quality: 90 });
  other = await encode(scenePixels(640, 480, 9), "jpeg", { quality: 90 });
});

interface Account {
  readonly id: string;
  readonly token: string;
}

forEachBackend((backend) => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.app.close();
    server = undefined;
  });

  async function start(events: VigilEvent[] = []) {
    server = await testServer(
      await backend.open(),
      {},
      {
        events: { emit: async (event) => void events.push(event) },
      },
    );
    return server;
  }

  async function moderator(s: TestServer, name: string, role = "moderator"): Promise<Account> {
    const created = await s.call("POST", "/v1/moderators", { json: { name, role } });
    expect(created.statusCode).toBe(201);
    return { id: created.json().moderator.id, token: created.json().token };
  }

  async function hashesOf(s: TestServer, media: Buffer) {
    const scanned = await s.call("POST", "/v1/scan", { body: media, contentType: "image/jpeg" });
    return scanned.json().hashes as { pdq: { hash: string; quality: number }[]; md5: string };
  }

  it("takes reports through the queue, the confirmed bank, an appeal and an overturn", async () => {
    const events: VigilEvent[] = [];
    const s = await start(events);
    const reporter = await s.key(["report"]);
    const { pdq, md5 } = await hashesOf(s, image);
    const pdqHash = pdq[0]!.hash;

    // Three reports of one image are one case; another image is another case.
    const cases = [];
    for (const ref of ["msg:1", "msg:2", "msg:3"]) {
      const report = await s.call("POST", "/v1/reports", {
        token: reporter,
        json: { contentRef: ref, contentHash: pdqHash, reason: "ncii" },
      });
      expect(report.statusCode).toBe(201);
      cases.push(report.json().case.id);
    }
    expect(new Set(cases).size).toBe(1);
    const caseId = cases[0]!;
    const otherCase = (
      await s.call("POST", "/v1/reports", {
        token: reporter,
        json: { contentRef: "msg:4", contentHash: md5.replace(/^./, "0"), reason: "other" },
      })
    ).json().case.id;

    const ann = await moderator(s, "ann");
    const bob = await moderator(s, "bob");
    const lea = await moderator(s, "lea", "lead");
    const queue = await s.call("GET", "/v1/review/queue", { token: ann.token });
    expect(queue.json().cases.map((c: { id: string }) => c.id)).toEqual([caseId, otherCase]);

    // Two moderators claiming at once get different cases.
    const [a, b] = await Promise.all(
      [ann, bob].map((m) => s.call("POST", "/v1/review/next", { token: m.token })),
    );
    expect(new Set([a!.json().id, b!.json().id])).toEqual(new Set([caseId, otherCase]));
    expect((await s.call("POST", "/v1/review/next", { token: lea.token })).statusCode).toBe(204);
    const [holder, otherHolder] = a!.json().id === caseId ? [ann, bob] : [bob, ann];

    // Only the holder decides.
    const refused = await s.call("POST", `/v1/cases/${caseId}/decision`, {
      token: otherHolder.token,
      json: { decision: "remove", reason: "ncii" },
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe("store/conflict");

    // Escalated: a moderator cannot take it back, a lead can.
    const escalated = await s.call("POST", `/v1/cases/${caseId}/decision`, {
      token: holder.token,
      json: { decision: "escalate", reason: "ncii", note: "Looks like a real person." },
    });
    expect(escalated.json().case).toMatchObject({
      status: "open",
      escalated: true,
      assignee: null,
    });
    const denied = await s.call("POST", `/v1/cases/${caseId}/claim`, { token: holder.token });
    expect(denied.statusCode).toBe(409);
    const claimed = await s.call("POST", "/v1/review/next", { token: lea.token });
    expect(claimed.json()).toMatchObject({ id: caseId, assignee: lea.id });

    // Removal for NCII: the hashes go to the confirmed bank, and the image is blocked.
    const removed = await s.call("POST", `/v1/cases/${caseId}/decision`, {
      token: lea.token,
      json: { decision: "remove", reason: "ncii", note: "Confirmed with the victim." },
    });
    expect(removed.statusCode).toBe(200);
    const entryIds: number[] = removed.json().decision.addedEntryIds;
    expect(entryIds.length).toBeGreaterThan(0);
    const bank = await s.call("GET", "/v1/banks/confirmed");
    expect(bank.json()).toMatchObject({ labels: ["ncii"], action: "block" });
    const byHash = await s.call("POST", "/v1/scan", {
      json: { hashes: { pdq: [{ hash: pdqHash, quality: pdq[0]!.quality }] } },
    });
    expect(byHash.json().verdict).toBe("block");
    const reupload = await s.call("POST", "/v1/scan", { body: image, contentType: "image/jpeg" });
    expect(reupload.json().verdict).toBe("block");
    const unrelated = await s.call("POST", "/v1/scan", { body: other, contentType: "image/jpeg" });
    expect(unrelated.json().verdict).toBe("allow");

    // An appeal on the author's behalf: the lead who decided does not get it, another lead does.
    const early = await s.call("POST", `/v1/cases/${otherCase}/appeals`, {
      token: reporter,
      json: { appellant: "author:9" },
    });
    expect(early.json().error.code).toBe("review/case-open");
    const appeal = await s.call("POST", `/v1/cases/${caseId}/appeals`, {
      token: reporter,
      json: { appellant: "author:7", text: "This is not me." },
    });
    expect(appeal.statusCode).toBe(201);
    const again = await s.call("POST", `/v1/cases/${caseId}/appeals`, {
      token: reporter,
      json: { appellant: "author:7" },
    });
    expect(again.json().error.code).toBe("review/appeal-open");
    expect((await s.call("POST", "/v1/review/next", { token: lea.token })).statusCode).toBe(204);
    const lou = await moderator(s, "lou", "lead");
    const byModerator = await s.call("POST", `/v1/cases/${caseId}/appeal-decision`, {
      token: holder.token,
      json: { outcome: "overturn" },
    });
    expect(byModerator.statusCode).toBe(403);
    expect((await s.call("POST", "/v1/review/next", { token: lou.token })).json().id).toBe(caseId);

    // Overturned: the entries are withdrawn and the image passes again.
    const overturned = await s.call("POST", `/v1/cases/${caseId}/appeal-decision`, {
      token: lou.token,
      json: { outcome: "overturn", note: "Consensual, per the author's evidence." },
    });
    expect(overturned.statusCode).toBe(200);
    expect(overturned.json()).toMatchObject({
      appeal: { status: "decided", outcome: "overturned", decidedBy: lou.id },
      case: { status: "closed", lastDecision: "overturn" },
    });
    expect([...overturned.json().withdrawnEntryIds].sort()).toEqual([...entryIds].sort());
    for (const id of entryIds) {
      expect((await s.store.entries.get(id))?.status).toBe("withdrawn");
    }
    const afterwards = await s.call("POST", "/v1/scan", { body: image, contentType: "image/jpeg" });
    expect(afterwards.json().verdict).toBe("allow");

    // The case's record: reports, decisions (notes for moderators only), the appeal.
    const view = (await s.call("GET", `/v1/cases/${caseId}`, { token: lou.token })).json();
    expect(view).toMatchObject({ id: caseId, reportCount: 3, status: "closed" });
    expect(view.reports).toHaveLength(3);
    expect(view.decisions.map((d: { decision: string }) => d.decision)).toEqual([
      "escalate",
      "remove",
      "overturn",
    ]);
    expect(view.decisions[1].note).toBe("Confirmed with the victim.");
    expect(view.appeals).toHaveLength(1);
    const platformView = (await s.call("GET", `/v1/cases/${caseId}`, { token: reporter })).json();
    expect(platformView.decisions[1].note).toBeUndefined();

    // Two reported contents opened two cases, each announced once.
    expect(events.map((e) => e.type)).toEqual([
      "case.opened",
      "case.opened",
      "case.decided",
      "case.decided",
      "case.appealed",
      "appeal.decided",
    ]);
    expect(JSON.stringify(events)).not.toContain("Confirmed with the victim");
    const audit = (await s.store.audit.list({ subjectType: "case", subjectId: caseId })).items;
    expect(audit.map((e) => e.action)).toEqual(
      expect.arrayContaining(["case.decide", "case.appeal", "appeal.decide"]),
    );
    expect(JSON.stringify(audit)).not.toContain("Confirmed with the victim");
    expect(await s.store.audit.verify()).toMatchObject({ ok: true });
  });

  it("confirms the hashes of items a rule linked to a case", async () => {
    const s = await start();
    const { pdq, md5 } = await hashesOf(s, other);
    const stored = await s.call("POST", "/v1/scan", {
      json: { hashes: { md5, pdq: [pdq[0]!] }, store: true },
    });
    const itemId = stored.json().contentId;
    const opened = await s.store.cases.openForItem({
      groupKey: md5,
      itemId,
      severity: 2,
      ruleId: "nsfw",
    });
    const lea = await moderator(s, "lea", "lead");
    await s.call("POST", `/v1/cases/${opened.case.id}/claim`, { token: lea.token });
    const removed = await s.call("POST", `/v1/cases/${opened.case.id}/decision`, {
      token: lea.token,
      json: { decision: "remove_and_ban", reason: "deepfake" },
    });
    expect(removed.json().decision.addedEntryIds).toHaveLength(2);
    const scan = await s.call("POST", "/v1/scan", { json: { hashes: { md5 } } });
    expect(scan.json().verdict).toBe("block");
    const view = (await s.call("GET", `/v1/cases/${opened.case.id}`, { token: lea.token })).json();
    expect(view).toMatchObject({ itemIds: [itemId], itemCount: 1, reportCount: 0 });
  });

  it("keeps moderator accounts to admins and stops a disabled moderator's key", async () => {
    const s = await start();
    const ann = await moderator(s, "ann");
    const boss = await moderator(s, "boss", "admin");
    const byModerator = await s.call("POST", "/v1/moderators", {
      token: ann.token,
      json: { name: "eve", role: "admin" },
    });
    expect(byModerator.json().error.code).toBe("auth/forbidden");
    expect((await s.call("GET", "/v1/cases", { token: ann.token })).statusCode).toBe(403);
    expect(
      (await s.call("GET", "/v1/moderators", { token: boss.token })).json().moderators,
    ).toHaveLength(2);
    const duplicate = await s.call("POST", "/v1/moderators", {
      json: { name: "ann", role: "lead" },
    });
    expect(duplicate.statusCode).toBe(409);
    const scanKey = await s.key(["scan"]);
    expect((await s.call("GET", "/v1/review/queue", { token: scanKey })).statusCode).toBe(403);
    // An admin key reads the queue but cannot claim: claims need a person.
    expect((await s.call("GET", "/v1/review/queue")).statusCode).toBe(200);
    expect((await s.call("POST", "/v1/review/next")).statusCode).toBe(403);

    const disabled = await s.call("PATCH", `/v1/moderators/${ann.id}`, {
      token: boss.token,
      json: { disabled: true },
    });
    expect(disabled.json().disabledAt).toEqual(expect.any(String));
    const stopped = await s.call("GET", "/v1/review/queue", { token: ann.token });
    expect(stopped.json().error.code).toBe("auth/invalid-key");
    await s.call("PATCH", `/v1/moderators/${ann.id}`, {
      token: boss.token,
      json: { disabled: false, role: "lead" },
    });
    const fresh = await s.call("POST", `/v1/moderators/${ann.id}/keys`, { token: boss.token });
    expect(fresh.statusCode).toBe(201);
    expect((await s.call("GET", "/v1/cases", { token: fresh.json().token })).statusCode).toBe(200);
    const actions = (await s.store.audit.list({ subjectType: "moderator" })).items.map(
      (e) => e.action,
    );
    expect(actions.filter((a) => a === "moderator.update")).toHaveLength(2);
    expect(actions.filter((a) => a === "moderator.create")).toHaveLength(2);
  });
});
