/**
 * Telegram's report flow for messages (messages.report in layer 198, the installed GramJS's
 * schema): the first call, with no option, answers with a list of options to choose from; each
 * choice may lead to another list, then to a request for a comment, then to "reported". The options are texts Telegram
 * writes (in the client's language, English here), so a reason of ours is a list of patterns in
 * order of preference, tried at each step. A step with nothing that fits stops the walk: a
 * wrong category is worse than none, and the evidence records what was offered.
 */
import { Api } from "telegram";
import type { ReportOutcome, TelegramReportReason } from "../client.js";

/** One messages.report call: the option chosen so far (empty at first) and the comment. */
export type ReportCall = (option: Buffer, comment: string) => Promise<Api.TypeReportResult>;

const OTHER = /^other\b/i;
const ADULT = /illegal adult|adult content|porn|explicit/i;

// "Sexual" alone is left out on purpose: it also names "illegal sexual services".
export const OPTION_PREFERENCES: Readonly<Record<TelegramReportReason, readonly RegExp[]>> = {
  "child-abuse": [/child/i, /minor/i, ADULT, OTHER],
  "non-consensual-imagery": [
    /non.?consensual|without (?:their |my )?consent|intimate/i,
    ADULT,
    /personal (?:data|details|information)/i,
    OTHER,
  ],
  "personal-details": [/personal (?:data|details|information)|doxx/i, OTHER],
  other: [OTHER],
};

const MAX_STEPS = 6;
/** Telegram cuts longer comments; ours are one line of evidence. */
const MAX_COMMENT = 500;

export async function walkReportFlow(
  call: ReportCall,
  reason: TelegramReportReason,
  comment: string,
): Promise<ReportOutcome> {
  const path: string[] = [];
  let result = await call(Buffer.alloc(0), "");
  for (let step = 0; step < MAX_STEPS; step++) {
    if (result instanceof Api.ReportResultReported) return { status: "reported", path };
    if (result instanceof Api.ReportResultAddComment) {
      result = await call(result.option, comment.slice(0, MAX_COMMENT));
      continue;
    }
    if (!(result instanceof Api.ReportResultChooseOption)) break;
    const option = pickOption(result.options, reason);
    if (!option) return { status: "no-option", path };
    path.push(option.text);
    result = await call(option.option, "");
  }
  if (result instanceof Api.ReportResultReported) return { status: "reported", path };
  return { status: "no-option", path };
}

/** The first option matching the most preferred pattern, or undefined. */
export function pickOption(
  options: readonly Api.TypeMessageReportOption[],
  reason: TelegramReportReason,
): Api.MessageReportOption | undefined {
  for (const pattern of OPTION_PREFERENCES[reason]) {
    const found = options.find((option) => pattern.test(option.text));
    if (found) return found;
  }
  return undefined;
}
