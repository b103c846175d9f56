import { BankService } from "../../engine/index.js";
import type { FastifyPluginAsync } from "fastify";
import { VigilError } from "../../core/index.js";
import {
  ENTRY_STATUSES,
  MAX_PAGE_LIMIT,
  SIGNAL_TYPES,
  type EntryStatus,
  type NewBankEntry,
} from "../../store/index.js";
import type { ServerContext } from "../context.js";
import { actorOf } from "./route-config.js";
import { routeGroup } from "./route-config.js";
import { bankIdParams, errorResponse } from "./schemas.js";

const MAX_ENTRIES_PER_REQUEST = 10_000;

const entrySchema = {
  type: "object",
  additionalProperties: false,
  required: ["signalType", "value"],
  properties: {
    signalType: { type: "string", enum: [...SIGNAL_TYPES] },
    value: {
      type: "string",
      minLength: 1,
      maxLength: 1_000_000,
      description: "hex; vPDQ text for video",
    },
    quality: { type: ["integer", "null"], minimum: 0, maximum: 100 },
    source: { type: "string", maxLength: 100 },
    labels: { type: "array", maxItems: 20, items: { type: "string", maxLength: 40 } },
    caseNumbers: { type: "array", maxItems: 100, items: { type: "string", maxLength: 200 } },
  },
} as const;

const entryParams = {
  type: "object",
  required: ["bankId", "entryId"],
  properties: {
    ...bankIdParams.properties,
    entryId: { type: "integer", minimum: 1, maximum: 4294967295 },
  },
} as const;

/** A bank's entries: list, add one or many, read, withdraw. */
export function entryRoutes({ store, matcher }: ServerContext): FastifyPluginAsync {
  const banks = new BankService(store, matcher);
  return async (app) => {
    routeGroup(app, { tags: ["banks"], read: "banks:read", write: "banks:write" });
    app.get(
      "/v1/banks/:bankId/entries",
      {
        schema: {
          summary: "A page of a bank's entries, by id",
          params: bankIdParams,
          querystring: {
            type: "object",
            properties: {
              after: { type: "integer", minimum: 0 },
              limit: { type: "integer", minimum: 1, maximum: MAX_PAGE_LIMIT },
              status: { type: "string", enum: [...ENTRY_STATUSES] },
            },
          },
          response: { "4xx": errorResponse },
        },
      },
      async (request) => {
        const { bankId } = request.params as { bankId: string };
        await banks.get(bankId);
        const query = request.query as { after?: number; limit?: number; status?: EntryStatus };
        return store.entries.list(bankId, query);
      },
    );
    app.post(
      "/v1/banks/:bankId/entries",
      {
        schema: {
          summary:
            "Add an entry, or many as `{ entries: [...] }` (an identical active value is not added twice)",
          params: bankIdParams,
          body: {
            anyOf: [
              entrySchema,
              {
                type: "object",
                additionalProperties: false,
                required: ["entries"],
                properties: {
                  entries: {
                    type: "array",
                    minItems: 1,
                    maxItems: MAX_ENTRIES_PER_REQUEST,
                    items: entrySchema,
                  },
                },
              },
            ],
          },
          response: { "4xx": errorResponse },
        },
      },
      async (request, reply) => {
        const { bankId } = request.params as { bankId: string };
        const body = request.body as NewBankEntry | { entries: NewBankEntry[] };
        const many = "entries" in body;
        const result = await banks.addEntries(
          bankId,
          many ? body.entries : [body],
          actorOf(request.apiKey),
        );
        if (many) return reply.status(201).send(result);
        const entry = await store.entries.get(result.ids[0]!);
        return reply
          .status(result.added > 0 ? 201 : 200)
          .send({ entry, created: result.added > 0 });
      },
    );
    app.get(
      "/v1/banks/:bankId/entries/:entryId",
      {
        schema: {
          summary: "One entry",
          params: entryParams,
          response: { "4xx": errorResponse },
        },
      },
      async (request) => {
        const { bankId, entryId } = request.params as { bankId: string; entryId: number };
        const entry = await store.entries.get(entryId);
        if (!entry || entry.bankId !== bankId) {
          throw new VigilError("store/not-found", `Bank \`${bankId}\` has no entry ${entryId}.`);
        }
        return entry;
      },
    );
    app.post(
      "/v1/banks/:bankId/withdraw",
      {
        schema: {
          summary: "Withdraw many entries at once, by id or by value",
          params: bankIdParams,
          body: {
            type: "object",
            additionalProperties: false,
            minProperties: 1,
            properties: {
              entryIds: {
                type: "array",
                maxItems: MAX_ENTRIES_PER_REQUEST,
                items: { type: "integer", minimum: 1, maximum: 4294967295 },
              },
              values: {
                type: "array",
                maxItems: MAX_ENTRIES_PER_REQUEST,
                items: {
                  type: "object",
                  additionalProperties: false,
                  required: ["signalType", "value"],
                  properties: {
                    signalType: entrySchema.properties.signalType,
                    value: entrySchema.properties.value,
                  },
                },
              },
            },
          },
          response: { "4xx": errorResponse },
        },
      },
      async (request) => {
        const { bankId } = request.params as { bankId: string };
        await banks.get(bankId);
        const body = request.body as {
          entryIds?: number[];
          values?: { signalType: NewBankEntry["signalType"]; value: string }[];
        };
        const actor = actorOf(request.apiKey);
        let withdrawn = 0;
        const notFound: (number | string)[] = [];
        for (const id of body.entryIds ?? []) {
          const entry = await store.entries.get(id);
          if (!entry || entry.bankId !== bankId) notFound.push(id);
          else if (entry.status === "active") {
            await banks.withdraw(bankId, id, actor);
            withdrawn++;
          }
        }
        for (const { signalType, value } of body.values ?? []) {
          if (await banks.withdrawValue(bankId, signalType, value, actor)) withdrawn++;
          else notFound.push(value);
        }
        return { withdrawn, notFound };
      },
    );
    app.post(
      "/v1/banks/:bankId/entries/:entryId/withdraw",
      {
        schema: {
          summary: "Withdraw an entry: it stops matching at once and is kept for the record",
          params: entryParams,
          response: { "4xx": errorResponse },
        },
      },
      async (request) => {
        const { bankId, entryId } = request.params as { bankId: string; entryId: number };
        return banks.withdraw(bankId, entryId, actorOf(request.apiKey));
      },
    );
  };
}
