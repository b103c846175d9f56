/**
 * The real TelegramClient, built from the settings and the sealed session: for the monitor
 * (`openGramJsMonitor`) and for the first sign-in (`gramJsLogin`). The only file that opens a
 * connection to Telegram, and so the only one no test runs; everything it hands out is tested
 * through GramJsSlice.
 *
 * GramJS's own logger is silenced: its messages are for its developers, and at debug level it
 * prints what goes over the wire. Its in-library flood sleeping is turned off
 * (floodSleepThreshold 0) so every FLOOD_WAIT reaches our CallGate, which honours it per call
 * kind and shows it in the health view.
 */
import { Logger, TelegramClient, errors } from "telegram";
import { LogLevel } from "telegram/extensions/Logger.js";
import { StringSession } from "telegram/sessions/index.js";
import { MonitorError } from "../errors.js";
import type { LoginClient } from "../login.js";
import type { SignedInAccount } from "../session-vault.js";
import { GramJsMonitorClient, type GramJsSlice } from "./adapter.js";

export { GramJsMonitorClient };

export interface GramJsConnectOptions {
  readonly apiId: number;
  readonly apiHash: string;
}

export interface OpenedMonitor {
  readonly client: GramJsMonitorClient;
  readonly account: SignedInAccount;
  close(): Promise<void>;
}

/** Connects with a stored session; refuses one Telegram no longer accepts. */
export async function openGramJsMonitor(
  options: GramJsConnectOptions,
  session: string,
): Promise<OpenedMonitor> {
  const telegram = createClient(options, session);
  await telegram.connect();
  if (!(await telegram.checkAuthorization())) {
    await telegram.destroy();
    throw new MonitorError(
      "unauthorized",
      "The stored Telegram session is signed out: run `vigil monitor login`.",
    );
  }
  const me = await telegram.getMe();
  const slice: GramJsSlice = telegram;
  return {
    client: new GramJsMonitorClient(slice),
    account: { id: me.id.toString(), username: me.username ?? null },
    close: () => telegram.destroy(),
  };
}

/** The LoginClient `monitorLogin` drives: GramJS's sign-in over a fresh, empty session. */
export function gramJsLogin(options: GramJsConnectOptions): LoginClient {
  return {
    async signIn(steps) {
      const telegram = createClient(options, "");
      try {
        await telegram.start({
          phoneNumber: () => steps.phone(),
          phoneCode: (viaApp) => steps.code(viaApp ?? false),
          password: (hint) => steps.password(hint ?? null),
          onError: (error) => steps.failed(errorName(error)),
        });
        const me = await telegram.getMe();
        const session = telegram.session.save() as unknown as string;
        return {
          session,
          account: { id: me.id.toString(), username: me.username ?? null, bot: me.bot ?? false },
        };
      } finally {
        await telegram.destroy();
      }
    },
  };
}

function createClient(options: GramJsConnectOptions, session: string): TelegramClient {
  return new TelegramClient(new StringSession(session), options.apiId, options.apiHash, {
    connectionRetries: 5,
    floodSleepThreshold: 0,
    baseLogger: new Logger(LogLevel.NONE),
    langCode: "en",
    systemLangCode: "en",
    deviceModel: "Vigil monitor",
    appVersion: "vigil",
  });
}

function errorName(error: Error): string {
  if (error instanceof errors.FloodWaitError) return "FLOOD_WAIT";
  if (error instanceof errors.RPCError) return error.errorMessage;
  return "ERROR";
}
