/**
 * From an item's analysis records to the facts a policy reads: classifier scores by name and
 * text findings. Names are the policy's vocabulary (docs/POLICY.md): `nsfw.<class>` for each of
 * nsfwjs's classes, `nsfw.explicit` (porn + hentai) and `nsfw.sexual` (porn + hentai + sexy),
 * `face.protected` (the closest protected person's similarity), `provenance.synthetic` and
 * `provenance.c2pa` (1 when present). An album scores as its strongest image.
 */
import type { ClassifierScore, TextFinding } from "../../policy/index.js";
import { NUDITY_CLASSES } from "../../signals/index.js";
import { modelName } from "./content-analysis.js";
import type { JsonObject } from "../../core/index.js";

export interface AnalysisFacts {
  readonly classifiers: readonly ClassifierScore[];
  readonly textFindings: readonly TextFinding[];
}

const SYNTHETIC_MARKERS: ReadonlySet<string> = new Set([
  "iptc_trained_algorithmic_media",
  "generator_software",
  "generator_parameters",
]);

export function analysisFacts(records: readonly JsonObject[]): AnalysisFacts {
  const best = new Map<string, ClassifierScore>();
  const keep = (name: string, score: number, record: JsonObject): void => {
    if (!Number.isFinite(score)) return;
    const current = best.get(name);
    if (current && current.score >= score) return;
    const model = modelName(record);
    best.set(name, { name, score: round(score), ...(model ? { model } : {}) });
  };
  const textFindings: TextFinding[] = [];
  for (const record of records) {
    switch (record.kind) {
      case "nudity": {
        const scores = (record.scores ?? {}) as Record<string, number>;
        for (const name of NUDITY_CLASSES) keep(`nsfw.${name}`, scores[name] ?? 0, record);
        const explicit = (scores.porn ?? 0) + (scores.hentai ?? 0);
        keep("nsfw.explicit", explicit, record);
        keep("nsfw.sexual", explicit + (scores.sexy ?? 0), record);
        break;
      }
      case "protected_face":
        keep("face.protected", Number(record.similarity), record);
        break;
      case "provenance":
        if (SYNTHETIC_MARKERS.has(String(record.marker))) keep("provenance.synthetic", 1, record);
        if (record.marker === "c2pa_manifest") keep("provenance.c2pa", 1, record);
        break;
      case "text": {
        const span = record.span as readonly [number, number] | undefined;
        if (!Array.isArray(span) || typeof record.category !== "string") break;
        textFindings.push({
          category: record.category,
          weight: Number(record.weight),
          span: [Number(span[0]), Number(span[1])],
          ...(typeof record.text === "string" ? { text: record.text } : {}),
        });
        break;
      }
    }
  }
  return { classifiers: [...best.values()], textFindings };
}

/** Scores are kept to 4 decimals: enough for thresholds, stable in stored facts. */
function round(score: number): number {
  return Math.round(Math.min(1, Math.max(0, score)) * 10_000) / 10_000;
}
