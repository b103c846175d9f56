import { describe, expect, it } from "vitest";
import { ConfigError, loadServerConfig } from "./config.js";

describe("signal settings", () => {
  it("runs every provider by default, one model thread per core", () => {
    const { signals } = loadServerConfig({ env: {} });
    expect(signals.providers).toEqual(["nudity", "faces", "text", "provenance"]);
    expect(signals.threads).toBeGreaterThanOrEqual(1);
    expect(signals).toMatchObject({
      nudityModel: "MobileNetV2",
      faceGate: 0.5,
      faceThreshold: null,
    });
  });

  it("takes a list, none, a model, a gate and a threshold", () => {
    const { signals } = loadServerConfig({
      env: {
        VIGIL_SIGNALS: "text, provenance,text",
        VIGIL_SIGNAL_THREADS: "2",
        VIGIL_NUDITY_MODEL: "InceptionV3",
        VIGIL_FACE_GATE: "0.7",
        VIGIL_FACE_THRESHOLD: "0.55",
      },
    });
    expect(signals).toEqual({
      providers: ["text", "provenance"],
      threads: 2,
      nudityModel: "InceptionV3",
      faceGate: 0.7,
      faceThreshold: 0.55,
    });
    expect(loadServerConfig({ env: { VIGIL_SIGNALS: "none" } }).signals.providers).toEqual([]);
  });

  it("stops start-up with the setting's name when a value is wrong", () => {
    for (const [name, value] of [
      ["VIGIL_SIGNALS", "nudity,deepfake"],
      ["VIGIL_SIGNAL_THREADS", "0"],
      ["VIGIL_SIGNAL_THREADS", "1.5"],
      ["VIGIL_NUDITY_MODEL", "ResNet"],
      ["VIGIL_FACE_GATE", "2"],
      ["VIGIL_FACE_THRESHOLD", "high"],
    ] as const) {
      expect(() => loadServerConfig({ env: { [name]: value } })).toThrow(ConfigError);
      expect(() => loadServerConfig({ env: { [name]: value } })).toThrow(name);
    }
  });
});
