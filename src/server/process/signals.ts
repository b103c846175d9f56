/**
 * The signal providers of one process, chosen by its configuration (VIGIL_SIGNALS). Text and
 * provenance are plain TypeScript and cost nothing to create; the image models live in a pool of
 * threads that opens on the first image (`LazyImageProvider`), so a process that only ever sees
 * hashes and text never loads them.
 */
import { ContentAnalyser, type ProtectedFaceFinder } from "../../engine/index.js";
import {
  ImageAnalyser,
  ImageSignalProvider,
  ProvenanceSignalProvider,
  TextSignalProvider,
  type ContentInput,
  type FaceSignal,
  type ImageSignalProviderOptions,
  type Signal,
  type SignalProvider,
} from "../../signals/index.js";
import type { SignalSettings } from "./signal-config.js";

export interface ProcessSignals {
  readonly analyser: ContentAnalyser;
  /** Embeds the faces of a reference image (protected people); absent without the face models. */
  readonly embedder?: { embed(bytes: Uint8Array): Promise<readonly FaceSignal[]> };
}

export function createSignals(
  settings: SignalSettings,
  faces?: () => ProtectedFaceFinder | null,
): ProcessSignals | undefined {
  const enabled = new Set(settings.providers);
  const providers: SignalProvider[] = [];
  let images: LazyImageProvider | undefined;
  if (enabled.has("nudity")) {
    providers.push(
      (images = new LazyImageProvider({
        threads: settings.threads,
        nudityModel: settings.nudityModel,
        // Faces are looked for only in images the nudity model finds sexual (the gate).
        faces: enabled.has("faces"),
        defaults: { faceGate: settings.faceGate },
      })),
    );
  }
  if (enabled.has("text")) providers.push(new TextSignalProvider());
  if (enabled.has("provenance")) providers.push(new ProvenanceSignalProvider());
  if (providers.length === 0) return undefined;
  const analyser = new ContentAnalyser({ providers, ...(faces ? { faces } : {}) });
  return images && enabled.has("faces") ? { analyser, embedder: images } : { analyser };
}

/** The image model pool, opened by the first content with media and shared from then on. */
export class LazyImageProvider implements SignalProvider {
  readonly name = "image-models";
  private opening: Promise<ImageAnalyser> | undefined;
  private closed = false;

  constructor(private readonly options: ImageSignalProviderOptions) {}

  async analyse(content: ContentInput): Promise<readonly Signal[]> {
    if (content.media.length === 0 || this.closed) return [];
    return ImageSignalProvider.over(await this.pool()).analyse(content);
  }

  /** Every face of a reference image, whatever its nudity score (a gate of 0 always opens). */
  async embed(bytes: Uint8Array): Promise<readonly FaceSignal[]> {
    return (await (await this.pool()).analyse(bytes, { faceGate: 0 })).faces;
  }

  private pool(): Promise<ImageAnalyser> {
    // A pool that failed to open is retried by the next image, not remembered as broken.
    this.opening ??= ImageAnalyser.open(this.options).catch((error: unknown) => {
      this.opening = undefined;
      throw error;
    });
    return this.opening;
  }

  async close(): Promise<void> {
    this.closed = true;
    const opening = this.opening;
    this.opening = undefined;
    if (opening) await (await opening.catch(() => null))?.close();
  }
}
