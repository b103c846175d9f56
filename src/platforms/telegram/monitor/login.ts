/**
 * The first sign-in of the analyst account, as a function `vigil monitor login` calls: the phone
 * number, the code Telegram sends to the account's app, and the two-step password when the
 * account has one, each asked through an injected prompt; then the session sealed into the vault.
 *
 * Secrets go from the prompt to Telegram and nowhere else: what this tells the person, returns
 * or throws names the account (id, username) and Telegram's error names, never the phone number,
 * the code, the password or the session.
 */
import { MonitorError } from "./errors.js";
import type { SessionVault, SignedInAccount } from "./session-vault.js";

export type LoginQuestion =
  | { readonly kind: "phone" }
  /** `viaApp`: the code went to the account's Telegram app, not by SMS. */
  | { readonly kind: "code"; readonly viaApp: boolean }
  | { readonly kind: "password"; readonly hint: string | null };

export interface LoginPrompt {
  /** Asks the person; a password question should not echo what is typed. */
  ask(question: LoginQuestion): Promise<string>;
  /** A line for the person (never holds a secret). */
  tell(message: string): void;
}

/** What GramJS's sign-in calls back for; gramjs/connect.ts adapts TelegramClient.start. */
export interface SignInSteps {
  phone(): Promise<string>;
  code(viaApp: boolean): Promise<string>;
  password(hint: string | null): Promise<string>;
  /** Telegram refused a step (its error name); true stops the sign-in. */
  failed(errorName: string): Promise<boolean>;
}

export interface LoginClient {
  signIn(steps: SignInSteps): Promise<{
    readonly session: string;
    readonly account: SignedInAccount & { readonly bot: boolean };
  }>;
}

export interface LoginOptions {
  readonly client: LoginClient;
  readonly prompt: LoginPrompt;
  readonly vault: SessionVault;
  /** Wrong answers allowed before giving up (default 3). */
  readonly maxAttempts?: number;
}

// Telegram's answers that no retry fixes.
const FATAL = new Set([
  "PHONE_NUMBER_INVALID",
  "PHONE_NUMBER_BANNED",
  "PHONE_NUMBER_FLOOD",
  "PHONE_CODE_EXPIRED",
  "FLOOD_WAIT",
  "API_ID_INVALID",
  "API_ID_PUBLISHED_FLOOD",
]);

const EXPLAINED: Readonly<Record<string, string>> = {
  PHONE_CODE_INVALID: "That code is not the one Telegram sent. Try again.",
  PHONE_CODE_EMPTY: "The code is empty. Try again.",
  PASSWORD_HASH_INVALID: "That two-step password is wrong. Try again.",
  PHONE_NUMBER_INVALID: "Telegram does not know that phone number.",
  PHONE_NUMBER_BANNED: "Telegram has banned that phone number.",
  PHONE_CODE_EXPIRED: "The code expired. Run the login again.",
  FLOOD_WAIT: "Telegram asks to wait before trying again. Run the login later.",
  API_ID_INVALID: "VIGIL_MONITOR_API_ID and VIGIL_MONITOR_API_HASH do not match an application.",
};

export async function monitorLogin(options: LoginOptions): Promise<SignedInAccount> {
  const { prompt } = options;
  const maxAttempts = options.maxAttempts ?? 3;
  let failures = 0;
  let stoppedBy: string | null = null;
  const steps: SignInSteps = {
    phone: () => askValid(prompt, { kind: "phone" }, phoneNumber, maxAttempts),
    code: (viaApp) => askValid(prompt, { kind: "code", viaApp }, loginCode, maxAttempts),
    password: async (hint) => {
      const answer = await prompt.ask({ kind: "password", hint });
      if (answer.length === 0) throw new MonitorError("invalid", "The password is empty.");
      return answer;
    },
    failed: async (errorName) => {
      failures++;
      prompt.tell(EXPLAINED[errorName] ?? `Telegram refused the sign-in (${safeName(errorName)}).`);
      const stop = FATAL.has(errorName) || failures >= maxAttempts;
      if (stop) stoppedBy = safeName(errorName);
      return stop;
    },
  };
  let result;
  try {
    result = await options.client.signIn(steps);
  } catch (error) {
    if (error instanceof MonitorError) throw error;
    const reason = stoppedBy ?? "the sign-in did not finish";
    throw new MonitorError("unauthorized", `Sign-in stopped: ${reason}.`);
  }
  if (result.account.bot) {
    // A bot cannot read channels it is not in: the monitor needs a person's (the analyst) account.
    throw new MonitorError("invalid", "That is a bot account; sign in with the analyst's account.");
  }
  const account = { id: result.account.id, username: result.account.username };
  await options.vault.write(result.session, account);
  prompt.tell(
    `Signed in as ${account.username ? `@${account.username}` : "the account"} (id ${account.id}); the session is stored sealed.`,
  );
  return account;
}

async function askValid(
  prompt: LoginPrompt,
  question: LoginQuestion,
  normalise: (answer: string) => string | null,
  maxAttempts: number,
): Promise<string> {
  for (let attempt = 0; attempt < maxAttempts; attempt++) {
    const answer = normalise(await prompt.ask(question));
    if (answer !== null) return answer;
    prompt.tell(
      question.kind === "phone"
        ? "Give the number in international form, e.g. +82 10 1234 5678."
        : "The code is the 5 or 6 digits Telegram sent.",
    );
  }
  throw new MonitorError("invalid", `No valid ${question.kind} after ${maxAttempts} tries.`);
}

function phoneNumber(answer: string): string | null {
  const digits = answer.replace(/[\s().-]/g, "");
  return /^\+?[1-9]\d{6,14}$/.test(digits) ? digits : null;
}

function loginCode(answer: string): string | null {
  const digits = answer.replace(/\s/g, "");
  return /^\d{5,6}$/.test(digits) ? digits : null;
}

/** Error names are Telegram's upper-case identifiers; anything else is not repeated. */
function safeName(name: string): string {
  return /^[A-Z0-9_]{1,64}$/.test(name) ? name : "error";
}
