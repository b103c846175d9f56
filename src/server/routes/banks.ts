import { BankService } from "../../engine/index.js";
import type { FastifyPluginAsync } from "fastify";
import {
  BANK_ACTIONS,
  MAX_MATCH_THRESHOLD,
  type BankPatch,
  type NewBank,
} from "../../store/index.js";
import type { ServerContext } from "../context.js";
import { actorOf, routeGroup } from "./route-config.js";
import { bankIdParams, errorResponse } from "./schemas.js";

const bankFields = {
  name: { type: "string", minLength: 1, maxLength: 200 },
  description: { type: "string", maxLength: 2000 },
  labels: {
    type: "array",
    maxItems: 20,
    items: { type: "string", pattern: "^[a-z0-9][a-z0-9_-]{0,39}$" },
    description: "What the bank holds, e.g. ncii, deepfake, csam",
  },
  enabled: { type: "boolean" },
  matchThreshold: { type: "integer", minimum: 0, maximum: MAX_MATCH_THRESHOLD },
  action: { type: "string", enum: [...BANK_ACTIONS] },
} as const;

/** Bank administration: list, create, read, update, delete (entries go with their bank). */
export function bankRoutes({ store, matcher }: ServerContext): FastifyPluginAsync {
  const banks = new BankService(store, matcher);
  return async (app) => {
    routeGroup(app, { tags: ["banks"], read: "banks:read", write: "banks:write" });
    app.get("/v1/banks", { schema: { summary: "All banks" } }, async () => ({
      banks: await store.banks.list(),
    }));
    app.post(
      "/v1/banks",
      {
        schema: {
          summary: "Create a bank",
          body: {
            type: "object",
            additionalProperties: false,
            required: ["id", "name"],
            properties: { id: bankIdParams.properties.bankId, ...bankFields },
          },
          response: { "4xx": errorResponse },
        },
      },
      async (request, reply) => {
        const bank = await banks.create(request.body as NewBank, actorOf(request.apiKey));
        return reply.status(201).send(bank);
      },
    );
    app.get(
      "/v1/banks/:bankId",
      {
        schema: {
          summary: "A bank and its entry counts",
          params: bankIdParams,
          response: { "4xx": errorResponse },
        },
      },
      async (request) => {
        const { bankId } = request.params as { bankId: string };
        const bank = await banks.get(bankId);
        return { ...bank, entries: await store.entries.count(bankId) };
      },
    );
    app.patch(
      "/v1/banks/:bankId",
      {
        schema: {
          summary: "Change a bank's name, labels, threshold, action or whether it is enabled",
          params: bankIdParams,
          body: {
            type: "object",
            additionalProperties: false,
            minProperties: 1,
            properties: bankFields,
          },
          response: { "4xx": errorResponse },
        },
      },
      async (request) => {
        const { bankId } = request.params as { bankId: string };
        return banks.update(bankId, request.body as BankPatch, actorOf(request.apiKey));
      },
    );
    app.delete(
      "/v1/banks/:bankId",
      {
        schema: {
          summary: "Delete a bank and all its entries",
          params: bankIdParams,
          response: { "4xx": errorResponse },
        },
      },
      async (request) => {
        const { bankId } = request.params as { bankId: string };
        return { deletedEntries: await banks.delete(bankId, actorOf(request.apiKey)) };
      },
    );
  };
}
