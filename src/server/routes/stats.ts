import type { FastifyPluginAsync } from "fastify";
import { STATS_PERIODS, type StatsPeriod } from "../../store/index.js";
import type { ServerContext } from "../context.js";
import { viewerRole } from "./review-access.js";
import { routeGroup } from "./route-config.js";
import { errorResponse } from "./schemas.js";

/** The dashboard's numbers, for leads and admins (docs/WEB-API.md, "Dashboard"). */
export function statsRoutes({ store }: ServerContext): FastifyPluginAsync {
  return async (app) => {
    routeGroup(app, { tags: ["review"], read: ["review"] });
    app.get(
      "/v1/stats",
      {
        schema: {
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
