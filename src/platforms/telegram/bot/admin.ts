/**
 * The admin chat's buttons: a case card carries remove / remove + ban / no violation; a press
 * records the decision through the ReviewService exactly as the console does, as the moderator
 * account the pressing Telegram user is mapped to. Anyone unmapped, disabled, or pressing outside
 * the admin chat gets a refusal in the button's answer and nothing is recorded.
 */
import { VigilError } from "../../../core/index.js";
import type { ReviewService } from "../../../engine/index.js";
import {
  REPORT_SEVERITY,
  type CaseDecision,
  type PolicyReason,
  type Store,
} from "../../../store/index.js";
import type { TelegramApi } from "./api.js";
import { BUTTON_REFUSALS } from "./notices.js";
import type { TelegramButton } from "./update.js";

const CODES: Readonly<Record<string, CaseDecision>> = {
  r: "remove",
  rb: "remove_and_ban",
  nv: "no_violation",
};

/** Callback data is at most 64 bytes: `v:rb:` and a 36-character case id fit. */
export function buttonData(decision: "r" | "rb" | "nv", caseId: string): string {
  return `v:${decision}:${caseId}`;
}

export function caseKeyboard(caseId: string) {
  return {
    inline_keyboard: [
      [
        { text: "Remove", callback_data: buttonData("r", caseId) },
        { text: "Remove + ban", callback_data: buttonData("rb", caseId) },
        { text: "No violation", callback_data: buttonData("nv", caseId) },
      ],
    ],
  };
}

export interface ButtonDeps {
  readonly store: Store;
  readonly review: ReviewService;
  readonly telegram: TelegramApi;
  readonly adminChatId: number | undefined;
  /** Telegram user id → moderator account id. */
  readonly admins: ReadonlyMap<number, string>;
}

export async function pressButton(button: TelegramButton, deps: ButtonDeps): Promise<string> {
  const answer = await decideFromButton(button, deps);
  await deps.telegram.api.answerCallbackQuery(button.queryId, { text: answer });
  return answer;
}

async function decideFromButton(button: TelegramButton, deps: ButtonDeps): Promise<string> {
  const parsed = /^v:(r|rb|nv):([0-9a-f-]{1,64})$/.exec(button.data);
  if (!parsed) return BUTTON_REFUSALS.invalid;
  if (deps.adminChatId === undefined || button.chatId !== deps.adminChatId) {
    return BUTTON_REFUSALS.wrongChat;
  }
  const moderatorId = deps.admins.get(button.fromId);
  if (!moderatorId) return BUTTON_REFUSALS.unmapped;
  const moderator = await deps.store.moderators.get(moderatorId);
  if (!moderator) return BUTTON_REFUSALS.unmapped;
  if (moderator.disabledAt !== null) return BUTTON_REFUSALS.disabled;
  const decision = CODES[parsed[1]!]!;
  const caseId = parsed[2]!;
  const actor = { id: moderator.id, role: moderator.role };
  try {
    // A moderator decides a case they hold; the press is the claim. Leads may decide directly.
    if (actor.role === "moderator") await deps.review.claim(caseId, actor);
    await deps.review.decide(caseId, actor, {
      decision,
      reason: decision === "no_violation" ? "other" : await strongestReason(deps.store, caseId),
      note: `decided from the Telegram admin chat by user ${button.fromId}`,
    });
  } catch (error) {
    if (
      error instanceof VigilError &&
      (error.code === "store/conflict" || error.code === "store/not-found")
    ) {
      return BUTTON_REFUSALS.closed;
    }
    if (error instanceof VigilError && error.code === "review/appeal-open")
      return BUTTON_REFUSALS.closed;
    throw error;
  }
  return `Recorded: ${decision}`;
}

/** The most severe reason the reporters gave; a case no one reported came from a bank of NCII. */
async function strongestReason(store: Store, caseId: string): Promise<PolicyReason> {
  const reports = await store.reports.listByCase(caseId, { limit: 500 });
  let best: PolicyReason = "ncii";
  let severity = 0;
  for (const report of reports.items) {
    if (REPORT_SEVERITY[report.reason] > severity) {
      severity = REPORT_SEVERITY[report.reason];
      best = report.reason;
    }
  }
  return best;
}
