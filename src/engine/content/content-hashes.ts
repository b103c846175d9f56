/**
 * The hashes of one piece of content, computed from its bytes (an image or a video, told apart by
 * their first bytes) or taken from hashes a caller submitted: the match query, the hashes to show,
 * and the signals to record. Bytes live only as long as the call.
 */
import { VigilError } from "../../core/index.js";
import {
  formatPdqHex,
  formatVpdq,
  parsePdqHex,
  parseVpdq,
  type VpdqFeature,
} from "../../hash/index.js";
import { hashVideo, sniffImageFormat, sniffVideoFormat } from "../../media/index.js";
import { hashImage } from "../../signals/index.js";
import type { NewContentSignal } from "../../store/index.js";
import type { MatchQuery, PdqQuery } from "../matching/index.js";

export interface SubmittedHashes {
  readonly pdq?: readonly (string | { readonly hash: string; readonly quality?: number })[];
  readonly md5?: string;
  readonly sha256?: string;
  /** vPDQ text: `frame,quality,pdq,timestamp` lines. */
  readonly video?: string;
}

export interface ContentHashes {
  readonly pdq: readonly { readonly hash: string; readonly quality: number }[];
  readonly md5?: string;
  readonly sha256?: string;
  readonly videoFrames?: number;
}

export interface MediaFacts {
  readonly kind: "image" | "video";
  readonly format: string;
  readonly width: number;
  readonly height: number;
}

/** Submitted hashes are trusted to be what they say only as far as their format goes. */
const DEFAULT_SUBMITTED_QUALITY = 100;

export interface Computed {
  readonly query: MatchQuery;
  readonly hashes: ContentHashes;
  readonly media?: MediaFacts;
  readonly signals: NewContentSignal[];
}

export async function hashesFromBytes(bytes: Uint8Array, dihedral: boolean): Promise<Computed> {
  if (sniffImageFormat(bytes) === undefined && sniffVideoFormat(bytes) !== undefined) {
    const video = await hashVideo({ bytes });
    return {
      query: { video: video.frames, md5: video.md5, sha256: video.sha256 },
      hashes: { pdq: [], md5: video.md5, sha256: video.sha256, videoFrames: video.frameCount },
      media: { kind: "video", format: video.container, width: video.width, height: video.height },
      signals: [
        { signalType: "md5", value: video.md5 },
        { signalType: "sha256", value: video.sha256 },
        { signalType: "video", value: formatVpdq(video.frames) },
      ],
    };
  }
  const image = await hashImage(bytes, { dihedral });
  const pdq: PdqQuery = image.dihedral
    ? { hash: image.pdq, quality: image.quality, dihedral: image.dihedral }
    : { hash: image.pdq, quality: image.quality };
  return {
    query: { pdq: [pdq], md5: image.md5, sha256: image.sha256, dihedral },
    hashes: {
      pdq: [{ hash: image.pdq, quality: image.quality }],
      md5: image.md5,
      sha256: image.sha256,
    },
    media: { kind: "image", format: image.format, width: image.width, height: image.height },
    signals: [
      { signalType: "pdq", value: image.pdq, quality: image.quality },
      { signalType: "md5", value: image.md5 },
      { signalType: "sha256", value: image.sha256 },
    ],
  };
}

export function hashesFromSubmitted(hashes: SubmittedHashes, dihedral: boolean): Computed {
  const pdq = (hashes.pdq ?? []).map((item) => {
    const hash = typeof item === "string" ? item : item.hash;
    const quality =
      typeof item === "string"
        ? DEFAULT_SUBMITTED_QUALITY
        : (item.quality ?? DEFAULT_SUBMITTED_QUALITY);
    return { hash: formatPdqHex(parsePdqHex(hash)), quality };
  });
  const md5 = hashes.md5 === undefined ? undefined : checkHex(hashes.md5, 32, "md5");
  const sha256 = hashes.sha256 === undefined ? undefined : checkHex(hashes.sha256, 64, "sha256");
  const video: VpdqFeature[] | undefined =
    hashes.video === undefined ? undefined : parseVpdq(hashes.video);
  if (pdq.length === 0 && !md5 && !sha256 && !video) {
    throw new VigilError("request/invalid", "Give at least one hash: pdq, md5, sha256 or video.");
  }
  const signals: NewContentSignal[] = [
    ...pdq.map((p) => ({ signalType: "pdq" as const, value: p.hash, quality: p.quality })),
    ...(md5 ? [{ signalType: "md5" as const, value: md5 }] : []),
    ...(sha256 ? [{ signalType: "sha256" as const, value: sha256 }] : []),
    ...(video ? [{ signalType: "video" as const, value: formatVpdq(video) }] : []),
  ];
  return {
    query: {
      pdq,
      ...(md5 ? { md5 } : {}),
      ...(sha256 ? { sha256 } : {}),
      ...(video ? { video } : {}),
      dihedral,
    },
    hashes: {
      pdq,
      ...(md5 ? { md5 } : {}),
      ...(sha256 ? { sha256 } : {}),
      ...(video ? { videoFrames: video.length } : {}),
    },
    signals,
  };
}

function checkHex(value: string, length: number, name: string): string {
  const trimmed = value.trim().toLowerCase();
  if (trimmed.length !== length || !/^[0-9a-f]+$/.test(trimmed)) {
    throw new VigilError("hash/invalid-hex", `${name} must be ${length} hex digits.`);
  }
  return trimmed;
}
