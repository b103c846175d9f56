import { describe, expect, it } from "vitest";
import {
  ProvenanceSignalProvider,
  TextSignalProvider,
  type Signal,
  type SignalProvider,
} from "../../signals/index.js";
import { photo, textChunk, withPngChunks } from "../../../test/helpers/provenance-fixtures.js";
import { ContentAnalyser } from "./content-analysis.js";
import { analysisFacts } from "./analysis-facts.js";

const analyser = new ContentAnalyser({
  providers: [new TextSignalProvider(), new ProvenanceSignalProvider()],
});

describe("ContentAnalyser", () => {
  it("runs every provider over media and text, as records a policy can read", async () => {
    const generated = withPngChunks(await photo("png"), [
      textChunk("parameters", "a prompt nobody should ever see, Steps: 20, Sampler: Euler a"),
    ]);
    const records = await analyser.analyse({
      media: [{ index: 2, bytes: generated }],
      text: "지인능욕 해주실 분 구해요",
    });
    expect(records.map((r) => r.kind).sort()).toEqual(["provenance", "text"]);
    expect(records.find((r) => r.kind === "provenance")).toMatchObject({
      mediaIndex: 2,
      marker: "generator_parameters",
    });
    expect(JSON.stringify(records)).not.toContain("nobody should ever see");
    const facts = analysisFacts(records);
    expect(facts.classifiers.map((c) => c.name)).toEqual(["provenance.synthetic"]);
    expect(facts.textFindings[0]).toMatchObject({ category: "solicitation" });
  });

  it("learns nothing from an ordinary photo and ordinary chat, and nothing from nothing", async () => {
    expect(
      await analyser.analyse({
        media: [{ index: 0, bytes: await photo() }],
        text: "점심 뭐 먹지?",
      }),
    ).toEqual([]);
    expect(await analyser.analyse({ media: [] })).toEqual([]);
  });

  it("records a provider that fails instead of failing the content", async () => {
    // A provider whose model cannot run: the bank path must still decide.
    const broken: SignalProvider = {
      name: "broken",
      analyse: (): Promise<readonly Signal[]> => Promise.reject(new Error("model file missing")),
    };
    const withBroken = new ContentAnalyser({ providers: [broken, new TextSignalProvider()] });
    const records = await withBroken.analyse({ media: [], text: "nudify bot link pls" });
    expect(records).toContainEqual({
      kind: "provider_error",
      provider: "broken",
      code: "signals/provider-failed",
    });
    expect(records.some((r) => r.kind === "text")).toBe(true);
  });
});
