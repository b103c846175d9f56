import { describe, expect, it } from "vitest";
import { FakeTelegram } from "../../../../test/helpers/fake-gramjs.js";
import {
  MemoryEvidence,
  MemorySessionStore,
  MemoryWatchList,
  RecordingIngest,
} from "../../../../test/helpers/monitor-ports.js";
import { isMonitorError } from "./errors.js";
import { GramJsMonitorClient } from "./gramjs/adapter.js";
import { SessionVault } from "./session-vault.js";
import { readMonitorSettings } from "./settings.js";
import { startTelegramMonitor, type StartMonitorDeps } from "./start.js";
import { addToWatchList } from "./watch-list.js";

const ENV = {
  VIGIL_MONITOR_API_ID: "1234",
  VIGIL_MONITOR_API_HASH: "0123456789abcdef0123456789abcdef",
  VIGIL_MONITOR_SESSION_KEY: "z".repeat(40),
  VIGIL_MONITOR_CALLS_PER_MINUTE: "120",
  // The stand-in's posts are dated 2026: a wide window reads them whatever today is.
  VIGIL_MONITOR_HISTORY_DAYS: "3650",
};
const ROOM = 1_800_000_001;

function deps(telegram: FakeTelegram, sessions: MemorySessionStore) {
  const settings = readMonitorSettings(ENV)!;
  const opened: string[] = [];
  const closed: string[] = [];
  const value: StartMonitorDeps = {
    settings,
    vault: new SessionVault(sessions, settings.sessionKey),
    watchList: new MemoryWatchList(),
    ingest: new RecordingIngest(),
    evidence: new MemoryEvidence(),
    open: async (options, session) => {
      opened.push(`${options.apiId}:${session}`);
      return {
        client: new GramJsMonitorClient(telegram),
        account: { id: "777", username: "vigil_analyst" },
        close: async () => void closed.push(session),
      };
    },
  };
  return { value, opened, closed };
}

describe("startTelegramMonitor", () => {
  it("refuses to start before anyone signed in", async () => {
    const { value } = deps(new FakeTelegram(), new MemorySessionStore());
    const failure = await startTelegramMonitor(value).catch((error: unknown) => error);
    expect(isMonitorError(failure, "unauthorized")).toBe(true);
    expect((failure as Error).message).toContain("vigil monitor login");
  });

  it("opens the sealed session, reads the watch list, takes down a match, and stops", async () => {
    const telegram = new FakeTelegram();
    telegram.addChannel({ id: ROOM, username: "trade_room" });
    telegram.post(ROOM, { photo: new Uint8Array([1, 2]) });
    const sessions = new MemorySessionStore();
    const { value, opened, closed } = deps(telegram, sessions);
    await value.vault.write("1SESSION", { id: "777", username: "vigil_analyst" });
    await addToWatchList(value.watchList, { channel: "t.me/trade_room", addedBy: "a1" });

    const running = await startTelegramMonitor(value);
    expect(opened).toEqual(["1234:1SESSION"]);
    const ingest = value.ingest as RecordingIngest;
    // The real gate spaces calls half a second apart (120 a minute): give the loop a few seconds.
    await expect.poll(() => ingest.accepted.length, { timeout: 10_000 }).toBe(1);
    expect(running.health.view()).toMatchObject({ status: "ok", account: "@vigil_analyst" });

    const outcome = await running.takedown.handle({
      itemId: "item-1",
      channelId: `-100${ROOM}`,
      messageId: 1,
      postedAt: ingest.accepted[0]!.postedAt,
      verdict: "remove",
      labels: ["ncii"],
      reasons: [],
      hashes: [],
      caseId: null,
    });
    expect(outcome.status).toBe("reported");
    await running.stop();
    expect(closed).toEqual(["1SESSION"]);
    expect(running.health.view().status).toBe("stopped");
  });
});
