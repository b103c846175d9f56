/**
 * Banked videos, matched as vPDQ does (`matchPreparedVpdq`, both shares at least 80 %), but
 * without comparing the upload with every banked video. Each video's distinct frames also go into
 * one MihIndex; a query first looks its frames up there, and only videos with a frame within the
 * distance are compared in full. That prefilter is exact: a match needs ≥ 80 % of the query's
 * frames near some bank frame, so it needs at least one such pair, which the index finds.
 *
 * Frame ids come from a wrapping counter that skips ids still in use.
 */
import {
  matchPreparedVpdq,
  MihIndex,
  prepareVpdq,
  type PreparedVpdq,
  type VpdqFeature,
  type VpdqMatch,
} from "../../hash/index.js";
import { IdTable } from "./id-table.js";

interface BankedVideo {
  readonly prepared: PreparedVpdq;
  readonly frameIds: Uint32Array;
}

export class VideoIndex {
  readonly #videos = new Map<number, BankedVideo>();
  readonly #frames = new MihIndex();
  readonly #frameOwner = new IdTable();
  #nextFrame = 0;

  get size(): number {
    return this.#videos.size;
  }

  get frameCount(): number {
    return this.#frameOwner.size;
  }

  get byteLength(): number {
    let words = 0;
    for (const video of this.#videos.values()) {
      words += video.prepared.words.byteLength + video.frameIds.byteLength;
    }
    return words + this.#frames.byteLength + this.#frameOwner.byteLength;
  }

  /** Adds or replaces the video of `id`. */
  add(id: number, features: readonly VpdqFeature[]): void {
    this.remove(id);
    const prepared = prepareVpdq(features);
    const frameIds = new Uint32Array(prepared.count);
    const hash = new Uint16Array(16);
    for (let f = 0; f < prepared.count; f++) {
      while (this.#frameOwner.has(this.#nextFrame)) this.#nextFrame = (this.#nextFrame + 1) >>> 0;
      const frameId = this.#nextFrame;
      this.#nextFrame = (this.#nextFrame + 1) >>> 0;
      frameIds[f] = frameId;
      this.#frames.add(frameId, frameHash(prepared, f, hash));
      this.#frameOwner.set(frameId, id);
    }
    this.#videos.set(id, { prepared, frameIds });
  }

  remove(id: number): boolean {
    const video = this.#videos.get(id);
    if (!video) return false;
    for (const frameId of video.frameIds) {
      this.#frames.remove(frameId);
      this.#frameOwner.delete(frameId);
    }
    return this.#videos.delete(id);
  }

  /**
   * Banked videos that match the query. `distanceOf(id)` is the frame distance for that video's
   * bank, or undefined to skip it (disabled bank); `maxDistance` bounds all of them.
   */
  match(
    features: readonly VpdqFeature[],
    maxDistance: number,
    distanceOf: (id: number) => number | undefined,
  ): { id: number; match: VpdqMatch }[] {
    const query = prepareVpdq(features);
    const candidates = new Set<number>();
    const hash = new Uint16Array(16);
    for (let f = 0; f < query.count; f++) {
      for (const { id } of this.#frames.search(frameHash(query, f, hash), maxDistance)) {
        candidates.add(this.#frameOwner.get(id)!);
      }
    }
    const out: { id: number; match: VpdqMatch }[] = [];
    for (const id of candidates) {
      const distance = distanceOf(id);
      if (distance === undefined) continue;
      const match = matchPreparedVpdq(query, this.#videos.get(id)!.prepared, {
        maxDistance: distance,
      });
      if (match.isMatch) out.push({ id, match });
    }
    return out;
  }
}

/** Frame `f` of a prepared video as a PDQ hash (prepareVpdq packs two 16-bit words into one). */
function frameHash(video: PreparedVpdq, f: number, out: Uint16Array): Uint16Array {
  for (let w = 0; w < 8; w++) {
    const word = video.words[f * 8 + w]!;
    out[2 * w] = word & 0xffff;
    out[2 * w + 1] = word >>> 16;
  }
  return out;
}
