import { VigilError } from "../../core/index.js";
import type { ImageFormat } from "../image/decode.js";
import type {
  C2paContainer,
  MetadataBlock,
  PngTextChunk,
  WalkResult,
} from "./provenance-blocks.js";
import { readExifProvenance, type ExifProvenance } from "./provenance-exif.js";
import { walkJpeg } from "./provenance-jpeg.js";
import { resolveProvenanceLimits, type ProvenanceLimits } from "./provenance-limits.js";
import { walkPng } from "./provenance-png.js";
import { walkWebp } from "./provenance-webp.js";
import { readXmpValues } from "./provenance-xmp.js";
import { sniffImageFormat } from "../image/sniff.js";

/** Where a software name was read. */
export type SoftwareSource =
  "exif_software" | "xmp_creator_tool" | "xmp_software" | "png_software" | "png_source";

export interface SoftwareTag {
  readonly source: SoftwareSource;
  readonly value: string;
}

/** A PNG text chunk: its keyword and size, never its text (it may be a prompt). */
export interface TextChunkInfo {
  readonly chunk: PngTextChunk;
  readonly keyword: string;
  readonly bytes: number;
}

export interface ParameterComment {
  readonly source: "exif_user_comment";
  readonly bytes: number;
}

/** The provenance-relevant metadata of one image file, uninterpreted. */
export interface ProvenanceMetadata {
  /** undefined: not an image format the reader knows; every list is then empty. */
  readonly format: ImageFormat | undefined;
  readonly software: readonly SoftwareTag[];
  readonly textChunks: readonly TextChunkInfo[];
  /** IPTC digital source type values (URIs or bare codes) from XMP. */
  readonly digitalSourceTypes: readonly string[];
  /** EXIF comments holding a generator's parameters (Automatic1111 JPEG/WebP): size only. */
  readonly parameterComments: readonly ParameterComment[];
  /** Every C2PA manifest store found (present, not verified). */
  readonly c2pa: readonly C2paContainer[];
  /** The walk stopped at damage or a limit; what came before it is still reported. */
  readonly truncated: boolean;
}

export interface ReadProvenanceOptions {
  readonly limits?: Partial<ProvenanceLimits>;
}

/**
 * Reads the metadata that can mark an image as made by a generator: EXIF and XMP software names,
 * PNG text chunks, the IPTC digital source type, C2PA manifest stores. JPEG, PNG and WebP are
 * walked block by block; a TIFF's first IFD is read by exifr. Damaged files give what was read
 * before the damage, never an error: the one refusal is a file over `maxBytes` (`media/too-large`).
 */
export async function readProvenanceMetadata(
  bytes: Uint8Array,
  options: ReadProvenanceOptions = {},
): Promise<ProvenanceMetadata> {
  const limits = resolveProvenanceLimits(options.limits);
  if (bytes.length > limits.maxBytes) {
    throw new VigilError(
      "media/too-large",
      `The file is ${bytes.length} bytes; the limit for reading metadata is ${limits.maxBytes}.`,
      { bytes: bytes.length, maxBytes: limits.maxBytes },
    );
  }
  const format = sniffImageFormat(bytes.subarray(0, 12));
  const walk = walkFormat(format, bytes, limits);
  const metadata = await collect(walk.blocks, limits);
  return Object.freeze({ format, truncated: walk.truncated, ...metadata });
}

function walkFormat(
  format: ImageFormat | undefined,
  bytes: Uint8Array,
  limits: ProvenanceLimits,
): WalkResult {
  if (format === "jpeg") return walkJpeg(bytes, limits);
  if (format === "png") return walkPng(bytes, limits);
  if (format === "webp") return walkWebp(bytes, limits);
  if (format === "tiff") return { blocks: [{ kind: "exif", tiff: bytes }], truncated: false };
  return { blocks: [], truncated: false };
}

/**
 * EXIF blocks handed to exifr per file. A file may repeat APP1 Exif up to the block cap; the
 * first few are what viewers read, and each exifr call costs far more than the walk.
 */
const MAX_EXIF_BLOCKS = 4;

async function collect(
  blocks: readonly MetadataBlock[],
  limits: ProvenanceLimits,
): Promise<ProvenanceLists> {
  const lists: ProvenanceLists = {
    software: [],
    textChunks: [],
    digitalSourceTypes: [],
    c2pa: [],
    parameterComments: [],
  };
  let exifBlocks = 0;
  for (const block of blocks) {
    if (block.kind === "c2pa") lists.c2pa.push(block.container);
    if (block.kind === "text") addText(lists, block);
    if (block.kind === "xmp") addXmp(lists, block.text, limits);
    if (block.kind === "exif" && exifBlocks++ < MAX_EXIF_BLOCKS) {
      addExif(lists, await readExifProvenance(block.tiff, limits));
    }
  }
  return lists;
}

interface ProvenanceLists {
  software: SoftwareTag[];
  textChunks: TextChunkInfo[];
  digitalSourceTypes: string[];
  c2pa: C2paContainer[];
  parameterComments: ParameterComment[];
}

function addText(lists: ProvenanceLists, block: Extract<MetadataBlock, { kind: "text" }>): void {
  lists.textChunks.push({ chunk: block.chunk, keyword: block.keyword, bytes: block.bytes });
  const value = block.value?.trim();
  if (value === undefined || value === "") return;
  lists.software.push({
    source: block.keyword === "Software" ? "png_software" : "png_source",
    value,
  });
}

function addXmp(lists: ProvenanceLists, packet: string, limits: ProvenanceLimits): void {
  for (const { property, value } of readXmpValues(packet)) {
    if (property === "DigitalSourceType") {
      lists.digitalSourceTypes.push(clip(value, limits));
    } else {
      const source = property === "CreatorTool" ? "xmp_creator_tool" : "xmp_software";
      lists.software.push({ source, value: clip(value, limits) });
    }
  }
}

function addExif(lists: ProvenanceLists, exif: ExifProvenance): void {
  if (exif.software !== undefined) {
    lists.software.push({ source: "exif_software", value: exif.software });
  }
  if (exif.parameterCommentBytes !== undefined) {
    lists.parameterComments.push({
      source: "exif_user_comment",
      bytes: exif.parameterCommentBytes,
    });
  }
}

function clip(value: string, limits: ProvenanceLimits): string {
  return value.slice(0, limits.maxValueChars);
}
