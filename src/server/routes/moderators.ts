import type { FastifyPluginAsync } from "fastify";
import { VigilError } from "../../core/index.js";
import { MODERATOR_ROLES, type ModeratorPatch, type NewModerator } from "../../store/index.js";
import type { ServerContext } from "../context.js";
import { MIN_PASSWORD_LENGTH, ModeratorService } from "../auth/moderators.js";
import { requireAccountAdmin } from "./review-access.js";
import { routeGroup } from "./route-config.js";
import { errorResponse } from "./schemas.js";

const idParams = {
  type: "object",
  required: ["moderatorId"],
  properties: { moderatorId: { type: "string", minLength: 1, maxLength: 64 } },
} as const;

/**
 * Moderator accounts (admins only): create one with its first key, list them, change a role or
 * disable an account (its keys stop working at once), issue another key.
 */
export function moderatorRoutes({ store }: ServerContext): FastifyPluginAsync {
  const moderators = new ModeratorService(store);
  const response = { "4xx": errorResponse };
  return async (app) => {
    routeGroup(app, { tags: ["moderators"], read: ["review"], write: ["review"] });
    app.post(
      "/v1/moderators",
      {
        schema: {
          summary: "Create a moderator account and its API key (shown once)",
          body: {
            type: "object",
            additionalProperties: false,
            required: ["name", "role"],
            properties: {
              name: { type: "string", minLength: 1, maxLength: 100 },
              role: { type: "string", enum: [...MODERATOR_ROLES] },
              password: { type: "string", minLength: MIN_PASSWORD_LENGTH, maxLength: 1000 },
            },
          },
          response,
        },
      },
      async (request, reply) => {
        const actor = requireAccountAdmin(request);
        const { password, ...account } = request.body as NewModerator & { password?: string };
        const created = await moderators.create(account, actor);
        if (password !== undefined) {
          await moderators.setPassword(created.moderator.id, password, actor);
        }
        return reply.status(201).send(created);
      },
    );

    app.get(
      "/v1/moderators",
      { schema: { summary: "Every moderator account", response } },
      async (request) => {
        requireAccountAdmin(request);
        return { moderators: await store.moderators.list() };
      },
    );

    app.patch(
      "/v1/moderators/:moderatorId",
      {
        schema: {
          summary: "Change a moderator's role, or disable / enable the account",
          params: idParams,
          body: {
            type: "object",
            additionalProperties: false,
            properties: {
              role: { type: "string", enum: [...MODERATOR_ROLES] },
              disabled: { type: "boolean" },
            },
          },
          response,
        },
      },
      async (request) => {
        const actor = requireAccountAdmin(request);
        const { moderatorId } = request.params as { moderatorId: string };
        return moderators.update(moderatorId, request.body as ModeratorPatch, actor);
      },
    );

    app.post(
      "/v1/moderators/:moderatorId/keys",
      {
        schema: { summary: "A new API key for a moderator", params: idParams, response },
      },
      async (request, reply) => {
        const actor = requireAccountAdmin(request);
        const { moderatorId } = request.params as { moderatorId: string };
        const moderator = await store.moderators.get(moderatorId);
        if (!moderator) throw new VigilError("store/not-found", "There is no such moderator.");
        return reply.status(201).send(await moderators.issueKey(moderator, actor));
      },
    );

    app.post(
      "/v1/moderators/:moderatorId/password",
      {
        schema: {
          summary: "Set a moderator's console password (an admin, or the moderator herself)",
          params: idParams,
          body: {
            type: "object",
            additionalProperties: false,
            required: ["password"],
            properties: {
              password: { type: "string", minLength: MIN_PASSWORD_LENGTH, maxLength: 1000 },
            },
          },
          response,
        },
      },
      async (request, reply) => {
        const { moderatorId } = request.params as { moderatorId: string };
        const actor =
          request.moderator?.id === moderatorId
            ? `moderator:${moderatorId}`
            : requireAccountAdmin(request);
        const { password } = request.body as { password: string };
        await moderators.setPassword(moderatorId, password, actor);
        return reply.status(204).send();
      },
    );
  };
}
