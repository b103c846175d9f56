/**
 * The signals of an ingested item: the hashes it arrived with, plus those of each media URL,
 * fetched under the scan limits and hashed in memory (the bytes are gone when this returns).
 * One match query per media object (matchAll in decide.ts runs them all).
 */
import { parseVpdq } from "../../hash/index.js";
import { fetchUrl, type FetchUrlOptions } from "../../media/index.js";
import type { MediaInput } from "../../signals/index.js";
import type { ContentSignal, IngestedRecord, NewContentSignal } from "../../store/index.js";
import type { AnalysisRecord, ContentAnalyser } from "./content-analysis.js";
import { hashesFromBytes } from "./content-hashes.js";
import type { MatchQuery } from "../matching/index.js";

export interface ItemSignals {
  /** Signals computed now (from fetched media): what the item's record gains. */
  readonly computed: readonly NewContentSignal[];
  /** One match query per media object or known hash. */
  readonly queries: readonly MatchQuery[];
  /** The whole analysis: ingest's records, then the fetched media's and the text's. */
  readonly analysis: readonly AnalysisRecord[];
}

export async function signalsOfItem(
  record: IngestedRecord,
  fetchOptions: FetchUrlOptions,
  analyser?: ContentAnalyser,
): Promise<ItemSignals> {
  const queries: MatchQuery[] = record.signals.map(queryOfSignal);
  const computed: NewContentSignal[] = [];
  const fetchedMedia: MediaInput[] = [];
  for (const [index, media] of record.item.media.entries()) {
    if (media.url === undefined) continue;
    const fetched = await fetchUrl(media.url, fetchOptions);
    const hashes = await hashesFromBytes(fetched.bytes, false);
    queries.push(hashes.query);
    computed.push(...hashes.signals);
    // Held only until the analysis below has run: nothing keeps media.
    if (analyser) fetchedMedia.push({ index, bytes: fetched.bytes });
  }
  const text = record.item.text ?? undefined;
  const learned = analyser
    ? await analyser.analyse(
        text === undefined ? { media: fetchedMedia } : { media: fetchedMedia, text },
      )
    : [];
  return {
    computed,
    queries,
    analysis: [...(record.item.analysis as AnalysisRecord[]), ...learned],
  };
}

function queryOfSignal(signal: ContentSignal): MatchQuery {
  switch (signal.signalType) {
    case "pdq":
      return { pdq: [{ hash: signal.value, quality: signal.quality ?? 100 }] };
    case "md5":
      return { md5: signal.value };
    case "sha256":
      return { sha256: signal.value };
    case "video":
      return { video: parseVpdq(signal.value) };
  }
}
