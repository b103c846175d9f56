import { describe, expect, it } from "vitest";
import { openSession, resealSession, sealSession } from "./session-crypto.js";
import { MonitorSettingError } from "./settings.js";

const KEY = "Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4Zm9vYmFyYmE=";
const OTHER = "b3RoZXItb3RoZXItb3RoZXItb3RoZXItb3RoZXItb3Q=";
// The shape of a GramJS StringSession: "1" and base64 of the DC, address, port and auth key.
const SESSION = "1BVtsOKABu" + "Qx".repeat(170) + "=";

describe("session sealing", () => {
  it("opens what it sealed, and seals the same session differently each time", () => {
    const first = sealSession(SESSION, KEY);
    const second = sealSession(SESSION, KEY);
    expect(openSession(first, KEY)).toBe(SESSION);
    expect(first).not.toBe(second);
    expect(first.startsWith("v1.")).toBe(true);
    expect(first).not.toContain(SESSION.slice(0, 20));
  });

  it("refuses another key and a changed envelope, naming the setting and not the key", () => {
    const sealed = sealSession(SESSION, KEY);
    const refuse = (envelope: string, key: string) => {
      try {
        openSession(envelope, key);
      } catch (error) {
        expect(error).toBeInstanceOf(MonitorSettingError);
        expect((error as MonitorSettingError).setting).toBe("VIGIL_MONITOR_SESSION_KEY");
        expect((error as Error).message).not.toContain(key);
        return true;
      }
      return false;
    };
    expect(refuse(sealed, OTHER)).toBe(true);
    const parts = sealed.split(".");
    const flipped = parts[3]!.startsWith("A") ? "B" + parts[3]!.slice(1) : "A" + parts[3]!.slice(1);
    expect(refuse([...parts.slice(0, 3), flipped, parts[4]].join("."), KEY)).toBe(true);
    expect(refuse("v2." + parts.slice(1).join("."), KEY)).toBe(true);
    expect(refuse("not an envelope", KEY)).toBe(true);
  });

  it("refuses a short key before sealing anything", () => {
    expect(() => sealSession(SESSION, "too-short")).toThrow(MonitorSettingError);
  });

  it("moves a session to a new key", () => {
    const moved = resealSession(sealSession(SESSION, KEY), KEY, OTHER);
    expect(openSession(moved, OTHER)).toBe(SESSION);
  });
});
