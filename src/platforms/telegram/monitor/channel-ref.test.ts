import { describe, expect, it } from "vitest";
import { parseChannelRef } from "./channel-ref.js";
import { isMonitorError } from "./errors.js";

function refusal(input: string): string {
  try {
    parseChannelRef(input);
  } catch (error) {
    if (isMonitorError(error, "invalid")) return String(error.details.reason ?? error.message);
    throw error;
  }
  throw new Error(`${input} was accepted`);
}

describe("parseChannelRef", () => {
  it("reads usernames and public links in every form analysts paste", () => {
    const forms = [
      "@Deepfake_Trade",
      "deepfake_trade",
      "https://t.me/deepfake_trade",
      "http://t.me/Deepfake_Trade/",
      "t.me/deepfake_trade",
      "https://telegram.me/deepfake_trade",
      "https://t.me/s/deepfake_trade",
      "tg://resolve?domain=deepfake_trade",
      "  https://www.t.me/deepfake_trade?single  ",
    ];
    for (const form of forms) {
      expect(parseChannelRef(form), form).toEqual({ username: "deepfake_trade", messageId: null });
    }
  });

  it("keeps the post a link points at", () => {
    expect(parseChannelRef("https://t.me/deepfake_trade/1234")).toEqual({
      username: "deepfake_trade",
      messageId: 1234,
    });
    expect(parseChannelRef("https://t.me/s/deepfake_trade/77")).toMatchObject({ messageId: 77 });
    expect(parseChannelRef("tg://resolve?domain=deepfake_trade&post=9")).toMatchObject({
      messageId: 9,
    });
  });

  it("refuses private invite links and private post links without joining anything", () => {
    expect(refusal("https://t.me/+AbCdEfGh12345")).toBe("private-invite");
    expect(refusal("t.me/joinchat/AAAAAEkk2WdoDrB4-Q8-gg")).toBe("private-invite");
    expect(refusal("tg://join?invite=AbCdEf")).toBe("private-invite");
    expect(refusal("https://t.me/c/1234567890/55")).toBe("private-link");
  });

  it("refuses what is not a channel username", () => {
    for (const input of [
      "",
      "@ab",
      "1channel",
      "bad__name",
      "trailing_",
      "has-dash",
      "https://example.com/deepfake_trade",
      "https://t.me/addstickers/pack",
      "https://t.me/",
      "@vigil_helper_bot",
      "x".repeat(33),
    ]) {
      expect(() => parseChannelRef(input), input).toThrow(/./);
      expect(refusal(input).length).toBeGreaterThan(0);
    }
  });
});
