import cookie from "@fastify/cookie";
import rateLimit from "@fastify/rate-limit";
import multipart from "@fastify/multipart";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import Fastify, { type FastifyInstance } from "fastify";
import {
  NO_EVENTS,
  openProtectedPeople,
  PolicyService,
  type BankMatcher,
  type ContentAnalyser,
  type EventSink,
  type FaceEmbedder,
  type ProtectedPeopleService,
} from "../engine/index.js";
import type { JobQueue } from "../queue/index.js";
import type { Store } from "../store/index.js";
import { installAuth } from "./auth/auth.js";
import type { ServerConfig } from "./process/config.js";
import { installErrorHandler } from "./error-handler.js";
import { createMetrics, type ServerMetrics } from "./metrics.js";
import { actionRoutes } from "./routes/actions.js";
import { bankRoutes } from "./routes/banks.js";
import { contentRoutes } from "./routes/content.js";
import { entryRoutes } from "./routes/entries.js";
import { exchangeRoutes } from "./routes/exchange.js";
import { healthRoutes } from "./routes/health.js";
import { moderatorRoutes } from "./routes/moderators.js";
import { policyRoutes } from "./routes/policies.js";
import { protectedPeopleRoutes } from "./routes/protected-people.js";
import { reportRoutes } from "./routes/reports.js";
import { queueRoutes } from "./routes/queue.js";
import { reviewRoutes } from "./routes/review.js";
import { scanRoutes } from "./routes/scan.js";
import { sessionRoutes } from "./routes/session.js";
import { victimRoutes } from "./routes/victim.js";
import { webStaticRoutes } from "./routes/web-static.js";
import { statsRoutes } from "./routes/stats.js";
import { caseHistoryRoutes } from "./routes/case-history.js";
import { webhookRoutes } from "./routes/webhooks.js";
import { applyRouteGroup } from "./routes/route-config.js";
import type { ServerContext } from "./context.js";

declare module "fastify" {
  interface FastifyInstance {
    /** This server's Prometheus metrics (workers in the same process count into them too). */
    metrics: ServerMetrics;
  }
}

export interface ServerDeps {
  readonly config: ServerConfig;
  readonly store: Store;
  readonly matcher: BankMatcher;
  readonly queue: JobQueue;
  /** `health`: only /healthz and /metrics (a worker process). Default `all`. */
  readonly routes?: "all" | "health";
  /** Default: a PolicyService of its own over the store. */
  readonly policies?: PolicyService;
  /** Default: events go nowhere. */
  readonly events?: EventSink;
  /** The AI signal providers for scans and ingested bytes; without them, hashes only. */
  readonly analyser?: ContentAnalyser;
  /** More parts of `/healthz`, e.g. `{ telegram }`. */
  readonly healthParts?: () => Record<string, unknown>;
  /** Embeds reference images of protected people; absent: only embeddings are accepted (503 for images). */
  readonly faceEmbedder?: FaceEmbedder;
  /**
   * Default: a service over an index loaded from the store (1024-d, the provisional threshold,
   * `faceEmbedder`); the process assembly passes one with the calibrated threshold.
   */
  readonly protectedPeople?: ProtectedPeopleService;
  /** Pino options or false; tests pass false. */
  readonly logger?: boolean | Record<string, unknown>;
}

/**
 * Assembles the HTTP API: plugins, the one error handler, authentication, and the routes. The
 * store, the matcher and the queue come in ready (see `startServer`); nothing here reads the environment.
 */
export async function buildServer(deps: ServerDeps): Promise<FastifyInstance> {
  const { config, store, matcher, queue } = deps;
  const app = Fastify({
    logger: deps.logger ?? { level: config.logLevel },
    bodyLimit: config.bodyLimitBytes,
    // Unknown fields are refused, not silently dropped: a typo in `store` must not go unnoticed.
    ajv: { customOptions: { removeAdditional: false } },
  });
  const metrics = createMetrics(() => {
    const { pdq, md5, sha256, video } = matcher.stats;
    return { pdq, md5, sha256, video };
  });
  const context: ServerContext = {
    config,
    store,
    matcher,
    queue,
    events: deps.events ?? NO_EVENTS,
    policies: deps.policies ?? new PolicyService({ store }),
    metrics,
    ...(deps.analyser ? { analyser: deps.analyser } : {}),
    ...(deps.healthParts ? { healthParts: deps.healthParts } : {}),
  };

  app.decorate("metrics", metrics);
  // Before the rate limiter registers: each route's group settings must be in place when it looks.
  app.addHook("onRoute", applyRouteGroup);
  installErrorHandler(app);
  await app.register(swagger, {
    openapi: {
      info: {
        title: "Vigil API",
        version: "0.1.0",
        description:
          "Scan content against banks of known non-consensual intimate imagery and sexual deepfakes; report content; manage banks.",
      },
      components: {
        securitySchemes: { apiKey: { type: "http", scheme: "bearer", bearerFormat: "vgl_…" } },
      },
      security: [{ apiKey: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: "/docs" });
  await app.register(multipart, {
    limits: { fileSize: config.bodyLimitBytes, files: 1, fields: 10 },
  });
  await app.register(rateLimit, {
    global: false,
    hook: "preHandler",
    timeWindow: "1 minute",
    keyGenerator: (request) => request.apiKey?.id ?? request.ip,
    max: (request) => request.apiKey?.rateLimitPerMinute ?? config.rateLimitPerMinute,
  });
  // Raw uploads: image and video bytes as the body, kept as a Buffer, within the body limit.
  for (const type of ["application/octet-stream", /^image\//, /^video\//]) {
    app.addContentTypeParser(type, { parseAs: "buffer" }, (_request, body, done) =>
      done(null, body),
    );
  }
  app.addHook("onResponse", async (request, reply) => {
    const route = request.routeOptions.url ?? "unmatched";
    metrics.requestSeconds.observe(
      { method: request.method, route, status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });
  // Before installAuth: its hook reads the console's session cookie.
  await app.register(cookie);
  installAuth(app, store);

  await app.register(healthRoutes(context));
  if (deps.routes === "health") return app;
  await app.register(scanRoutes(context));
  await app.register(contentRoutes(context));
  await app.register(reportRoutes(context));
  await app.register(reviewRoutes(context));
  await app.register(moderatorRoutes(context));
  await app.register(bankRoutes(context));
  await app.register(entryRoutes(context));
  await app.register(exchangeRoutes(context));
  await app.register(webhookRoutes(context));
  await app.register(queueRoutes(context));
  await app.register(actionRoutes(context));
  await app.register(policyRoutes(context));
  await app.register(sessionRoutes(context));
  await app.register(victimRoutes(context));
  await app.register(statsRoutes(context));
  await app.register(caseHistoryRoutes(context));
  // Built only where its routes are: a health-only process (a worker) has no use for the index.
  await app.register(
    protectedPeopleRoutes(
      deps.protectedPeople ??
        (await openProtectedPeople(
          store,
          deps.faceEmbedder ? { embedder: deps.faceEmbedder } : {},
        )),
    ),
  );
  app.get("/openapi.json", { schema: { hide: true } }, async () => app.swagger());
  // The web console: `/`, its client-side routes and its assets (or how to build it).
  await app.register(webStaticRoutes(context));
  return app;
}
