/**
 * acceptNotice: a notice's body in, the notice as Vigil keeps it out — read (refused only when
 * malformed), its missing elements listed, its clock set. The store gives it an id and links it
 * to the content's case (phase 2: docs/COMPLIANCE.md).
 */
import type { DeadlineRules } from "./deadline-rules.js";
import { deadlineFor } from "./deadline.js";
import { missingElements } from "./notice-elements.js";
import { parseNotice } from "./notice-parse.js";
import type { AcceptedNotice, RedactedNotice } from "./notice-types.js";

export interface AcceptNoticeOptions {
  /** When it reached us: the clock starts here. */
  readonly receivedAt: Date;
  /** The deadline rules in force (default: the shipped ones). */
  readonly rules?: DeadlineRules;
}

export function acceptNotice(body: unknown, options: AcceptNoticeOptions): AcceptedNotice {
  const notice = parseNotice(body);
  const missing = Object.freeze(missingElements(notice));
  const complete = missing.length === 0;
  const deadline = deadlineFor(
    { ...notice, receivedAt: options.receivedAt, complete },
    options.rules,
  );
  return Object.freeze({
    ...notice,
    receivedAt: options.receivedAt.toISOString(),
    status: complete ? "complete" : "incomplete",
    missing,
    deadline,
  });
}

/** The notice without the sender's signature, contact details and statement. */
export function redactNotice(notice: AcceptedNotice): RedactedNotice {
  return Object.freeze({
    jurisdiction: notice.jurisdiction,
    kind: notice.kind,
    reason: notice.reason,
    submitterRole: notice.submitterRole,
    trustedFlagger: notice.trustedFlagger,
    content: notice.content,
    receivedAt: notice.receivedAt,
    status: notice.status,
    missing: notice.missing,
    deadline: notice.deadline,
    reference: notice.reference,
    hasSignature: notice.signature !== null,
    hasStatement: notice.statement !== null,
    hasContact: notice.contact !== null,
  });
}
