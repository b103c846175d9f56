import type { FastifyInstance } from "fastify";
import { BankMatcher } from "../engine/index.js";
import { openQueue, type JobQueue } from "../queue/index.js";
import { openStore, type Store } from "../store/index.js";
import { issueApiKey } from "./issue-key.js";
import { buildServer } from "./app.js";
import type { ServerConfig } from "./config.js";

export interface RunningServer {
  readonly app: FastifyInstance;
  readonly store: Store;
  readonly matcher: BankMatcher;
  readonly queue: JobQueue;
  /** The address it listens on, e.g. http://127.0.0.1:8080. */
  readonly url: string;
  close(): Promise<void>;
}

export interface StartOptions {
  readonly logger?: boolean | Record<string, unknown>;
  /** Where the first admin key is shown (once) when the database has no key yet. */
  readonly announce?: (text: string) => void;
}

/**
 * The process assembly: open the store named by the configuration (migrations run), load every
 * active bank entry into the in-memory matcher, make sure an admin key exists, and listen.
 */
export async function startServer(
  config: ServerConfig,
  options: StartOptions = {},
): Promise<RunningServer> {
  const store = await openStore({ url: config.databaseUrl });
  let queue: JobQueue | undefined;
  try {
    queue = await openQueue({ url: config.queueUrl });
    const matcher = await loadMatcher(store);
    await ensureAdminKey(store, options.announce ?? (() => {}));
    const app = await buildServer({
      config,
      store,
      matcher,
      queue,
      ...(options.logger !== undefined ? { logger: options.logger } : {}),
    });
    const url = await app.listen({ host: config.host, port: config.port });
    return {
      app,
      store,
      matcher,
      queue,
      url,
      async close() {
        await app.close();
        await queue?.close();
        await store.close();
      },
    };
  } catch (error) {
    await queue?.close().catch(() => undefined);
    await store.close().catch(() => undefined);
    throw error;
  }
}

/** Every bank, then every active entry a page at a time (millions load without a full copy). */
export async function loadMatcher(store: Store): Promise<BankMatcher> {
  const matcher = new BankMatcher();
  for (const bank of await store.banks.list()) matcher.setBank(bank);
  await matcher.addEntryPages(store.entries.iterateActive({ pageSize: 50_000 }));
  return matcher;
}

/** A new installation has no key to create keys with; make the first one and show it once. */
async function ensureAdminKey(store: Store, announce: (text: string) => void): Promise<void> {
  if ((await store.apiKeys.list()).length > 0) return;
  const { token } = await issueApiKey(store, {
    name: "first admin",
    scopes: ["admin"],
    actor: "system",
  });
  announce(
    `First admin API key (shown once; keep it safe, create narrower keys with \`vigil keys create\`):\n  ${token}\n`,
  );
}
