import type { FastifyPluginAsync } from "fastify";
import { STATS_PERIODS, type StatsPeriod } from "../../store/index.js";
import type { ServerContext } from "../context.js";
import { reviewScope, viewerRole } from "./review-access.js";
import { errorResponse } from "./route-config.js";

/** The dashboard's numbers, for leads and admins (docs/WEB-API.md, "Dashboard"). */
export function statsRoutes({ store }: ServerContext): FastifyPluginAsync {
  return async (app) => {
    app.get(
      "/v1/stats",
      {
        ...reviewScope("review"),
        schema: {
          tags: ["review"],
          summary: "Items scanned, matched, removed over time; by source and label; review times",
          querystring: {
            type: "object",
            additionalProperties: false,
            properties: {
              period: { type: "string", enum: [...STATS_PERIODS], default: "day" },
              buckets: { type: "integer", minimum: 1, maximum: 366, default: 30 },
            },
          },
          response: { "4xx": errorResponse },
        },
      },
      async (request) => {
        viewerRole(request, ["lead", "admin"]);
        const { period, buckets } = request.query as { period: StatsPeriod; buckets: number };
        return store.stats.summary({ period, buckets });
      },
    );
  };
}
