/**
 * In-memory implementations of the monitor's storage ports (watch list, sealed session,
 * evidence) and a recording IngestPort, for the monitor's tests. Phase 2 backs the same ports
 * with the store; these keep the ports' contracts (one entry per username, cursors that only
 * move forward, first writer wins) so the tests hold the real code to them.
 */
import { VigilError } from "../../src/core/index.js";
import type {
  EvidenceRecord,
  EvidenceStore,
  IngestPort,
  MonitorChannel,
  MonitorEvidence,
  MonitorIngestInput,
  NewWatchedChannel,
  ReportRecord,
  SessionSecretStore,
  SignedInAccount,
  WatchedChannel,
  WatchListStore,
} from "../../src/platforms/telegram/monitor/index.js";

export class MemoryWatchList implements WatchListStore {
  private readonly entries: WatchedChannel[] = [];
  private nextId = 1;

  async list(): Promise<readonly WatchedChannel[]> {
    return this.entries.map((entry) => ({ ...entry }));
  }

  async add(input: NewWatchedChannel) {
    const found = this.entries.find((entry) => entry.username === input.username);
    if (found) {
      this.update(found.id, { active: true });
      return { entry: this.get(found.id), created: false };
    }
    const entry: WatchedChannel = {
      id: `w${this.nextId++}`,
      username: input.username,
      addedBy: input.addedBy,
      addedAt: new Date(0).toISOString(),
      note: input.note,
      active: true,
      channel: null,
      cursor: null,
    };
    this.entries.push(entry);
    return { entry, created: true };
  }

  async resolved(id: string, channel: MonitorChannel): Promise<void> {
    this.update(id, { channel });
  }

  async advance(id: string, cursor: number): Promise<void> {
    const entry = this.get(id);
    if (entry.cursor === null || cursor > entry.cursor) this.update(id, { cursor });
  }

  async setActive(id: string, active: boolean): Promise<void> {
    this.update(id, { active });
  }

  get(id: string): WatchedChannel {
    const entry = this.entries.find((candidate) => candidate.id === id);
    if (!entry) throw new Error(`no entry ${id}`);
    return entry;
  }

  private update(id: string, change: Partial<WatchedChannel>): void {
    const at = this.entries.findIndex((entry) => entry.id === id);
    this.entries[at] = { ...this.entries[at]!, ...change };
  }
}

/** Records what was accepted; bytes starting with 0xBA stand for media that does not decode. */
export class RecordingIngest implements IngestPort {
  readonly accepted: MonitorIngestInput[] = [];
  private readonly keys = new Map<string, string>();
  /** Fail the next accepts with this error (a database outage). */
  failNext: Error | null = null;

  async seen(key: string): Promise<boolean> {
    return this.keys.has(key);
  }

  async accept(input: MonitorIngestInput) {
    if (this.failNext) {
      const error = this.failNext;
      this.failNext = null;
      throw error;
    }
    if (input.media.some((part) => part.bytes[0] === 0xba)) {
      throw new VigilError("media/corrupt", "The image could not be decoded.");
    }
    const known = this.keys.get(input.idempotencyKey);
    if (known) return { itemId: known, duplicate: true };
    const itemId = `item-${this.keys.size + 1}`;
    this.keys.set(input.idempotencyKey, itemId);
    this.accepted.push(input);
    return { itemId, duplicate: false };
  }

  keysAccepted(): string[] {
    return this.accepted.map((input) => input.idempotencyKey);
  }
}

export class MemorySessionStore implements SessionSecretStore {
  stored: { envelope: string; account: SignedInAccount } | null = null;

  async load() {
    return this.stored;
  }

  async save(envelope: string, account: SignedInAccount): Promise<void> {
    this.stored = { envelope, account };
  }

  async clear(): Promise<void> {
    this.stored = null;
  }
}

export class MemoryEvidence implements EvidenceStore {
  readonly records = new Map<string, EvidenceRecord>();
  readonly media = new Map<string, { bytes: Uint8Array; mimeType: string | null }>();

  async save(evidence: MonitorEvidence) {
    const found = this.records.get(evidence.key);
    if (found) return { record: found, created: false };
    const record: EvidenceRecord = { ...evidence, report: null, mediaKept: false };
    this.records.set(evidence.key, record);
    return { record, created: true };
  }

  async recordReport(key: string, report: ReportRecord): Promise<void> {
    const record = this.records.get(key)!;
    this.records.set(key, { ...record, report });
  }

  async keepMedia(key: string, bytes: Uint8Array, mimeType: string | null): Promise<void> {
    this.media.set(key, { bytes, mimeType });
    this.records.set(key, { ...this.records.get(key)!, mediaKept: true });
  }

  async get(key: string): Promise<EvidenceRecord | null> {
    return this.records.get(key) ?? null;
  }
}
