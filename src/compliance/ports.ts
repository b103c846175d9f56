/**
 * The ports compliance needs from the rest of Vigil. Each is the small slice it uses, typed
 * with the store's own types; the store implements them in phase 2 (docs/COMPLIANCE.md), on
 * both backends. Tests here use plain in-memory implementations: the logic they exercise is
 * compliance's, not the store's.
 */
import type {
  Appeal,
  AuditEvent,
  CaseItem,
  Decision,
  EvaluationRecord,
  IngestedRecord,
  Report,
  ReviewCase,
} from "../store/index.js";
import type { AcceptedNotice } from "./notice-types.js";

/** Which statements of reasons the Transparency Database already has: a puid is sent once. */
export interface SubmissionLedger {
  /** The puids among these already recorded as in the database. */
  sent(puids: readonly string[]): Promise<ReadonlySet<string>>;
  /** Records puids as in the database; recording a puid again keeps the first record. */
  record(entries: readonly SubmissionRecord[]): Promise<void>;
}

export interface SubmissionRecord {
  readonly puid: string;
  /** `created`: our call got 201. `already-present`: the API said the puid was taken. */
  readonly outcome: "created" | "already-present";
  /** The database's uuid for the statement, when it gave one. */
  readonly uuid: string | null;
  readonly at: string;
}

/** A notice as stored: the accepted notice with its id and the case it joined. */
export interface StoredNotice extends AcceptedNotice {
  readonly id: string;
  readonly caseId: string | null;
}

/** The chain head: the last chained audit event. */
export interface AuditHead {
  readonly id: number;
  readonly hash: string;
}

/** The reads an evidence package is made from. */
export interface ComplianceRecords {
  getCase(id: string): Promise<ReviewCase | null>;
  caseItems(caseId: string): Promise<readonly CaseItem[]>;
  getItem(id: string): Promise<IngestedRecord | null>;
  evaluation(itemId: string): Promise<EvaluationRecord | null>;
  decisions(caseId: string): Promise<readonly Decision[]>;
  appeals(caseId: string): Promise<readonly Appeal[]>;
  reports(caseId: string): Promise<readonly Report[]>;
  notices(caseId: string): Promise<readonly StoredNotice[]>;
  /** Events about any of these subjects (`case`/id, `item`/id, `notice`/id), oldest first. */
  auditEventsAbout(subjects: readonly AuditSubject[]): Promise<readonly AuditEvent[]>;
  /** The chained events with `fromId <= id <= toId`, in id order, at most `limit`. */
  auditRange(fromId: number, toId: number, limit: number): Promise<readonly AuditEvent[]>;
  auditHead(): Promise<AuditHead | null>;
}

export interface AuditSubject {
  readonly type: string;
  readonly id: string;
}
