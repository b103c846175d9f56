import type { FastifyPluginAsync } from "fastify";
import type { ServerContext } from "../context.js";

/** Liveness and metrics: public, unauthenticated, and cheap. */
export function healthRoutes({
  store,
  matcher,
  metrics,
  healthParts,
}: ServerContext): FastifyPluginAsync {
  return async (app) => {
    app.get(
      "/healthz",
      {
        schema: {
          tags: ["operations"],
          summary: "Is the server up and its database reachable?",
          security: [],
        },
      },
      async (_request, reply) => {
        try {
          await store.ping();
        } catch {
          return reply.status(503).send({ status: "unavailable", store: store.backend });
        }
        // A part in trouble (a revoked Telegram token) shows here but is not a 503: restarting
        // the process would not fix it, and the rest of Vigil still works.
        return {
          status: "ok",
          store: store.backend,
          indexedEntries: matcher.size,
          ...healthParts?.(),
        };
      },
    );
    app.get(
      "/metrics",
      { schema: { tags: ["operations"], summary: "Prometheus metrics", security: [], hide: true } },
      async (_request, reply) => {
        void reply.type(metrics.registry.contentType);
        return metrics.registry.metrics();
      },
    );
  };
}
