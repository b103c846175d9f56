import { sniffImageFormat, SNIFF_BYTES } from "../../media/index.js";
import type { ContentInput, Signal, SignalProvider } from "../types.js";
import type { AnalyseImageOptions } from "./analyse-image.js";
import { ImageAnalyser, type ImageAnalyserOptions } from "./pool.js";

export type ImageSignalProviderOptions = ImageAnalyserOptions;

/**
 * The image models as a SignalProvider: for each image of the content, one nudity signal and a
 * face signal per face found (when the gate lets detection run). Media that is not an image by
 * its first bytes (a video) is left to the providers that read frames; a damaged image is an
 * error (`media/*`), as the engine must learn the content could not be looked at.
 */
export class ImageSignalProvider implements SignalProvider {
  readonly name = "image-models";

  private constructor(private readonly analyser: ImageAnalyser) {}

  static async open(options: ImageSignalProviderOptions = {}): Promise<ImageSignalProvider> {
    return new ImageSignalProvider(await ImageAnalyser.open(options));
  }

  /** Over an analyser the caller owns (and closes). */
  static over(analyser: ImageAnalyser): SignalProvider {
    const provider = new ImageSignalProvider(analyser);
    return { name: provider.name, analyse: (content) => provider.analyse(content) };
  }

  async analyse(content: ContentInput, options: AnalyseImageOptions = {}): Promise<Signal[]> {
    const images = content.media.filter(
      (media) => sniffImageFormat(media.bytes.subarray(0, SNIFF_BYTES)) !== undefined,
    );
    const results = await Promise.all(
      images.map((media) =>
        this.analyser.analyse(media.bytes, { ...options, mediaIndex: media.index }),
      ),
    );
    return results.flatMap((result) => [result.nudity, ...result.faces]);
  }

  close(): Promise<void> {
    return this.analyser.close();
  }
}
