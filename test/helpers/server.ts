import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import {
  loadMatcher,
  NO_EVENTS,
  PolicyService,
  type BankMatcher,
  type ContentAnalyser,
  type EventSink,
  type ProtectedPeopleService,
} from "../../src/engine/index.js";
import { openQueue, type JobQueue } from "../../src/queue/index.js";
import { issueApiKey, loadServerConfig, buildServer, type Scope } from "../../src/server/index.js";
import { startWorkers, type WorkerDeps, type Workers } from "../../src/server/process/workers.js";
import type { Store } from "../../src/store/index.js";

/**
 * A Vigil server on a real store (from store-backends.ts), driven through `inject`: full HTTP
 * semantics (routing, parsing, hooks, errors) without a socket.
 */
export interface TestServer {
  readonly app: FastifyInstance;
  readonly store: Store;
  /** The server's job queue: the one given, else an embedded queue in a fresh temporary file. */
  readonly queue: JobQueue;
  readonly matcher: BankMatcher;
  /** The server's rule set service (the one its policy routes use). */
  readonly policies: PolicyService;
  /** A key with these scopes (default admin), created in the store. */
  key(scopes?: Scope[], rateLimitPerMinute?: number): Promise<string>;
  /** JSON request with a key; `token: null` sends none. */
  call(
    method: "GET" | "POST" | "PATCH" | "DELETE",
    url: string,
    options?: {
      token?: string | null;
      json?: unknown;
      body?: string | Buffer;
      contentType?: string;
    },
  ): Promise<LightMyRequestResponse>;
}

export async function testServer(
  store: Store,
  env: Record<string, string> = {},
  options: {
    readonly queue?: JobQueue;
    readonly events?: EventSink;
    readonly analyser?: ContentAnalyser;
    readonly protectedPeople?: ProtectedPeopleService;
  } = {},
): Promise<TestServer> {
  const config = loadServerConfig({ env: { VIGIL_ALLOW_PRIVATE_FETCH: "false", ...env } });
  const queue =
    options.queue ??
    (await openQueue({
      url: `sqlite:${join(mkdtempSync(join(tmpdir(), "vigil-queue-")), "q.db")}`,
    }));
  const matcher = await loadMatcher(store);
  const policies = new PolicyService({ store });
  const app = await buildServer({
    config,
    store,
    matcher,
    queue,
    policies,
    ...(options.events ? { events: options.events } : {}),
    ...(options.analyser ? { analyser: options.analyser } : {}),
    ...(options.protectedPeople ? { protectedPeople: options.protectedPeople } : {}),
    logger: false,
  });
  // A queue opened here is this server's to close.
  if (!options.queue) app.addHook("onClose", async () => queue.close());
  let admin: string | undefined;
  const key = async (scopes: Scope[] = ["admin"], rateLimitPerMinute?: number) => {
    const name = `test ${scopes.join("+")}`;
    const issued = await issueApiKey(store, {
      name,
      scopes,
      rateLimitPerMinute: rateLimitPerMinute ?? null,
      actor: "test",
    });
    return issued.token;
  };
  return {
    app,
    store,
    queue,
    matcher,
    policies,
    key,
    async call(method, url, options = {}) {
      const token = options.token === undefined ? (admin ??= await key()) : options.token;
      const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
      if (options.json !== undefined) {
        headers["content-type"] = "application/json";
        return app.inject({ method, url, headers, payload: JSON.stringify(options.json) });
      }
      if (options.contentType) headers["content-type"] = options.contentType;
      return app.inject({
        method,
        url,
        headers,
        ...(options.body !== undefined ? { payload: options.body } : {}),
      });
    },
  };
}

/** A multipart/form-data body with one file field and some text fields. */
export function multipart(
  file: Buffer,
  fields: Record<string, string> = {},
  fileField = "file",
): { body: Buffer; contentType: string } {
  const boundary = "----vigil-test-boundary";
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
      ),
    );
  }
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${fileField}"; filename="upload.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`,
    ),
    file,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

/**
 * The worker side on a test server, as a process with role `all` runs it beside the API: its
 * store, queue, matcher and rule set; a worker error fails the test. Stop it before the server.
 */
export function startTestWorkers(
  server: TestServer,
  options: Partial<Omit<WorkerDeps, "store" | "queue" | "matcher" | "policies">> = {},
): Workers {
  return startWorkers({
    store: server.store,
    queue: server.queue,
    matcher: () => server.matcher,
    policies: server.policies,
    events: NO_EVENTS,
    fetchOptions: {},
    concurrency: 1,
    onError: (error) => {
      throw error;
    },
    ...options,
  });
}
