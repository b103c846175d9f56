/**
 * The kinds of removal notice Vigil knows, and who may send one. A kind names the law the notice
 * is sent under, which decides its clock (deadlines.json) and what it must contain
 * (notice-elements.ts).
 */

export const NOTICE_KINDS = [
  /** US TAKE IT DOWN Act, sec. 3: a victim's (or representative's) request, 48 hours. */
  "take-it-down",
  /** Korea: a deletion or correction request of the Korea Communications Standards Commission. */
  "kcsc",
  /** EU Digital Services Act, art. 16: a notice of illegal content. */
  "dsa",
  /** Any other request to take content down. */
  "general",
] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

export const SUBMITTER_ROLES = ["victim", "representative", "regulator", "police"] as const;
export type SubmitterRole = (typeof SUBMITTER_ROLES)[number];
