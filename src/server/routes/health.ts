import type { FastifyPluginAsync } from "fastify";
import type { ServerContext } from "../context.js";

/** Liveness and metrics: public, unauthenticated, and cheap. */
export function healthRoutes({ store, matcher, metrics }: ServerContext): FastifyPluginAsync {
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
        return { status: "ok", store: store.backend, indexedEntries: matcher.size };
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
