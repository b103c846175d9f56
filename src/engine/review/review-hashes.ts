/**
 * The media hashes of a case: from its reports' content hashes and from the signals of the
 * items rules linked to it. Repeats are dropped.
 *
 * A report's 64-hex hash may be a PDQ or a SHA-256 — the report API accepts both and cannot
 * tell them apart. It is added as both: as a SHA-256 it blocks the exact file; as a PDQ it
 * blocks near copies of the image. Whichever reading is wrong matches nothing in practice: a
 * SHA-256 read as PDQ lies within 31 bits of a real image's PDQ with odds far below 2^-100.
 */
import type { Store } from "../../store/index.js";
import type { ConfirmedHash } from "./review-types.js";

export async function caseHashes(store: Store, caseId: string): Promise<ConfirmedHash[]> {
  const found = new Map<string, ConfirmedHash>();
  const add = (hash: ConfirmedHash) => {
    const key = `${hash.signalType}:${hash.value}`;
    if (!found.has(key)) found.set(key, hash);
  };
  let after: string | undefined;
  do {
    const page = await store.reports.listByCase(caseId, after === undefined ? {} : { after });
    for (const report of page.items) {
      const hash = report.contentHash;
      if (hash === null) continue;
      if (hash.length === 32) add({ signalType: "md5", value: hash });
      else {
        add({ signalType: "pdq", value: hash });
        add({ signalType: "sha256", value: hash });
      }
    }
    after = page.next ?? undefined;
  } while (after !== undefined);
  for (const item of await store.cases.items(caseId)) {
    const scan = await store.scans.get(item.itemId);
    for (const signal of scan?.signals ?? []) {
      add({
        signalType: signal.signalType,
        value: signal.value,
        ...(signal.quality === null ? {} : { quality: signal.quality }),
      });
    }
  }
  return [...found.values()];
}
