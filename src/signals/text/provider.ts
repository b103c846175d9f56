/**
 * The text provider: the lexicon over `ContentInput.text`. Pure and synchronous underneath, so it
 * needs no worker thread; it keeps nothing of the text it reads.
 */
import type { ContentInput, Signal, SignalProvider } from "../types.js";
import { findTextSignals, type FindTextSignalsOptions } from "./find.js";

export class TextSignalProvider implements SignalProvider {
  readonly name = "text";
  readonly #options: FindTextSignalsOptions;

  constructor(options: FindTextSignalsOptions = {}) {
    this.#options = options;
  }

  analyse(content: ContentInput): Promise<readonly Signal[]> {
    const text = content.text;
    if (typeof text !== "string" || text.length === 0) return Promise.resolve([]);
    return Promise.resolve(findTextSignals(text, this.#options));
  }
}
