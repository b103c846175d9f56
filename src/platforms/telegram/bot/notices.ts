/**
 * What the bot says, in Korean and English. Notices in a chat say that something was removed
 * and nothing else: no description of the content, no name, no reason that would point members
 * at the person shown (re-victimisation). Admin messages carry ids, not content.
 */
import type { Language } from "./language.js";

const TEXT = {
  removed: {
    ko: "이 방의 규칙에 어긋나는 메시지를 삭제했습니다.",
    en: "A message that broke this chat's rules was removed.",
  },
  removedBanned: {
    ko: "이 방의 규칙에 어긋나는 메시지를 삭제하고 보낸 사람을 내보냈습니다.",
    en: "A message that broke this chat's rules was removed and its sender was banned.",
  },
  reportThanks: {
    ko: "신고해 주셔서 감사합니다. 검토팀이 확인하겠습니다. 신고하신 분의 정보는 공개되지 않습니다.",
    en: "Thank you for your report. Our reviewers will look at it. Your identity is not shared.",
  },
  reportHowTo: {
    ko: "신고하려면 해당 메시지에 답장으로 /report 를 보내 주세요.",
    en: "To report a message, reply to it with /report.",
  },
} as const;

export type NoticeKey = keyof typeof TEXT;

export function notice(key: NoticeKey, language: Language): string {
  return TEXT[key][language];
}

/** For the admin chat: ids and the verdict, in the operators' language. */
export function adminTakedownText(input: {
  readonly verdict: string;
  readonly chatId: string;
  readonly messageId: string;
  readonly authorId: string | null;
  readonly itemId: string;
  readonly reasons: readonly string[];
}): string {
  return [
    `Vigil: ${input.verdict} in chat ${input.chatId}, message ${input.messageId}` +
      (input.authorId ? `, sender ${input.authorId}` : ""),
    `item ${input.itemId}`,
    ...input.reasons.slice(0, 3).map((reason) => `• ${reason}`),
  ].join("\n");
}

export function adminCaseText(input: {
  readonly caseId: string;
  readonly severity: number;
  readonly reportCount: number;
  readonly messages: readonly string[];
}): string {
  return [
    `Vigil: case ${input.caseId} needs review (severity ${input.severity}, ` +
      `${input.reportCount} report${input.reportCount === 1 ? "" : "s"})`,
    ...input.messages.slice(0, 5).map((ref) => `• ${ref}`),
  ].join("\n");
}

export function adminDecidedText(caseId: string, decision: string, moderatorId: string): string {
  return `Vigil: case ${caseId} decided: ${decision} (moderator ${moderatorId})`;
}

export const BUTTON_REFUSALS = {
  unmapped: "You are not mapped to a Vigil moderator account.",
  disabled: "Your Vigil moderator account is disabled.",
  wrongChat: "Decisions are taken in the admin chat only.",
  closed: "This case is already decided.",
  invalid: "This button is no longer valid.",
  failed: "The decision could not be recorded; try again.",
} as const;
