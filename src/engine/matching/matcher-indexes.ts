/**
 * The matcher's state: banks, the entry table and the four indexes, with the operations that
 * keep them consistent. Internal to the engine; `BankMatcher` is the public face.
 *
 * Per entry beyond the indexes: one IdTable slot (entry id → bank number and kind, about 12–18
 * bytes), and its labels only when it has any. Banks are referred to by number, so ten million
 * entries hold no strings.
 */
import { DigestSet, MihIndex } from "../../hash/index.js";
import { BankRegistry, type BankSlot } from "./bank-registry.js";
import { SIGNAL_BY_CODE, SIGNAL_CODE, type ParsedEntry } from "./entry-check.js";
import { IdTable } from "./id-table.js";
import { VideoIndex } from "./video-index.js";

export class MatcherIndexes {
  readonly banks = new BankRegistry();
  /** Entry id → (bank number << 2) | signal code. */
  readonly entries = new IdTable();
  readonly labels = new Map<number, readonly string[]>();
  /** Replaced wholesale by the bulk load. */
  pdq = new MihIndex();
  readonly md5 = new DigestSet("md5");
  readonly sha256 = new DigestSet("sha256");
  readonly video = new VideoIndex();

  get byteLength(): number {
    const digests = this.md5.byteLength + this.sha256.byteLength;
    return this.entries.byteLength + this.pdq.byteLength + digests + this.video.byteLength;
  }

  slotOf(id: number): BankSlot | undefined {
    const packed = this.entries.get(id);
    return packed === undefined ? undefined : this.banks.byNumber(packed >>> 2);
  }

  /** Records the entry's bank and kind, without touching the search indexes (bulk load). */
  register(entry: ParsedEntry): void {
    this.entries.set(entry.id, ((entry.slot.number << 2) | SIGNAL_CODE[entry.type]) >>> 0);
    if (entry.labels.length > 0) this.labels.set(entry.id, entry.labels);
  }

  insert(entry: ParsedEntry): void {
    this.register(entry);
    if (entry.type === "pdq") this.pdq.add(entry.id, entry.hash);
    else if (entry.type === "video") this.video.add(entry.id, entry.features);
    else (entry.type === "md5" ? this.md5 : this.sha256).add(entry.id, entry.hex);
  }

  remove(id: number): boolean {
    const packed = this.entries.get(id);
    if (packed === undefined) return false;
    const type = SIGNAL_BY_CODE[packed & 3]!;
    if (type === "pdq") this.pdq.remove(id);
    else if (type === "md5") this.md5.remove(id);
    else if (type === "sha256") this.sha256.remove(id);
    else this.video.remove(id);
    this.entries.delete(id);
    this.labels.delete(id);
    return true;
  }

  /** The ids of every entry of one bank (a scan of the entry table: bank removal is rare). */
  idsOfBank(number: number): number[] {
    const ids: number[] = [];
    this.entries.forEach((id, packed) => {
      if (packed >>> 2 === number) ids.push(id);
    });
    return ids;
  }
}
