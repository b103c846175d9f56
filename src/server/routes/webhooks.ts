import { randomUUID } from "node:crypto";
import type { FastifyPluginAsync } from "fastify";
import { enqueueWebhook, newWebhookSecret, redeliverWebhook } from "../../actions/index.js";
import { VigilError } from "../../core/index.js";
import { EVENT_TYPES } from "../../engine/index.js";
import type { WebhookPatch } from "../../store/index.js";
import type { ServerContext } from "../context.js";
import { actorOf } from "./route-config.js";
import { routeGroup } from "./route-config.js";
import { errorResponse } from "./schemas.js";

const endpointFields = {
  url: {
    type: "string",
    minLength: 1,
    maxLength: 2000,
    description: "http or https, no credentials; private addresses are allowed",
  },
  events: {
    type: "array",
    maxItems: EVENT_TYPES.length,
    items: { type: "string", enum: [...EVENT_TYPES] },
    description: "Event types to receive; empty or absent: all",
  },
  enabled: { type: "boolean" },
  description: { type: "string", maxLength: 2000 },
} as const;

const idParams = {
  type: "object",
  required: ["id"],
  properties: { id: { type: "string", minLength: 1, maxLength: 64 } },
} as const;

/**
 * Webhook endpoints, for admins. The signing secret is in the answer to create and
 * rotate-secret only; every change is audited, without the secret.
 */
export function webhookRoutes({ store, queue }: ServerContext): FastifyPluginAsync {
  const audit = (actor: string, action: string, id: string, details = {}) =>
    store.audit.append({ actor, action, subjectType: "webhook", subjectId: id, details });
  const findEndpoint = async (id: string) => {
    const endpoint = await store.webhooks.get(id);
    if (!endpoint) throw new VigilError("store/not-found", `There is no webhook endpoint "${id}".`);
    return endpoint;
  };
  return async (app) => {
    routeGroup(app, { tags: ["webhooks"], read: "admin", write: "admin" });
    app.post(
      "/v1/webhooks",
      {
        schema: {
          summary: "Add a webhook endpoint; its signing secret is shown in this answer only",
          body: {
            type: "object",
            additionalProperties: false,
            required: ["url"],
            properties: endpointFields,
          },
          response: { "4xx": errorResponse },
        },
      },
      async (request, reply) => {
        const body = request.body as WebhookPatch & { url: string };
        const created = await store.webhooks.create({ ...body, secret: newWebhookSecret() });
        await audit(actorOf(request.apiKey), "webhook.create", created.id, { url: created.url });
        return reply.status(201).send(created);
      },
    );
    app.get("/v1/webhooks", { schema: { summary: "All webhook endpoints" } }, async () => ({
      webhooks: await store.webhooks.list(),
    }));
    app.get(
      "/v1/webhooks/:id",
      {
        schema: {
          summary: "A webhook endpoint",
          params: idParams,
          response: { "4xx": errorResponse },
        },
      },
      async (request) => findEndpoint((request.params as { id: string }).id),
    );
    app.patch(
      "/v1/webhooks/:id",
      {
        schema: {
          summary: "Change an endpoint's URL, events, description, or whether it is enabled",
          params: idParams,
          body: {
            type: "object",
            additionalProperties: false,
            minProperties: 1,
            properties: endpointFields,
          },
          response: { "4xx": errorResponse },
        },
      },
      async (request) => {
        const { id } = request.params as { id: string };
        const patch = request.body as WebhookPatch;
        const updated = await store.webhooks.update(id, patch);
        await audit(actorOf(request.apiKey), "webhook.update", id, { fields: Object.keys(patch) });
        return updated;
      },
    );
    app.delete(
      "/v1/webhooks/:id",
      {
        schema: {
          summary: "Remove an endpoint",
          params: idParams,
          response: { "4xx": errorResponse },
        },
      },
      async (request, reply) => {
        const { id } = request.params as { id: string };
        await store.webhooks.delete(id);
        await audit(actorOf(request.apiKey), "webhook.delete", id);
        return reply.status(204).send();
      },
    );
    app.post(
      "/v1/webhooks/:id/rotate-secret",
      {
        schema: {
          summary: "Replace the signing secret; the new one is shown in this answer only",
          params: idParams,
          response: { "4xx": errorResponse },
        },
      },
      async (request) => {
        const { id } = request.params as { id: string };
        const rotated = await store.webhooks.rotateSecret(id, newWebhookSecret());
        await audit(actorOf(request.apiKey), "webhook.rotate-secret", id);
        return rotated;
      },
    );
    app.post(
      "/v1/webhooks/:id/test",
      {
        schema: {
          summary: "Queue a webhook.ping event to this endpoint, whatever it subscribes to",
          params: idParams,
          response: { "4xx": errorResponse },
        },
      },
      async (request, reply) => {
        const endpoint = await findEndpoint((request.params as { id: string }).id);
        const event = {
          id: `ping:${randomUUID()}`,
          type: "webhook.ping" as const,
          at: new Date().toISOString(),
          data: { endpointId: endpoint.id },
        };
        const queued = await enqueueWebhook(queue, endpoint.id, event);
        return reply.status(202).send({ eventId: event.id, jobId: queued.id });
      },
    );
    app.post(
      "/v1/webhooks/:id/redeliver",
      {
        schema: {
          summary: "Send an event already on record to this endpoint again, on purpose",
          params: idParams,
          body: {
            type: "object",
            additionalProperties: false,
            required: ["eventId"],
            properties: { eventId: { type: "string", minLength: 1, maxLength: 128 } },
          },
          response: { "4xx": errorResponse },
        },
      },
      async (request, reply) => {
        const { id } = request.params as { id: string };
        const { eventId } = request.body as { eventId: string };
        const queued = await redeliverWebhook({ queue, store }, eventId, id);
        await audit(actorOf(request.apiKey), "webhook.redeliver", id, { eventId });
        return reply.status(202).send({ jobId: queued.id, actionKey: queued.actionKey });
      },
    );
  };
}
