import type { FastifyPluginAsync } from "fastify";
import { ACTION_OUTCOMES, MAX_PAGE_LIMIT, type ListActionsOptions } from "../../store/index.js";
import type { ServerContext } from "../context.js";
import { routeGroup } from "./route-config.js";
import { errorResponse } from "./schemas.js";

/** `GET /v1/actions`: the action log, newest first — every action Vigil took and its outcome. */
export function actionRoutes({ store }: ServerContext): FastifyPluginAsync {
  return async (app) => {
    routeGroup(app, { tags: ["actions"], read: "admin" });
    app.get(
      "/v1/actions",
      {
        schema: {
          summary: "The action log, newest first; pass `next` as `before` for the next page",
          querystring: {
            type: "object",
            additionalProperties: false,
            properties: {
              kind: { type: "string", minLength: 1, maxLength: 128 },
              subjectType: { type: "string", minLength: 1, maxLength: 64 },
              subjectId: { type: "string", minLength: 1, maxLength: 256 },
              outcome: { type: "string", enum: [...ACTION_OUTCOMES] },
              before: { type: "integer", minimum: 1 },
              limit: { type: "integer", minimum: 1, maximum: MAX_PAGE_LIMIT },
            },
          },
          response: { "4xx": errorResponse },
        },
      },
      async (request) => store.actionLog.list(request.query as ListActionsOptions),
    );
  };
}
