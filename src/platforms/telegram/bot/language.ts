/**
 * Which language a chat reads: Korean or English. Telegram does not say, so it is inferred from
 * what the bot sees — Hangul in the chat's title or its messages, and the members' app language
 * — and remembered per chat in this process. A chat never seen since start-up falls back to
 * the text at hand, then to the configured default.
 */
export type Language = "ko" | "en";

const HANGUL = /[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]/;

/** Chats remembered; the oldest is forgotten past this. */
const MAX_CHATS = 10_000;

export class ChatLanguages {
  private readonly votes = new Map<number, { ko: number; en: number }>();

  constructor(private readonly fallback: Language = "en") {}

  /** Counts one observation: a title or message text, and the sender's app language. */
  observe(chatId: number, text: string | undefined, languageCode?: string): void {
    const vote = this.votes.get(chatId) ?? { ko: 0, en: 0 };
    this.votes.delete(chatId);
    if (text !== undefined && HANGUL.test(text)) vote.ko += 2;
    else if (text !== undefined && /[A-Za-z]{3,}/.test(text)) vote.en += 1;
    if (languageCode?.toLowerCase().startsWith("ko")) vote.ko += 1;
    else if (languageCode) vote.en += 1;
    this.votes.set(chatId, vote);
    if (this.votes.size > MAX_CHATS) this.votes.delete(this.votes.keys().next().value!);
  }

  of(chatId: number, hint?: string | null): Language {
    const vote = this.votes.get(chatId);
    if (vote && vote.ko !== vote.en) return vote.ko > vote.en ? "ko" : "en";
    if (hint && HANGUL.test(hint)) return "ko";
    return this.fallback;
  }
}

export function languageOfUser(languageCode: string | undefined, fallback: Language): Language {
  if (!languageCode) return fallback;
  return languageCode.toLowerCase().startsWith("ko") ? "ko" : "en";
}
