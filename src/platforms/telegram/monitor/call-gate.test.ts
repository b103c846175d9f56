import { describe, expect, it } from "vitest";
import { CallGate } from "./call-gate.js";
import { isMonitorError, MonitorError } from "./errors.js";

/** A clock that moves only when the gate sleeps: the test sees every wait, and takes no time. */
function fakeTime() {
  let now = 1_000_000;
  const sleeps: number[] = [];
  return {
    clock: () => now,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      now += ms;
    },
    sleeps,
    advance: (ms: number) => (now += ms),
  };
}

const flood = (seconds: number) => new MonitorError("flood-wait", "wait", { seconds }, { seconds });

describe("CallGate", () => {
  it("spaces calls to the rate, however many callers there are", async () => {
    const time = fakeTime();
    const gate = new CallGate({ callsPerMinute: 30, maxFloodWaitSeconds: 60, ...time });
    const at: number[] = [];
    await Promise.all(
      [1, 2, 3, 4].map(() => gate.run("history", async () => at.push(time.clock()))),
    );
    expect(at.map((t) => t - at[0]!)).toEqual([0, 2_000, 4_000, 6_000]);
  });

  it("sits out a short FLOOD_WAIT and makes the call again", async () => {
    const time = fakeTime();
    const waits: Array<[string, number]> = [];
    const gate = new CallGate({
      callsPerMinute: 60,
      maxFloodWaitSeconds: 60,
      onFloodWait: (kind, seconds) => waits.push([kind, seconds]),
      ...time,
    });
    let calls = 0;
    const answer = await gate.run("history", async () => {
      if (++calls === 1) throw flood(17);
      return "page";
    });
    expect(answer).toBe("page");
    expect(calls).toBe(2);
    expect(time.sleeps).toContain(17_000);
    expect(waits).toEqual([["history", 17]]);
  });

  it("fails a long FLOOD_WAIT at once and pauses only that kind of call until it passes", async () => {
    const time = fakeTime();
    const gate = new CallGate({ callsPerMinute: 60, maxFloodWaitSeconds: 60, ...time });
    await expect(
      gate.run("resolve", async () => {
        throw flood(3_600);
      }),
    ).rejects.toSatisfy((error) => isMonitorError(error, "flood-wait"));
    expect(time.sleeps.some((ms) => ms >= 3_600_000)).toBe(false);

    let resolved = false;
    const refused = await gate
      .run("resolve", async () => (resolved = true))
      .catch((error: MonitorError) => error);
    expect(resolved).toBe(false);
    expect((refused as MonitorError).seconds).toBeGreaterThan(3_500);
    expect(await gate.run("history", async () => "still reading")).toBe("still reading");

    time.advance(3_600_000);
    expect(gate.pausedTill("resolve")).toBeNull();
    expect(await gate.run("resolve", async () => "ok")).toBe("ok");
  });

  it("passes other errors through untouched", async () => {
    const time = fakeTime();
    const gate = new CallGate({ callsPerMinute: 60, maxFloodWaitSeconds: 60, ...time });
    const gone = new MonitorError("gone", "gone");
    await expect(gate.run("report", () => Promise.reject(gone))).rejects.toBe(gone);
    expect(await gate.run("report", async () => 1)).toBe(1);
  });
});
