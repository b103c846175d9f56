import { describe, expect, it } from "vitest";
import { TextSignalProvider } from "./provider.js";

describe("TextSignalProvider", () => {
  it("reads the content's text and ignores its media", async () => {
    const provider = new TextSignalProvider();
    const signals = await provider.analyse({ media: [], text: "selling deepfakes, dm me" });
    expect(signals.map((s) => s.kind === "text" && s.category)).toEqual(["trade"]);
    expect(await provider.analyse({ media: [{ index: 0, bytes: new Uint8Array(4) }] })).toEqual([]);
  });

  it("passes its options on", async () => {
    const provider = new TextSignalProvider({ minWeight: 0.4 });
    expect(await provider.analyse({ media: [], text: "몰카" })).toHaveLength(1);
  });
});
