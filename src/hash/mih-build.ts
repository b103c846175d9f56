import { VigilError } from "../core/index.js";
import { IndexTable } from "./index-table.js";
import { packSlots, SLOTS } from "./mih-bits.js";
import { MihSegment } from "./mih-segment.js";

/**
 * The bulk path into an index: a bank's whole hash list at start-up. It copies the input into
 * the index's own packed form (no per-entry objects, no subarray per hash) and builds the id table
 * that duplicate detection needs anyway, handing it to the segment so that the first add or
 * remove does not have to build it again.
 */
export function buildSegment(ids: Uint32Array, hashes: Uint16Array): MihSegment {
  if (hashes.length !== ids.length * 16) {
    throw new VigilError("hash/invalid-argument", "Expected 16 hash words for every id.", {
      ids: ids.length,
      words: hashes.length,
    });
  }
  const own = ids.slice();
  const byId = new IndexTable((e) => own[e]!, own.length);
  const dropped = new Uint8Array(own.length);
  let drops = 0;
  for (let e = 0; e < own.length; e++) {
    const id = own[e]!;
    const earlier = byId.find(id, (x) => own[x] === id && dropped[x] === 0);
    if (earlier >= 0) {
      dropped[earlier] = 1;
      drops++;
    }
    byId.insert(e);
  }
  if (drops === 0) return MihSegment.build(own, packAll(hashes, own.length), byId);
  // Rare: the same id more than once. Keep the last of each, in input order.
  const n = own.length - drops;
  const keptIds = new Uint32Array(n);
  const slots = new Uint32Array(n * SLOTS);
  for (let e = 0, i = 0; e < own.length; e++) {
    if (dropped[e] === 1) continue;
    keptIds[i] = own[e]!;
    packSlots(hashes, slots, i * SLOTS, e * 16);
    i++;
  }
  return MihSegment.build(keptIds, slots);
}

function packAll(hashes: Uint16Array, n: number): Uint32Array {
  const slots = new Uint32Array(n * SLOTS);
  for (let e = 0; e < n; e++) packSlots(hashes, slots, e * SLOTS, e * 16);
  return slots;
}
