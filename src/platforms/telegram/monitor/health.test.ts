import { describe, expect, it } from "vitest";
import { MonitorError } from "./errors.js";
import { MonitorHealth } from "./health.js";

describe("MonitorHealth", () => {
  it("counts per channel and turns into Prometheus samples", () => {
    const health = new MonitorHealth(() => new Date("2026-01-01T00:00:00Z"));
    health.signedIn("@analyst");
    health.track("w1", "trade_room");
    health.postSeen("w1", "2026-01-01T00:00:00Z", "scanned");
    health.postSeen("w1", "2025-12-31T00:00:00Z", "skipped");
    health.count("w1", "matches");
    health.count("w1", "reportsFiled");
    health.floodWait("history", 30);
    const view = health.view();
    expect(view).toMatchObject({ status: "ok", account: "@analyst", floodWaits: 1 });
    expect(view.channels).toEqual([
      {
        entryId: "w1",
        username: "trade_room",
        postsSeen: 2,
        mediaScanned: 1,
        mediaSkipped: 1,
        matches: 1,
        reportsFiled: 1,
        reportsFailed: 0,
        lastPostAt: "2026-01-01T00:00:00Z",
        lastReadAt: null,
        lastError: null,
      },
    ]);
    const samples = health.metrics();
    expect(samples).toContainEqual(
      expect.objectContaining({
        name: "vigil_monitor_posts_seen_total",
        labels: { channel: "trade_room" },
        value: 2,
      }),
    );
    expect(samples).toContainEqual(expect.objectContaining({ name: "vigil_monitor_up", value: 1 }));
  });

  it("is degraded by a problem until the next good read, and unauthorized until signed in again", () => {
    const health = new MonitorHealth();
    health.signedIn("@analyst");
    health.problem(new MonitorError("network", "Telegram could not be reached."), "w1");
    expect(health.view().status).toBe("degraded");
    expect(health.view().channels[0]?.lastError?.kind).toBe("network");
    health.read("w1");
    expect(health.view().status).toBe("ok");
    expect(health.view().channels[0]?.lastError).toBeNull();
    health.problem(new MonitorError("unauthorized", "signed out"));
    health.read("w1");
    expect(health.view().status).toBe("unauthorized");
    health.problem(new Error("with a secret inside"));
    expect(health.view().lastProblem?.message).toBe("Unexpected error.");
  });
});
