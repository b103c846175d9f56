/**
 * The AI half of the signals step: every provider (nudity, faces, text, provenance) looks at a
 * piece of content, faces are compared with the protected people, and what was learned becomes
 * plain records an item keeps and a policy reads. Embeddings end here: a face in the content is
 * kept as a box and a confidence, its embedding is compared and dropped.
 *
 * A provider that fails does not fail the item — bank matching must still run when a model
 * cannot — but the failure is a record of its own, so a moderator and a backtest can see that a
 * signal is missing rather than absent.
 */
import { VigilError } from "../../core/index.js";
import type {
  ContentInput,
  FaceSignal,
  ModelRef,
  ProtectedFaceSignal,
  Signal,
  SignalProvider,
} from "../../signals/index.js";
import type { JsonObject } from "../../core/index.js";

/** The protected people's face index, as the analysis needs it (see ProtectedPeopleService). */
export interface ProtectedFaceFinder {
  /** The closest protected person whose similarity passes the index's threshold, or null. */
  search(
    embedding: Float32Array,
  ): { readonly personId: string; readonly similarity: number } | null;
}

/** A signal as an item keeps it: plain JSON, no embedding. */
export type AnalysisRecord = JsonObject & { readonly kind: string };

export interface AnalyserOptions {
  readonly providers: readonly SignalProvider[];
  /** The face index in force now (it is swapped when people are added or deleted elsewhere). */
  readonly faces?: () => ProtectedFaceFinder | null;
}

export class ContentAnalyser {
  constructor(private readonly options: AnalyserOptions) {}

  /** Every provider's signals about the content, as records; no media or text is kept. */
  async analyse(content: ContentInput): Promise<AnalysisRecord[]> {
    if (content.media.length === 0 && !content.text) return [];
    const results = await Promise.all(
      this.options.providers.map((provider) => runProvider(provider, content)),
    );
    const finder = this.options.faces?.() ?? null;
    return results.flat().flatMap((signal) => recordsOf(signal, finder));
  }

  async close(): Promise<void> {
    await Promise.all(this.options.providers.map((provider) => provider.close?.()));
  }
}

type ProviderResult =
  Signal | { readonly kind: "provider_error"; readonly provider: string; readonly code: string };

async function runProvider(
  provider: SignalProvider,
  content: ContentInput,
): Promise<readonly ProviderResult[]> {
  try {
    return await provider.analyse(content);
  } catch (error) {
    const code = error instanceof VigilError ? error.code : "signals/provider-failed";
    return [{ kind: "provider_error", provider: provider.name, code }];
  }
}

function recordsOf(signal: ProviderResult, finder: ProtectedFaceFinder | null): AnalysisRecord[] {
  if (signal.kind !== "face") return [toRecord(signal)];
  const { embedding, ...face } = signal;
  const records: AnalysisRecord[] = [toRecord(face)];
  const found = finder?.search(embedding);
  if (found) records.push(toRecord(protectedFace(signal, found)));
  return records;
}

function protectedFace(
  face: FaceSignal,
  found: { readonly personId: string; readonly similarity: number },
): ProtectedFaceSignal {
  return {
    kind: "protected_face",
    model: face.model,
    mediaIndex: face.mediaIndex,
    personId: found.personId,
    similarity: found.similarity,
  };
}

/** Signals are plain data already; this drops undefined fields and typed arrays' prototypes. */
function toRecord(value: object): AnalysisRecord {
  return JSON.parse(JSON.stringify(value)) as AnalysisRecord;
}

/** The model a record names, for explanations (`nsfwjs/MobileNetV2@4.3.0`). */
export function modelName(record: JsonObject): string | undefined {
  const model = record.model as Partial<ModelRef> | undefined;
  if (!model || typeof model.name !== "string") return undefined;
  return typeof model.version === "string" ? `${model.name}@${model.version}` : model.name;
}
