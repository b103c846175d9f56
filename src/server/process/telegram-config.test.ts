import { describe, expect, it } from "vitest";
import { ConfigError, loadServerConfig } from "./config.js";

const TOKEN = "123456789:AAE-abcdefghijklmnopqrstuvwxyz_0123";

describe("Telegram settings", () => {
  it("reads the token, admin chat, admins and mode", () => {
    const config = loadServerConfig({
      env: {
        VIGIL_TELEGRAM_TOKEN: TOKEN,
        VIGIL_TELEGRAM_ADMIN_CHAT: "-1001234567890",
        VIGIL_TELEGRAM_ADMINS: "111:0190a1b2-c3d4, 222:mod-2",
        VIGIL_TELEGRAM_LANGUAGE: "ko",
      },
    });
    expect(config.telegram).toMatchObject({
      token: TOKEN,
      adminChatId: -1001234567890,
      mode: "polling",
      language: "ko",
    });
    expect([...config.telegram!.admins]).toEqual([
      [111, "0190a1b2-c3d4"],
      [222, "mod-2"],
    ]);
  });

  it("has no bot without a token, and refuses the connector role without one", () => {
    expect(loadServerConfig({ env: {} }).telegram).toBeUndefined();
    expect(() => loadServerConfig({ env: {}, flags: { role: "connector" } })).toThrow(
      /VIGIL_TELEGRAM_TOKEN/,
    );
  });

  it("refuses a malformed token without quoting it", () => {
    const secret = "not-a-token-but-a-secret";
    let error: unknown;
    try {
      loadServerConfig({ env: { VIGIL_TELEGRAM_TOKEN: secret } });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).not.toContain(secret);
  });

  it("names the bad setting: admins, admin chat, webhook without its URL and secret", () => {
    const bad = (env: Record<string, string>) => () =>
      loadServerConfig({ env: { VIGIL_TELEGRAM_TOKEN: TOKEN, ...env } });
    expect(bad({ VIGIL_TELEGRAM_ADMINS: "alice" })).toThrow(/VIGIL_TELEGRAM_ADMINS/);
    expect(bad({ VIGIL_TELEGRAM_ADMIN_CHAT: "@group" })).toThrow(/VIGIL_TELEGRAM_ADMIN_CHAT/);
    expect(bad({ VIGIL_TELEGRAM_MODE: "webhook" })).toThrow(/VIGIL_TELEGRAM_WEBHOOK_URL/);
    expect(bad({ VIGIL_TELEGRAM_MODE: "push" })).toThrow(/VIGIL_TELEGRAM_MODE/);
  });
});
