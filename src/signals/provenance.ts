import {
  readProvenanceMetadata,
  type C2paContainer,
  type ProvenanceMetadata,
  type ReadProvenanceOptions,
  type SoftwareSource,
} from "../media/index.js";
import {
  GENERATOR_NAMES,
  GENERATOR_TEXT_KEYWORDS,
  SYNTHETIC_SOURCE_TYPES,
} from "./provenance-generators.js";
import type {
  ContentInput,
  ModelRef,
  ProvenanceMarker,
  ProvenanceSignal,
  Signal,
  SignalProvider,
} from "./types.js";

/** The reader and its lists; the version changes whenever what counts as a marker changes. */
export const PROVENANCE_READER: ModelRef = Object.freeze({
  name: "vigil-provenance",
  version: "1",
});

const SOURCE_LABELS: Readonly<Record<SoftwareSource, string>> = {
  exif_software: "EXIF Software",
  xmp_creator_tool: "XMP CreatorTool",
  xmp_software: "XMP Software",
  png_software: "PNG Software",
  png_source: "PNG Source",
};

const C2PA_LABELS: Readonly<Record<C2paContainer, string>> = {
  jpeg_app11: "JPEG APP11",
  png_cabx: "PNG caBX chunk",
  webp_c2pa: "WebP C2PA chunk",
};

/**
 * The provenance signals of one image file: metadata that says a generator made it. A signal,
 * never a verdict: metadata is easy to strip (most platforms do) and easy to forge, so its
 * absence means nothing and its presence is evidence to weigh. No prompt text is ever copied
 * into a signal, only the chunk's keyword and size.
 */
export async function readProvenance(
  bytes: Uint8Array,
  options: ReadProvenanceOptions & { readonly mediaIndex?: number } = {},
): Promise<ProvenanceSignal[]> {
  const metadata = await readProvenanceMetadata(bytes, options);
  const mediaIndex = options.mediaIndex ?? 0;
  const seen = new Set<string>();
  const signals: ProvenanceSignal[] = [];
  for (const [marker, detail] of findings(metadata)) {
    const key = `${marker}\0${detail}`;
    if (seen.has(key)) continue;
    seen.add(key);
    signals.push(
      Object.freeze({ kind: "provenance", model: PROVENANCE_READER, mediaIndex, marker, detail }),
    );
  }
  return signals;
}

function* findings(metadata: ProvenanceMetadata): Generator<[ProvenanceMarker, string]> {
  for (const value of metadata.digitalSourceTypes) {
    const code = value.slice(value.lastIndexOf("/") + 1).trim();
    if (SYNTHETIC_SOURCE_TYPES.has(code)) {
      yield ["iptc_trained_algorithmic_media", `IPTC digital source type ${code} (XMP)`];
    }
  }
  for (const container of metadata.c2pa) {
    yield [
      "c2pa_manifest",
      `C2PA manifest store in ${C2PA_LABELS[container]} (present, not verified)`,
    ];
  }
  for (const { source, value } of metadata.software) {
    const generator = generatorNamed(value);
    if (generator !== undefined)
      yield ["generator_software", `${SOURCE_LABELS[source]}: ${generator}`];
  }
  for (const { bytes } of metadata.parameterComments) {
    yield [
      "generator_parameters",
      `EXIF UserComment with generation parameters (Automatic1111 / Forge / SD.Next), ${bytes} chars`,
    ];
  }
  for (const { chunk, keyword, bytes } of metadata.textChunks) {
    const tool = GENERATOR_TEXT_KEYWORDS[keyword];
    if (tool !== undefined) {
      yield ["generator_parameters", `${keyword} ${chunk} chunk (${tool}), ${bytes} bytes`];
    }
  }
}

/** The generator a software name names, matching whole words so "Fluxus" is not "Flux". */
export function generatorNamed(value: string): string | undefined {
  const words = ` ${normalise(value)} `;
  for (const { name, terms } of GENERATOR_NAMES) {
    if (terms.some((term) => words.includes(` ${normalise(term)} `))) return name;
  }
  return undefined;
}

function normalise(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** Provenance over every media object of a content item (`SignalProvider`). */
export class ProvenanceSignalProvider implements SignalProvider {
  readonly name = "provenance";

  constructor(private readonly options: ReadProvenanceOptions = {}) {}

  async analyse(content: ContentInput): Promise<readonly Signal[]> {
    const signals: Signal[] = [];
    for (const media of content.media) {
      signals.push(
        ...(await readProvenance(media.bytes, { ...this.options, mediaIndex: media.index })),
      );
    }
    return signals;
  }
}
