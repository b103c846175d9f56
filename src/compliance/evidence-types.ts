/**
 * The evidence package's manifest: everything about one case that a court, a regulator or the
 * police may need to rely on, as plain JSON. Hashes and platform ids by default; the free text
 * people wrote (moderators' notes, appeal and report texts, item captions) and the sender's
 * personal data in notices are left out unless the operator asks (`redactions` lists what was).
 */
import type { AuditEvent } from "../store/index.js";
import type { AuditHead } from "./ports.js";
import type { NoticeBody, RedactedNotice } from "./notice-types.js";

export const EVIDENCE_FORMAT = "vigil-evidence/1";

export interface EvidenceManifest {
  readonly format: typeof EVIDENCE_FORMAT;
  readonly generatedAt: string;
  readonly generator: string;
  readonly case: {
    readonly id: string;
    readonly groupKey: string;
    readonly status: string;
    readonly severity: number;
    readonly reportCount: number;
    readonly itemCount: number;
    readonly lastDecision: string | null;
    readonly createdAt: string;
    readonly closedAt: string | null;
  };
  readonly items: readonly EvidenceItem[];
  readonly matches: readonly {
    readonly itemId: string;
    readonly bankId: string;
    readonly entryId: number;
    readonly signalType: string;
    readonly distance: number;
  }[];
  readonly evaluations: readonly {
    readonly itemId: string;
    readonly at: string;
    readonly policyVersion: number | null;
    readonly verdict: string;
    readonly fired: readonly {
      readonly ruleId: string;
      readonly version: number | null;
      readonly explanation: string;
    }[];
  }[];
  readonly decisions: readonly {
    readonly id: string;
    readonly decision: string;
    readonly reason: string;
    readonly moderatorId: string;
    readonly appealId: string | null;
    readonly addedEntryIds: readonly number[];
    readonly createdAt: string;
    readonly note?: string;
  }[];
  readonly appeals: readonly {
    readonly id: string;
    readonly status: string;
    readonly outcome: string | null;
    readonly decidedBy: string | null;
    readonly createdAt: string;
    readonly decidedAt: string | null;
    readonly appellant?: string;
    readonly text?: string;
  }[];
  readonly reports: readonly {
    readonly id: string;
    readonly reason: string;
    readonly contentRef: string;
    readonly contentHash: string | null;
    readonly createdAt: string;
    readonly reporter?: string;
    readonly text?: string;
  }[];
  readonly notices: readonly EvidenceNotice[];
  readonly audit: EvidenceAudit;
  /** Media bytes, only when the operator asked and the platform could still serve them. */
  readonly media: readonly EvidenceMedia[];
  /** What was left out of this package, in words. */
  readonly redactions: readonly string[];
}

export interface EvidenceItem {
  readonly id: string;
  readonly source: string;
  readonly platform: string | null;
  readonly channelId: string | null;
  readonly externalId: string | null;
  /** The uploader's platform id: who posted it is evidence, not the victim's data. */
  readonly authorId: string | null;
  readonly postedAt: string | null;
  readonly createdAt: string;
  readonly verdict: string | null;
  readonly reasons: readonly string[];
  readonly hashes: readonly {
    readonly type: string;
    readonly value: string;
    readonly quality: number | null;
  }[];
  readonly text?: string;
}

export type EvidenceNotice =
  | (RedactedNotice & { readonly id: string })
  | (NoticeBody & RedactedNotice & { readonly id: string });

export interface EvidenceAudit {
  /** The events about this case, its items, entries and notices. */
  readonly relevantIds: readonly number[];
  /** Runs of consecutive chained events that hold every relevant event, oldest first. */
  readonly segments: readonly { readonly events: readonly AuditEvent[] }[];
  /** The chain head when the package was made. */
  readonly head: AuditHead | null;
  /** The last segment runs up to that head, so the head pins every event in it. */
  readonly reachesHead: boolean;
}

export interface EvidenceMedia {
  readonly itemId: string;
  readonly mimeType: string | null;
  /** Hex SHA-256 of the bytes, checked on verify. */
  readonly sha256: string;
  readonly base64: string;
}

/** The signed archive: the manifest and an Ed25519 signature over its canonical form. */
export interface EvidenceEnvelope {
  readonly format: typeof EVIDENCE_FORMAT;
  readonly manifest: EvidenceManifest;
  readonly signature: { readonly alg: "Ed25519"; readonly keyId: string; readonly value: string };
}
