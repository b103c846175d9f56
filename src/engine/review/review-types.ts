/**
 * The review service's ports and inputs. The confirmed bank is a port: the engine decides what
 * to add and withdraw; the server owns the bank (and so the matcher and the audit of its entries).
 */
import type {
  CaseDecision,
  ModeratorRole,
  PolicyReason,
  SignalType,
  Store,
} from "../../store/index.js";
import type { EventSink } from "../shared/index.js";

export interface ConfirmedHash {
  readonly signalType: SignalType;
  readonly value: string;
  readonly quality?: number;
}

/** Where hashes of confirmed NCII and deepfakes go, so re-uploads are blocked everywhere. */
export interface ConfirmedHashes {
  /** Adds the hashes for the case; returns the entry ids holding them, in input order. */
  add(input: {
    caseId: string;
    reason: string;
    hashes: readonly ConfirmedHash[];
  }): Promise<number[]>;
  /** Withdraws the entries this case added (an overturned appeal). */
  withdraw(entryIds: readonly number[], caseId: string): Promise<void>;
}

/** Who acts: a moderator account's id and role. */
export interface ReviewActor {
  readonly id: string;
  readonly role: ModeratorRole;
}

export interface DecideInput {
  readonly decision: CaseDecision;
  readonly reason: PolicyReason;
  readonly note?: string;
}

export interface AppealInput {
  /** The content's author, as the platform names them. */
  readonly appellant: string;
  readonly text?: string;
}

export interface AppealDecisionInput {
  readonly outcome: "uphold" | "overturn";
  readonly note?: string;
}

export interface ReviewServiceOptions {
  readonly store: Store;
  readonly events: EventSink;
  readonly confirmed: ConfirmedHashes;
  /** How long a claim lasts before the case returns to the queue (default 15 minutes). */
  readonly leaseMs?: number;
  readonly clock?: () => Date;
}

/**
 * Reasons whose `remove` decisions confirm the content as intimate imagery shared without
 * consent: its hashes go to the confirmed bank. Data, so the list is read in one place.
 */
export const CONFIRMING_REASONS: readonly PolicyReason[] = ["ncii", "deepfake"];
export const REMOVING_DECISIONS: readonly CaseDecision[] = ["remove", "remove_and_ban"];
