import { describe, expect, it } from "vitest";
import { MonitorSettingError, readMonitorSettings } from "./settings.js";

const BASE = {
  VIGIL_MONITOR_API_ID: "1234567",
  VIGIL_MONITOR_API_HASH: "0123456789ABCDEF0123456789abcdef",
  VIGIL_MONITOR_SESSION_KEY: "k".repeat(44),
};

function refusal(env: Record<string, string>): MonitorSettingError {
  try {
    readMonitorSettings({ ...BASE, ...env });
  } catch (error) {
    if (error instanceof MonitorSettingError) return error;
    throw error;
  }
  throw new Error("accepted");
}

describe("readMonitorSettings", () => {
  it("is null when the monitor is not configured", () => {
    expect(readMonitorSettings({})).toBeNull();
  });

  it("reads the credentials and gives defaults for the rest", () => {
    expect(readMonitorSettings(BASE)).toEqual({
      apiId: 1234567,
      apiHash: "0123456789abcdef0123456789abcdef",
      sessionKey: "k".repeat(44),
      historyPosts: 200,
      historyDays: 7,
      pollSeconds: 120,
      callsPerMinute: 20,
      maxFloodWaitSeconds: 300,
      maxMediaBytes: 50 * 1024 * 1024,
      report: "auto",
      keepMedia: false,
      organisation: null,
      contact: null,
    });
    const tuned = readMonitorSettings({
      ...BASE,
      VIGIL_MONITOR_HISTORY_POSTS: "0",
      VIGIL_MONITOR_REPORT: "off",
      VIGIL_MONITOR_KEEP_MEDIA: "true",
      VIGIL_MONITOR_ORGANISATION: "한국여성인권진흥원",
    });
    expect(tuned).toMatchObject({
      historyPosts: 0,
      report: "off",
      keepMedia: true,
      organisation: "한국여성인권진흥원",
    });
    expect(Object.isFrozen(tuned)).toBe(true);
  });

  it("names the bad setting and never quotes a secret", () => {
    const hash = refusal({ VIGIL_MONITOR_API_HASH: "secret-hash-value" });
    expect(hash.setting).toBe("VIGIL_MONITOR_API_HASH");
    expect(hash.message).not.toContain("secret-hash-value");
    const key = refusal({ VIGIL_MONITOR_SESSION_KEY: "short-secret" });
    expect(key.setting).toBe("VIGIL_MONITOR_SESSION_KEY");
    expect(key.message).not.toContain("short-secret");
    expect(refusal({ VIGIL_MONITOR_SESSION_KEY: "" }).setting).toBe("VIGIL_MONITOR_SESSION_KEY");
    expect(refusal({ VIGIL_MONITOR_API_ID: "12ab" }).setting).toBe("VIGIL_MONITOR_API_ID");
    expect(refusal({ VIGIL_MONITOR_POLL_SECONDS: "5" }).setting).toBe("VIGIL_MONITOR_POLL_SECONDS");
    expect(refusal({ VIGIL_MONITOR_REPORT: "always" }).setting).toBe("VIGIL_MONITOR_REPORT");
    expect(refusal({ VIGIL_MONITOR_CALLS_PER_MINUTE: "1000" }).setting).toBe(
      "VIGIL_MONITOR_CALLS_PER_MINUTE",
    );
  });
});
