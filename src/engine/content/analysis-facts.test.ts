import { describe, expect, it } from "vitest";
import { analysisFacts } from "./analysis-facts.js";

const NSFW = { name: "nsfwjs/MobileNetV2", version: "4.3.0" };

describe("analysisFacts", () => {
  it("scores an album as its strongest image, per class and for the sums", () => {
    const facts = analysisFacts([
      {
        kind: "nudity",
        model: NSFW,
        mediaIndex: 0,
        scores: { drawing: 0.01, hentai: 0.02, neutral: 0.9, porn: 0.05, sexy: 0.02 },
      },
      {
        kind: "nudity",
        model: NSFW,
        mediaIndex: 1,
        scores: { drawing: 0.0, hentai: 0.1, neutral: 0.05, porn: 0.7, sexy: 0.15 },
      },
    ]);
    const score = (name: string) => facts.classifiers.find((c) => c.name === name)?.score;
    expect(score("nsfw.neutral")).toBe(0.9);
    expect(score("nsfw.porn")).toBe(0.7);
    expect(score("nsfw.explicit")).toBe(0.8);
    expect(score("nsfw.sexual")).toBe(0.95);
    expect(facts.classifiers.find((c) => c.name === "nsfw.porn")?.model).toBe(
      "nsfwjs/MobileNetV2@4.3.0",
    );
  });

  it("turns protected faces, provenance markers and text findings into facts", () => {
    const facts = analysisFacts([
      { kind: "face", mediaIndex: 0, confidence: 0.9, box: { x: 0, y: 0, width: 9, height: 9 } },
      { kind: "protected_face", mediaIndex: 0, personId: "p1", similarity: 0.41 },
      { kind: "protected_face", mediaIndex: 0, personId: "p2", similarity: 0.63 },
      { kind: "provenance", mediaIndex: 0, marker: "c2pa_manifest", detail: "jumbf" },
      { kind: "provenance", mediaIndex: 0, marker: "generator_software", detail: "ComfyUI" },
      { kind: "text", category: "solicitation", weight: 0.9, span: [3, 7], text: "지인능욕" },
      { kind: "provider_error", provider: "nudity", code: "signals/model-failed" },
    ]);
    expect(facts.classifiers).toEqual([
      { name: "face.protected", score: 0.63 },
      { name: "provenance.c2pa", score: 1 },
      { name: "provenance.synthetic", score: 1 },
    ]);
    expect(facts.textFindings).toEqual([
      { category: "solicitation", weight: 0.9, span: [3, 7], text: "지인능욕" },
    ]);
  });

  it("has no facts for an item nothing was learned about", () => {
    expect(analysisFacts([])).toEqual({ classifiers: [], textFindings: [] });
    // A C2PA manifest alone says who made the file, not that a generator did.
    const signed = analysisFacts([{ kind: "provenance", marker: "c2pa_manifest", detail: "" }]);
    expect(signed.classifiers.map((c) => c.name)).toEqual(["provenance.c2pa"]);
  });
});
