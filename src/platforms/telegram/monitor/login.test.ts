import { describe, expect, it } from "vitest";
import { MemorySessionStore } from "../../../../test/helpers/monitor-ports.js";
import { isMonitorError } from "./errors.js";
import { monitorLogin, type LoginClient, type LoginPrompt, type LoginQuestion } from "./login.js";
import { SessionVault } from "./session-vault.js";

const KEY = "a-session-key-of-more-than-32-characters!";
const PHONE = "+82 10-5555-0123";
const CODE = "24680";
const PASSWORD = "correct horse battery staple";
const SESSION = "1BVtsOKABuSECRETSESSIONSTRING";

/** Answers from a script, and keeps everything said to the person. */
function scriptedPrompt(answers: Record<LoginQuestion["kind"], string[]>) {
  const told: string[] = [];
  const asked: LoginQuestion[] = [];
  const prompt: LoginPrompt = {
    ask: async (question) => {
      asked.push(question);
      const next = answers[question.kind].shift();
      if (next === undefined) throw new Error(`no answer left for ${question.kind}`);
      return next;
    },
    tell: (message) => told.push(message),
  };
  return { prompt, told, asked };
}

/**
 * GramJS's start() as it behaves: asks the phone, then the code until it is right (reporting
 * each refusal to onError, stopping when onError says so), then the 2FA password likewise.
 */
function telegramSignIn(options: { bot?: boolean; password?: boolean } = {}): LoginClient & {
  received: string[];
} {
  const received: string[] = [];
  return {
    received,
    async signIn(steps) {
      received.push(await steps.phone());
      for (;;) {
        const code = await steps.code(true);
        received.push(code);
        if (code === CODE.replace(/\D/g, "")) break;
        if (await steps.failed("PHONE_CODE_INVALID")) throw new Error("AUTH_USER_CANCEL");
      }
      if (options.password ?? true) {
        for (;;) {
          const password = await steps.password("horse");
          received.push(password);
          if (password === PASSWORD) break;
          if (await steps.failed("PASSWORD_HASH_INVALID")) throw new Error("AUTH_USER_CANCEL");
        }
      }
      return {
        session: SESSION,
        account: { id: "777", username: "vigil_analyst", bot: options.bot ?? false },
      };
    },
  };
}

function said(told: string[]): string {
  return told.join("\n");
}

describe("monitorLogin", () => {
  it("signs in with phone, code and two-step password, and stores the session sealed", async () => {
    const store = new MemorySessionStore();
    const vault = new SessionVault(store, KEY);
    const { prompt, told, asked } = scriptedPrompt({
      phone: ["not a phone", PHONE],
      code: ["11111", "2468 0"],
      password: ["hunter2-typo", PASSWORD],
    });
    const client = telegramSignIn();
    const account = await monitorLogin({ client, prompt, vault });

    expect(account).toEqual({ id: "777", username: "vigil_analyst" });
    expect(client.received).toEqual(["+821055550123", "11111", "24680", "hunter2-typo", PASSWORD]);
    expect(asked).toContainEqual({ kind: "password", hint: "horse" });
    expect(asked).toContainEqual({ kind: "code", viaApp: true });
    expect(await vault.read()).toBe(SESSION);
    expect(store.stored?.envelope).not.toContain(SESSION);
    expect(store.stored?.account).toEqual(account);
    const out = said(told);
    for (const secret of ["5555", "0123", "24680", "11111", PASSWORD, "hunter2-typo", SESSION]) {
      expect(out).not.toContain(secret);
    }
    expect(out).toContain("@vigil_analyst");
  });

  it("gives up after too many wrong codes, saying why and storing nothing", async () => {
    const store = new MemorySessionStore();
    const { prompt, told } = scriptedPrompt({
      phone: [PHONE],
      code: ["11111", "22222", "33333"],
      password: [],
    });
    const failure = await monitorLogin({
      client: telegramSignIn(),
      prompt,
      vault: new SessionVault(store, KEY),
    }).catch((error: unknown) => error);
    expect(isMonitorError(failure, "unauthorized")).toBe(true);
    expect((failure as Error).message).toContain("PHONE_CODE_INVALID");
    expect(store.stored).toBeNull();
    expect(said(told)).not.toContain("33333");
  });

  it("refuses a bot account: the monitor needs the analyst's own account", async () => {
    const store = new MemorySessionStore();
    const { prompt } = scriptedPrompt({ phone: [PHONE], code: [CODE], password: [] });
    const failure = await monitorLogin({
      client: telegramSignIn({ bot: true, password: false }),
      prompt,
      vault: new SessionVault(store, KEY),
    }).catch((error: unknown) => error);
    expect(isMonitorError(failure, "invalid")).toBe(true);
    expect(store.stored).toBeNull();
  });

  it("stops at once on an answer no retry fixes, without repeating Telegram's text", async () => {
    const { prompt, told } = scriptedPrompt({ phone: [PHONE], code: [], password: [] });
    const client: LoginClient = {
      async signIn(steps) {
        await steps.phone();
        expect(await steps.failed("PHONE_NUMBER_BANNED")).toBe(true);
        expect(await steps.failed("weird text with +821055550123")).toBe(true);
        throw new Error("AUTH_USER_CANCEL");
      },
    };
    const failure = await monitorLogin({
      client,
      prompt,
      vault: new SessionVault(new MemorySessionStore(), KEY),
    }).catch((error: unknown) => error);
    expect((failure as Error).message).toMatch(/PHONE_NUMBER_BANNED|error/);
    expect(said(told)).not.toContain("5555");
    expect((failure as Error).message).not.toContain("5555");
  });
});
