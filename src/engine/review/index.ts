/**
 * engine/review — people deciding: ReviewService (claims under a lease, decisions with reasons,
 * appeals decided by someone else), the confirmed bank a confirmed NCII decision feeds, the
 * victim portal's cases (hashes into `victim-submissions`, a PIN kept as a slow hash, lockout),
 * and the slow hashes for what people type (moderators' passwords, victims' PINs).
 *
 * It must never keep an image (a victim sends hashes only), never talk HTTP, and never take a
 * platform action itself: decisions become events that actions and platforms carry out.
 */
export { ConfirmedBank } from "./confirmed-bank.js";
export {
  generatePassword,
  hashSecretSlowly,
  secretMatchesSlowHash,
  spendCheckTime,
} from "./passwords.js";
export { ReviewService } from "./review.js";
export type { AppealDecisionInput, AppealInput, DecideInput, ReviewActor } from "./review-types.js";
export { VictimCaseService, type NewVictimSubmission } from "./victim-cases.js";
