import { describe, expect, it } from "vitest";
import { compareByDue, deadlineStatus } from "./deadline-status.js";

describe("deadlineStatus", () => {
  const deadline = { at: "2026-06-03T10:00:00.000Z", hours: 48 };
  it("warns a quarter of the window (capped) before, and says overdue after", () => {
    expect(deadlineStatus(deadline, new Date("2026-06-02T21:00:00Z")).state).toBe("open");
    expect(deadlineStatus(deadline, new Date("2026-06-02T23:00:00Z")).state).toBe("due-soon");
    expect(deadlineStatus(deadline, new Date("2026-06-03T10:00:01Z"))).toEqual({
      state: "overdue",
      msLeft: -1000,
    });
  });

  it("orders by due time, cases without a deadline last", () => {
    const dues = [null, "2026-06-03T10:00:00.000Z", "2026-06-02T10:00:00.000Z"];
    expect([...dues].sort(compareByDue)).toEqual([
      "2026-06-02T10:00:00.000Z",
      "2026-06-03T10:00:00.000Z",
      null,
    ]);
  });
});
