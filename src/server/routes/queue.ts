import type { FastifyPluginAsync } from "fastify";
import { replayWebhookDeadLetter, WEBHOOK_TOPIC } from "../../actions/index.js";
import type { ServerContext } from "../context.js";
import { actorOf } from "./route-config.js";
import { routeGroup } from "./route-config.js";
import { errorResponse } from "./schemas.js";

/** The topics this server's workers consume: streamed content to scan, and webhooks. */
export const QUEUE_TOPICS = ["content", WEBHOOK_TOPIC] as const;

const topicQuery = { type: "string", enum: [...QUEUE_TOPICS] } as const;

/**
 * The queue, for admins: how much work waits, and the dead-letter list with each job's last
 * error, from which a job can be queued again once its cause is fixed.
 */
export function queueRoutes({ store, queue }: ServerContext): FastifyPluginAsync {
  return async (app) => {
    routeGroup(app, { tags: ["queue"], read: "admin", write: "admin" });
    app.get(
      "/v1/queue/stats",
      {
        schema: {
          summary: "Pending, in-flight and dead-lettered jobs, per topic (all topics without one)",
          querystring: {
            type: "object",
            additionalProperties: false,
            properties: { topic: topicQuery },
          },
          response: { "4xx": errorResponse },
        },
      },
      async (request) => {
        const { topic } = request.query as { topic?: string };
        const topics = topic === undefined ? QUEUE_TOPICS : [topic];
        return {
          topics: await Promise.all(
            topics.map(async (name) => ({ topic: name, ...(await queue.stats(name)) })),
          ),
        };
      },
    );
    app.get(
      "/v1/queue/dead-letters",
      {
        schema: {
          summary: "Jobs that failed every attempt, oldest first, with the last error",
          querystring: {
            type: "object",
            additionalProperties: false,
            required: ["topic"],
            properties: {
              topic: topicQuery,
              limit: { type: "integer", minimum: 1, maximum: 1000 },
            },
          },
          response: { "4xx": errorResponse },
        },
      },
      async (request) => {
        const { topic, limit } = request.query as { topic: string; limit?: number };
        return {
          deadLetters: await queue.deadLetters(topic, limit === undefined ? {} : { limit }),
        };
      },
    );
    app.post(
      "/v1/queue/dead-letters/:id/retry",
      {
        schema: {
          summary: "Queue a dead letter's job again, with fresh attempts",
          params: {
            type: "object",
            required: ["id"],
            properties: { id: { type: "string", pattern: "^[\\x21-\\x7e]{1,128}$" } },
          },
          response: { "4xx": errorResponse },
        },
      },
      async (request, reply) => {
        const { id } = request.params as { id: string };
        const queued = await replayWebhookDeadLetter(queue, id);
        await store.audit.append({
          actor: actorOf(request.apiKey),
          action: "queue.retry-dead-letter",
          subjectType: "job",
          subjectId: id,
          details: { jobId: queued.id },
        });
        return reply.status(202).send({ id: queued.id });
      },
    );
  };
}
