/**
 * Server configuration: read once at start-up from the environment and command-line flags,
 * validated, frozen. A bad value stops start-up with a message naming the setting. Library code
 * receives this object; only the process entry (the CLI) passes `process.env` in.
 */
import { fileURLToPath } from "node:url";
import type { FetchUrlOptions } from "../../media/index.js";
import { readSignalSettings, type SignalSettings } from "./signal-config.js";

export const ROLES = ["all", "api", "worker", "connector"] as const;

/**
 * The package root: this file is src/server/process/config.ts, or dist/server/process/config.js
 * once built.
 */
const PACKAGE_ROOT = fileURLToPath(new URL("../../../", import.meta.url));

export type Role = (typeof ROLES)[number];

export interface ServerConfig {
  /**
   * What this process does: `all` (API and workers, the embedded default), `api` (HTTP only:
   * ingest queues, workers elsewhere decide) or `worker` (takes jobs; HTTP only for health).
   */
  readonly role: Role;
  /** Content jobs one worker process runs at once (I/O overlaps; hashing is one core). */
  readonly workerConcurrency: number;
  readonly host: string;
  readonly port: number;
  /** Directory for the embedded SQLite database (and later other local state). */
  readonly dataDir: string;
  /** `sqlite:PATH`, `sqlite::memory:` or `postgres://…`; defaults to SQLite under dataDir. */
  readonly databaseUrl: string;
  /**
   * The job queue: `sqlite:PATH` (embedded, default under dataDir) or `nats://…` (JetStream);
   * from VIGIL_QUEUE_URL, else VIGIL_NATS_URL.
   */
  readonly queueUrl: string;
  /** NATS: the deployment's name (streams and subjects); two deployments on one server need two. */
  readonly queueName: string;
  /** How long a job stays with a worker that stopped answering before another may take it. */
  readonly queueLeaseMs: number;
  /** Largest request body, bytes (uploads for scanning). */
  readonly bodyLimitBytes: number;
  /** Requests a minute per API key unless the key sets its own. */
  readonly rateLimitPerMinute: number;
  /** Scan by URL may fetch from private networks (off: it would allow request forgery). */
  readonly allowPrivateFetch: boolean;
  /** Ports media may be fetched from (default 80 and 443). */
  readonly fetchPorts: readonly number[];
  readonly logLevel: "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";
  /** The bank a confirmed NCII / deepfake decision adds hashes to (created on first use). */
  readonly confirmedBankId: string;
  /** How long a moderator's claim on a case lasts, ms (VIGIL_REVIEW_LEASE_SECONDS). */
  readonly reviewLeaseMs: number;
  /** The AI signal providers this process runs (VIGIL_SIGNALS and friends). */
  readonly signals: SignalSettings;
  /** The Telegram bot (docs/TELEGRAM.md); absent: no bot. */
  readonly telegram?: TelegramConfig;
  /** The built web console (Vite's output), served at `/` (VIGIL_WEB_DIR; default dist/web). */
  readonly webDir: string;
}

/** Settings of the Telegram bot, which runs in roles `all` and `connector`. */
export interface TelegramConfig {
  /** From BotFather (VIGIL_TELEGRAM_TOKEN). Never logged. */
  readonly token: string;
  /** Where cases and takedowns are announced (VIGIL_TELEGRAM_ADMIN_CHAT). */
  readonly adminChatId?: number;
  /** Telegram user id → moderator account id (VIGIL_TELEGRAM_ADMINS=`123:mod-id,456:mod-id`). */
  readonly admins: ReadonlyMap<number, string>;
  readonly mode: "polling" | "webhook";
  /** VIGIL_TELEGRAM_API_ROOT: another Bot API server (tests, a local Bot API server). */
  readonly apiRoot?: string;
  /** Webhook mode: this server's public base URL (VIGIL_TELEGRAM_WEBHOOK_URL). */
  readonly webhookUrl?: string;
  /** Webhook mode: the secret Telegram sends back in a header (VIGIL_TELEGRAM_WEBHOOK_SECRET). */
  readonly webhookSecret?: string;
  /** Notices in chats whose language is not yet known (VIGIL_TELEGRAM_LANGUAGE, ko or en). */
  readonly language: "ko" | "en";
}

/** Where media may be fetched from, the same for the scan by URL and for ingested items. */
export function fetchOptionsOf(config: ServerConfig): FetchUrlOptions {
  return {
    allowPrivateNetworks: config.allowPrivateFetch,
    allowedPorts: config.fetchPorts,
    maxBytes: config.bodyLimitBytes,
  };
}

export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

export interface ConfigSources {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly flags?: {
    readonly port?: number;
    readonly host?: string;
    readonly data?: string;
    readonly role?: string;
  };
}

const ROLE_SETTING = "--role / VIGIL_ROLE";
const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

export function loadServerConfig({ env, flags = {} }: ConfigSources): ServerConfig {
  const dataDir = flags.data ?? env.VIGIL_DATA_DIR ?? "./data";
  const config: ServerConfig = {
    role: oneOf({ [ROLE_SETTING]: flags.role ?? env.VIGIL_ROLE }, ROLE_SETTING, ROLES, "all"),
    workerConcurrency: integer(env, "VIGIL_WORKER_CONCURRENCY", 4, 1, 256),
    host: flags.host ?? env.VIGIL_HOST ?? "0.0.0.0",
    port: flags.port ?? integer(env, "VIGIL_PORT", 8080, 0, 65535),
    dataDir,
    databaseUrl: env.VIGIL_DATABASE_URL ?? `sqlite:${dataDir}/vigil.db`,
    queueUrl: env.VIGIL_QUEUE_URL || env.VIGIL_NATS_URL || `sqlite:${dataDir}/queue.db`,
    queueName: env.VIGIL_QUEUE_NAME || "vigil",
    queueLeaseMs: integer(env, "VIGIL_QUEUE_LEASE_MS", 30_000, 1000, 3_600_000),
    bodyLimitBytes: integer(env, "VIGIL_BODY_LIMIT_BYTES", 50 * 1024 * 1024, 1024, 1024 ** 3),
    rateLimitPerMinute: integer(env, "VIGIL_RATE_LIMIT_PER_MINUTE", 6000, 1, 10_000_000),
    allowPrivateFetch: boolean(env, "VIGIL_ALLOW_PRIVATE_FETCH", false),
    fetchPorts: ports(env, "VIGIL_FETCH_PORTS", [80, 443]),
    logLevel: oneOf(env, "VIGIL_LOG_LEVEL", LOG_LEVELS, "info"),
    confirmedBankId: env.VIGIL_CONFIRMED_BANK || "confirmed",
    reviewLeaseMs: integer(env, "VIGIL_REVIEW_LEASE_SECONDS", 900, 1, 86_400) * 1000,
    signals: readSignalSettings(env, (message) => {
      throw new ConfigError(message);
    }),
    webDir: env.VIGIL_WEB_DIR || `${PACKAGE_ROOT}dist/web`,
  };
  const telegram = loadTelegramConfig(env);
  if (telegram) Object.assign(config, { telegram });
  if (config.role === "connector" && !telegram) {
    throw new ConfigError("--role connector runs the Telegram bot: set VIGIL_TELEGRAM_TOKEN");
  }
  if (!/^(sqlite:|postgres:\/\/|postgresql:\/\/)/.test(config.databaseUrl)) {
    throw new ConfigError(
      "VIGIL_DATABASE_URL must start with sqlite:, postgres:// or postgresql://",
    );
  }
  if (!/^(sqlite:|nats:\/\/|tls:\/\/)/.test(config.queueUrl)) {
    throw new ConfigError("VIGIL_QUEUE_URL / VIGIL_NATS_URL must start with sqlite: or nats://");
  }
  if (!/^[a-z][a-z0-9_]{0,63}$/.test(config.queueName)) {
    throw new ConfigError("VIGIL_QUEUE_NAME must be lower-case letters, digits and _ (a-z first)");
  }
  // A bank id, as the store accepts one: lower-case letters, digits and `-`.
  if (!/^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/.test(config.confirmedBankId)) {
    throw new ConfigError("VIGIL_CONFIRMED_BANK must be a bank id (a-z, 0-9 and -)");
  }
  return Object.freeze(config);
}

function loadTelegramConfig(env: ConfigSources["env"]): TelegramConfig | undefined {
  const token = env.VIGIL_TELEGRAM_TOKEN;
  if (token === undefined || token === "") return undefined;
  // The message never quotes the value: it is a secret.
  if (!/^\d{1,20}:[A-Za-z0-9_-]{20,100}$/.test(token)) {
    throw new ConfigError(
      "VIGIL_TELEGRAM_TOKEN must be a bot token from BotFather (digits:secret)",
    );
  }
  const adminChat = env.VIGIL_TELEGRAM_ADMIN_CHAT;
  const mode = oneOf(env, "VIGIL_TELEGRAM_MODE", ["polling", "webhook"] as const, "polling");
  const telegram: TelegramConfig = {
    token,
    admins: telegramAdmins(env.VIGIL_TELEGRAM_ADMINS ?? ""),
    mode,
    language: oneOf(env, "VIGIL_TELEGRAM_LANGUAGE", ["ko", "en"] as const, "en"),
    ...(adminChat ? { adminChatId: chatId(adminChat) } : {}),
    ...(env.VIGIL_TELEGRAM_API_ROOT
      ? { apiRoot: httpUrl(env.VIGIL_TELEGRAM_API_ROOT, "VIGIL_TELEGRAM_API_ROOT") }
      : {}),
    ...(env.VIGIL_TELEGRAM_WEBHOOK_URL
      ? { webhookUrl: httpUrl(env.VIGIL_TELEGRAM_WEBHOOK_URL, "VIGIL_TELEGRAM_WEBHOOK_URL") }
      : {}),
    ...(env.VIGIL_TELEGRAM_WEBHOOK_SECRET
      ? { webhookSecret: env.VIGIL_TELEGRAM_WEBHOOK_SECRET }
      : {}),
  };
  if (mode === "webhook" && (!telegram.webhookUrl || !telegram.webhookSecret)) {
    throw new ConfigError(
      "VIGIL_TELEGRAM_MODE=webhook needs VIGIL_TELEGRAM_WEBHOOK_URL and VIGIL_TELEGRAM_WEBHOOK_SECRET",
    );
  }
  if (
    telegram.webhookSecret !== undefined &&
    !/^[A-Za-z0-9_-]{16,256}$/.test(telegram.webhookSecret)
  ) {
    throw new ConfigError("VIGIL_TELEGRAM_WEBHOOK_SECRET must be 16-256 of A-Z a-z 0-9 _ -");
  }
  return Object.freeze(telegram);
}

function chatId(raw: string): number {
  const value = Number(raw);
  if (!/^-?\d{1,20}$/.test(raw) || !Number.isSafeInteger(value)) {
    throw new ConfigError(
      `VIGIL_TELEGRAM_ADMIN_CHAT must be a chat id (e.g. -1001234567890), got "${raw}"`,
    );
  }
  return value;
}

function telegramAdmins(raw: string): ReadonlyMap<number, string> {
  const admins = new Map<number, string>();
  for (const pair of raw
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean)) {
    const match = /^(\d{1,20}):([A-Za-z0-9-]{1,64})$/.exec(pair);
    if (!match || !Number.isSafeInteger(Number(match[1]))) {
      throw new ConfigError(
        `VIGIL_TELEGRAM_ADMINS must be telegram-user-id:moderator-id pairs separated by commas, got "${pair}"`,
      );
    }
    admins.set(Number(match[1]), match[2]!);
  }
  return admins;
}

function httpUrl(raw: string, name: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`${name} must be an http(s) URL, got "${raw}"`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new ConfigError(`${name} must be an http(s) URL, got "${raw}"`);
  }
  return raw.replace(/\/+$/, "");
}

function integer(
  env: ConfigSources["env"],
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be an integer from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

function ports(env: ConfigSources["env"], name: string, fallback: number[]): readonly number[] {
  const raw = env[name];
  if (raw === undefined || raw === "") return Object.freeze(fallback);
  const list = raw.split(",").map((part) => Number(part.trim()));
  if (list.some((port) => !Number.isInteger(port) || port < 1 || port > 65535)) {
    throw new ConfigError(`${name} must be a comma-separated list of ports, got "${raw}"`);
  }
  return Object.freeze(list);
}

function boolean(env: ConfigSources["env"], name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  if (raw === "true" || raw === "1") return true;
  if (raw === "false" || raw === "0") return false;
  throw new ConfigError(`${name} must be true or false, got "${raw}"`);
}

function oneOf<T extends string>(
  env: ConfigSources["env"],
  name: string,
  allowed: readonly T[],
  fallback: T,
): T {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new ConfigError(`${name} must be one of ${allowed.join(", ")}, got "${raw}"`);
  }
  return raw as T;
}
