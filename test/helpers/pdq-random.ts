/**
 * Seeded random PDQ hashes for the index tests: uniform hashes, and near-duplicates planted at an
 * exact distance — either at random bits, or spread as evenly as possible over the 8 slots and
 * their halves, which is the boundary case of the multi-index pigeonhole argument.
 */
export type Random = () => number;

/** xorshift32: a uint32 per call, the same sequence for the same seed. */
export function seeded(seed: number): Random {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>>= 0);
  };
}

export function randomHash(next: Random): Uint16Array {
  const hash = new Uint16Array(16);
  for (let w = 0; w < 16; w++) hash[w] = next() & 0xffff;
  return hash;
}

/** A copy of `hash` with `count` distinct bits flipped at random positions. */
export function flipRandomBits(hash: Uint16Array, count: number, next: Random): Uint16Array {
  const bits = Array.from({ length: 256 }, (_, i) => i);
  const out = hash.slice();
  for (let i = 0; i < count; i++) {
    const j = i + (next() % (256 - i));
    [bits[i], bits[j]] = [bits[j]!, bits[i]!];
    out[bits[i]! >>> 4]! ^= 1 << (bits[i]! & 15);
  }
  return out;
}

/** A copy with `count` bits flipped, spread evenly over slots and, within a slot, over its halves. */
export function flipSpreadBits(hash: Uint16Array, count: number, next: Random): Uint16Array {
  const out = hash.slice();
  const slotOrder = shuffled(8, next);
  for (let i = 0; i < 8; i++) {
    const inSlot = Math.floor(count / 8) + (i < count % 8 ? 1 : 0);
    const lowFirst = (next() & 1) === 0;
    const low = lowFirst ? Math.ceil(inSlot / 2) : Math.floor(inSlot / 2);
    const slot = slotOrder[i]!;
    flipInWord(out, 2 * slot, low, next);
    flipInWord(out, 2 * slot + 1, inSlot - low, next);
  }
  return out;
}

function flipInWord(hash: Uint16Array, word: number, count: number, next: Random): void {
  const positions = shuffled(16, next);
  for (let i = 0; i < count; i++) hash[word]! ^= 1 << positions[i]!;
}

function shuffled(n: number, next: Random): number[] {
  const a = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = next() % (i + 1);
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}
