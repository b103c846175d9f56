import type { FastifyPluginAsync } from "fastify";
import { MAX_PAGE_LIMIT } from "../../store/index.js";
import type { ProtectedPeopleService } from "../../engine/index.js";
import { actorOf } from "./route-config.js";
import { routeGroup } from "./route-config.js";
import { errorResponse } from "./schemas.js";

const BASE64 = "^[A-Za-z0-9+/]*={0,2}$";

const registerBody = {
  type: "object",
  additionalProperties: false,
  required: ["consent"],
  properties: {
    label: {
      type: "string",
      maxLength: 200,
      description: "A reference for staff; never matched on",
    },
    consent: {
      type: "object",
      additionalProperties: false,
      required: ["givenBy", "text", "version"],
      properties: {
        givenBy: { type: "string", enum: ["self", "staff"] },
        text: { type: "string", minLength: 1, maxLength: 20_000 },
        version: { type: "string", minLength: 1, maxLength: 100 },
      },
    },
    expiresAt: { type: "string", description: "ISO 8601; default one year, at most two years" },
    // Element types are checked by the service, so a bad number gets `people/invalid-embedding`.
    embeddings: {
      type: "array",
      maxItems: 64,
      items: { type: "array", maxItems: 8192 },
      description: "Reference embeddings of the server's face model (1024 numbers each)",
    },
    model: {
      type: "object",
      additionalProperties: false,
      required: ["name", "version"],
      properties: { name: { type: "string" }, version: { type: "string" } },
    },
    images: {
      type: "array",
      maxItems: 64,
      items: { type: "string", pattern: BASE64 },
      description: "Base64 reference images, one face each; embedded, then discarded",
    },
  },
} as const;

interface RegisterBody {
  readonly label?: string;
  readonly consent: { givenBy: "self" | "staff"; text: string; version: string };
  readonly expiresAt?: string;
  readonly embeddings?: readonly (readonly number[])[];
  readonly model?: { name: string; version: string };
  readonly images?: readonly string[];
}

const idParams = {
  type: "object",
  required: ["id"],
  properties: { id: { type: "string", minLength: 1, maxLength: 64 } },
} as const;

/**
 * Protected people, for support-centre staff (scope `people`). Answers never hold a vector;
 * image bytes live only for the call that embeds them.
 */
export function protectedPeopleRoutes(protectedPeople: ProtectedPeopleService): FastifyPluginAsync {
  return async (app) => {
    routeGroup(app, { tags: ["protected people"], read: "people", write: "people" });
    app.post(
      "/v1/protected-people",
      {
        schema: {
          summary:
            "Protect a person's face: her consent, an expiry, and reference embeddings or images",
          body: registerBody,
          response: { "4xx": errorResponse, "5xx": errorResponse },
        },
      },
      async (request, reply) => {
        const body = request.body as RegisterBody;
        const person = await protectedPeople.register(
          {
            consent: body.consent,
            apiKeyId: request.apiKey?.id ?? null,
            ...(body.label === undefined ? {} : { label: body.label }),
            ...(body.expiresAt === undefined ? {} : { expiresAt: body.expiresAt }),
            ...(body.embeddings === undefined ? {} : { embeddings: body.embeddings }),
            ...(body.model === undefined ? {} : { model: body.model }),
            ...(body.images === undefined
              ? {}
              : { images: body.images.map((image) => Buffer.from(image, "base64")) }),
          },
          actorOf(request.apiKey),
        );
        return reply.status(201).send(person);
      },
    );
    app.get(
      "/v1/protected-people",
      {
        schema: {
          summary: "Protected people, oldest first, without embeddings",
          querystring: {
            type: "object",
            properties: {
              after: { type: "string", maxLength: 64 },
              limit: { type: "integer", minimum: 1, maximum: MAX_PAGE_LIMIT },
            },
          },
          response: { "4xx": errorResponse },
        },
      },
      async (request) => {
        const query = request.query as { after?: string; limit?: number };
        const page = await protectedPeople.list(query);
        return { people: page.items, next: page.next };
      },
    );
    app.get(
      "/v1/protected-people/:id",
      {
        schema: {
          summary: "A protected person",
          params: idParams,
          response: { "4xx": errorResponse },
        },
      },
      async (request) => protectedPeople.get((request.params as { id: string }).id),
    );
    app.delete(
      "/v1/protected-people/:id",
      {
        schema: {
          summary: "Delete a protected person and her embeddings; she stops matching at once",
          params: idParams,
          response: { "4xx": errorResponse },
        },
      },
      async (request, reply) => {
        await protectedPeople.delete(
          (request.params as { id: string }).id,
          actorOf(request.apiKey),
        );
        return reply.status(204).send();
      },
    );
  };
}
