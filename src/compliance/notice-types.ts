/**
 * A removal notice as Vigil keeps it, after its body was read (notice-parse.ts) and its elements
 * and clock assessed (notice.ts). The signature, contact details and statement are personal
 * data of the person asking: they stay with the notice, and never travel into statements of
 * reasons, audit details, webhooks or (unless asked) evidence packages — `redactNotice` is the
 * form that does travel.
 */
import type { Deadline } from "./deadline.js";
import type { NoticeKind, SubmitterRole } from "./notice-kinds.js";

export interface PlatformRef {
  readonly platform: string;
  readonly channelId: string | null;
  /** The platform's id of the message or post. */
  readonly externalId: string;
}

export interface NoticeHashes {
  /** Lower-case hex, 64 characters. */
  readonly pdq: readonly string[];
  readonly md5: readonly string[];
  readonly sha256: readonly string[];
}

/** What the notice asks to take down: URLs, platform ids and/or hashes (at least one). */
export interface NoticeContent {
  readonly urls: readonly string[];
  readonly platformIds: readonly PlatformRef[];
  readonly hashes: NoticeHashes;
}

export interface NoticeSignature {
  /** A typed name or a drawn signature is electronic; a signed paper form, scanned, physical. */
  readonly type: "electronic" | "physical";
  readonly value: string;
}

export interface NoticeContact {
  readonly name: string | null;
  readonly email: string | null;
  readonly phone: string | null;
  readonly address: string | null;
}

/** What the notice alleges, in the reasons decisions use (docs/REVIEW.md). */
export const NOTICE_REASONS = ["ncii", "deepfake", "minor", "other"] as const;
export type NoticeReason = (typeof NOTICE_REASONS)[number];

export interface NoticeBody {
  /** ISO 3166-1 alpha-2 (`US`, `KR`, `DE`) or `EU`. */
  readonly jurisdiction: string;
  readonly kind: NoticeKind;
  readonly content: NoticeContent;
  readonly reason: NoticeReason;
  readonly statement: string | null;
  readonly signature: NoticeSignature | null;
  readonly contact: NoticeContact | null;
  readonly submitterRole: SubmitterRole;
  /** A DSA art. 22 trusted flagger sent it. */
  readonly trustedFlagger: boolean;
  /** DSA art. 16(2)(d): the sender confirmed a bona fide belief that the notice is accurate. */
  readonly goodFaith: boolean;
  /** The regulator's or police's own reference number for the request. */
  readonly reference: string | null;
}

/** The elements a law asks a notice to carry (notice-elements.ts says which law asks which). */
export const NOTICE_ELEMENTS = [
  "signature",
  "good-faith-statement",
  "contact",
  "location",
  "explanation",
  "good-faith-confirmation",
  "reference",
] as const;
export type NoticeElement = (typeof NOTICE_ELEMENTS)[number];

export interface AcceptedNotice extends NoticeBody {
  /** ISO 8601, UTC. */
  readonly receivedAt: string;
  /** `incomplete` notices are accepted and worked; `missing` says what the sender should add. */
  readonly status: "complete" | "incomplete";
  readonly missing: readonly NoticeElement[];
  readonly deadline: Deadline;
}

/** A notice without the sender's personal data: what audit details and evidence carry. */
export interface RedactedNotice {
  readonly jurisdiction: string;
  readonly kind: NoticeKind;
  readonly reason: NoticeReason;
  readonly submitterRole: SubmitterRole;
  readonly trustedFlagger: boolean;
  readonly content: NoticeContent;
  readonly receivedAt: string;
  readonly status: "complete" | "incomplete";
  readonly missing: readonly NoticeElement[];
  readonly deadline: Deadline;
  readonly reference: string | null;
  readonly hasSignature: boolean;
  readonly hasStatement: boolean;
  readonly hasContact: boolean;
}
