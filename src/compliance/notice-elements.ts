/**
 * What each kind of notice must carry, as its law words it, and which of those a notice lacks.
 * A notice missing an element is accepted as `incomplete` with the list: the sender is told what
 * to add, and the team works it meanwhile (for TAKE IT DOWN the statutory clock starts only once
 * the request is valid — deadline.ts).
 */
import type { NoticeKind } from "./notice-kinds.js";
import type { NoticeBody, NoticeElement } from "./notice-types.js";

/**
 * - take-it-down: 47 U.S.C. 223a(a)(1)(B) — a physical or electronic signature (i), the content
 *   and where to find it (ii; a notice without content is refused outright), a brief good-faith
 *   statement that the depiction is not consensual (iii), contact information (iv).
 * - dsa: Regulation (EU) 2022/2065 art. 16(2) — an explanation why the content is illegal (a),
 *   its exact electronic location (b), the sender's name and email (c; not for notices of child
 *   sexual abuse offences), a confirmation of good faith (d).
 * - kcsc: the Commission's request carries its own reference number and where the content is.
 * - general: nothing beyond the content itself.
 */
export const REQUIRED_ELEMENTS: Readonly<Record<NoticeKind, readonly NoticeElement[]>> = {
  "take-it-down": ["signature", "good-faith-statement", "contact"],
  dsa: ["explanation", "location", "contact", "good-faith-confirmation"],
  kcsc: ["reference", "location"],
  general: [],
};

export function missingElements(notice: NoticeBody): NoticeElement[] {
  return REQUIRED_ELEMENTS[notice.kind].filter((element) => !has(notice, element));
}

function has(notice: NoticeBody, element: NoticeElement): boolean {
  switch (element) {
    case "signature":
      return notice.signature !== null;
    case "good-faith-statement":
    case "explanation":
      return notice.statement !== null;
    case "contact":
      return notice.kind === "dsa" ? hasDsaContact(notice) : hasAnyContact(notice);
    case "location":
      // An exact electronic location: a URL or the platform's own id. A hash finds copies,
      // but does not say where the notified one is.
      return notice.content.urls.length > 0 || notice.content.platformIds.length > 0;
    case "good-faith-confirmation":
      return notice.goodFaith;
    case "reference":
      return notice.reference !== null;
  }
}

function hasAnyContact(notice: NoticeBody): boolean {
  const c = notice.contact;
  return c !== null && (c.email !== null || c.phone !== null || c.address !== null);
}

/** Art. 16(2)(c) asks for name and email, and exempts notices of child sexual abuse. */
function hasDsaContact(notice: NoticeBody): boolean {
  if (notice.reason === "minor") return true;
  return notice.contact !== null && notice.contact.name !== null && notice.contact.email !== null;
}
