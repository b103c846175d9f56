import { describe, expect, it } from "vitest";
import { FakeTelegram } from "../../../../test/helpers/fake-gramjs.js";
import { MemoryEvidence, MemoryWatchList } from "../../../../test/helpers/monitor-ports.js";
import { CallGate } from "./call-gate.js";
import { evidenceDigest, type MonitorMatch } from "./evidence.js";
import { GramJsMonitorClient } from "./gramjs/adapter.js";
import { MonitorHealth } from "./health.js";
import { MonitorTakedown, type TakedownOptions } from "./takedown.js";
import { addToWatchList } from "./watch-list.js";

const ROOM = 1_600_000_001;
const FOUND = new Date("2026-02-01T12:00:00Z");
const PDQ = "f".repeat(64);

async function setUp(options: Partial<TakedownOptions> = {}) {
  const telegram = new FakeTelegram();
  telegram.addChannel({ id: ROOM, username: "trade_room", title: "Trade room" });
  const photo = new Uint8Array([1, 2, 3, 4]);
  telegram.post(ROOM, { photo, text: "x" });
  const client = new GramJsMonitorClient(telegram);
  const watchList = new MemoryWatchList();
  const { entry } = await addToWatchList(watchList, { channel: "@trade_room", addedBy: "a1" });
  await watchList.resolved(entry.id, await client.resolve("trade_room"));
  const health = new MonitorHealth(() => FOUND);
  health.track(entry.id, "trade_room");
  const evidence = new MemoryEvidence();
  let now = 0;
  const gate = new CallGate({
    callsPerMinute: 60,
    maxFloodWaitSeconds: 0,
    clock: () => now,
    sleep: async (ms) => {
      now += ms;
    },
  });
  const takedown = new MonitorTakedown({
    client,
    gate,
    evidence,
    watchList,
    health,
    report: "auto",
    keepMedia: false,
    maxMediaBytes: 1_000,
    organisation: "Seoul Support Centre",
    clock: () => FOUND,
    ...options,
  });
  return { telegram, takedown, evidence, health, photo, advance: (ms: number) => (now += ms) };
}

function match(fields: Partial<MonitorMatch> = {}): MonitorMatch {
  return {
    itemId: "item-1",
    channelId: `-100${ROOM}`,
    messageId: 1,
    postedAt: "2026-01-01T00:01:00.000Z",
    verdict: "remove",
    labels: ["ncii"],
    reasons: ["matched bank `victims` (ncii) at distance 4 via PDQ → remove"],
    hashes: [{ kind: "pdq", value: PDQ.toUpperCase() }],
    caseId: "case-9",
    ...fields,
  };
}

describe("MonitorTakedown", () => {
  it("records the evidence and reports the post with the reason its labels call for", async () => {
    const { telegram, takedown, evidence, health } = await setUp();
    const outcome = await takedown.handle(match());
    expect(outcome.status).toBe("reported");
    const record = outcome.evidence!;
    expect(record).toMatchObject({
      key: `monitor:-100${ROOM}:1`,
      link: "https://t.me/trade_room/1",
      channel: { id: `-100${ROOM}`, username: "trade_room", title: "Trade room", kind: "channel" },
      messageId: 1,
      postedAt: "2026-01-01T00:01:00.000Z",
      foundAt: FOUND.toISOString(),
      labels: ["ncii"],
      hashes: [{ kind: "pdq", value: PDQ }],
      caseId: "case-9",
      mediaKept: false,
      report: {
        status: "reported",
        reason: "non-consensual-imagery",
        path: ["Illegal adult content", "Non-consensual sexual imagery"],
      },
    });
    expect(record.digest).toBe(evidenceDigest(record));
    expect(telegram.reports).toHaveLength(1);
    // The comment names the organisation and a reference, never the content or the person.
    expect(telegram.reports[0]!.comment).toMatch(
      /^Seoul Support Centre: matches known ncii content/,
    );
    expect(evidence.media.size).toBe(0);
    expect(health.view().channels[0]).toMatchObject({ matches: 1, reportsFiled: 1 });
  });

  it("does nothing twice when the verdict is delivered again", async () => {
    const { telegram, takedown, health } = await setUp();
    await takedown.handle(match());
    const again = await takedown.handle(match());
    expect(again.status).toBe("already-reported");
    expect(telegram.reports).toHaveLength(1);
    expect(health.view().channels[0]).toMatchObject({ matches: 1, reportsFiled: 1 });
  });

  it("ignores verdicts that take nothing down", async () => {
    const { telegram, takedown, evidence } = await setUp();
    expect((await takedown.handle(match({ verdict: "review" }))).status).toBe("ignored");
    expect((await takedown.handle(match({ verdict: "allow" }))).status).toBe("ignored");
    expect(evidence.records.size).toBe(0);
    expect(telegram.reports).toHaveLength(0);
  });

  it("reports child abuse material as such and never keeps a copy of it", async () => {
    const { telegram, takedown, evidence } = await setUp({ keepMedia: true });
    const outcome = await takedown.handle(match({ labels: ["ncii", "csam"] }));
    expect(outcome.evidence?.report?.reason).toBe("child-abuse");
    expect(telegram.reports[0]?.path).toEqual(["Child abuse"]);
    expect(evidence.media.size).toBe(0);
    expect(telegram.calls).not.toContain("downloadMedia");
  });

  it("keeps a copy of the media before reporting, when the operator asked for it", async () => {
    const { telegram, takedown, evidence, photo } = await setUp({ keepMedia: true });
    const outcome = await takedown.handle(match({ labels: ["deepfake"] }));
    expect(outcome.evidence?.mediaKept).toBe(true);
    expect(evidence.media.get(outcome.evidence!.key)).toEqual({
      bytes: photo,
      mimeType: "image/jpeg",
    });
    expect(telegram.calls.indexOf("downloadMedia")).toBeLessThan(
      telegram.calls.indexOf("messages.Report"),
    );
  });

  it("records evidence only when reporting is off", async () => {
    const { telegram, takedown } = await setUp({ report: "off" });
    const outcome = await takedown.handle(match());
    expect(outcome.status).toBe("disabled");
    expect(outcome.evidence?.report?.status).toBe("disabled");
    expect(telegram.calls).not.toContain("messages.Report");
  });

  it("counts a post deleted before the report as done", async () => {
    const { telegram, takedown } = await setUp();
    telegram.remove(ROOM, 1);
    const outcome = await takedown.handle(match());
    expect(outcome.status).toBe("gone");
    expect((await takedown.handle(match())).status).toBe("already-reported");
  });

  it("throws what a retry can fix, and reports on the next delivery", async () => {
    const { telegram, takedown, health, advance } = await setUp();
    telegram.floodWait("messages.Report", 30);
    await expect(takedown.handle(match())).rejects.toMatchObject({ kind: "flood-wait" });
    expect(health.view().channels[0]).toMatchObject({ matches: 1, reportsFailed: 1 });
    // Until the wait is over, a redelivery is refused without calling Telegram.
    await expect(takedown.handle(match())).rejects.toMatchObject({ kind: "flood-wait" });
    expect(telegram.calls.filter((call) => call === "messages.Report")).toHaveLength(1);
    advance(30_000);
    expect((await takedown.handle(match())).status).toBe("reported");
    expect(telegram.reports).toHaveLength(1);
  });

  it("refuses a match from a channel that is not on the watch list", async () => {
    const { takedown } = await setUp();
    await expect(takedown.handle(match({ channelId: "-1009" }))).rejects.toMatchObject({
      kind: "not-found",
    });
  });
});
