import type { FastifyPluginAsync, FastifyRequest } from "fastify";
import type { ServerContext } from "../context.js";
import { VictimCaseService, type NewVictimSubmission } from "../../engine/index.js";
import { errorResponse } from "./schemas.js";

/** Requests a minute from one address: a person needs a few; a guesser is slowed down. */
const SUBMITS_PER_MINUTE = 20;
const CHECKS_PER_MINUTE = 30;

function perAddress(max: number, name: string) {
  return {
    rateLimit: {
      max,
      timeWindow: "1 minute",
      keyGenerator: (request: FastifyRequest) => `${name}:${request.ip}`,
    },
  };
}

const caseAndPin = {
  type: "object",
  additionalProperties: false,
  required: ["caseNumber", "pin"],
  properties: {
    caseNumber: { type: "string", minLength: 1, maxLength: 40 },
    pin: { type: "string", minLength: 1, maxLength: 40 },
  },
} as const;

/** The victim portal's API: public, no account, rate limited per address (docs/WEB-API.md). */
export function victimRoutes({ store, matcher }: ServerContext): FastifyPluginAsync {
  const cases = new VictimCaseService(store, matcher);
  const tags = ["victim portal"];
  const response = { "4xx": errorResponse };
  return async (app) => {
    app.post(
      "/v1/victim/cases",
      {
        config: perAddress(SUBMITS_PER_MINUTE, "victim-submit"),
        schema: {
          tags,
          summary:
            "Protect images by their hashes (computed in the browser); a case number and PIN, shown once",
          security: [],
          body: {
            type: "object",
            additionalProperties: false,
            required: ["hashes"],
            properties: {
              hashes: {
                type: "array",
                minItems: 1,
                maxItems: 50,
                items: {
                  type: "object",
                  additionalProperties: false,
                  required: ["pdq"],
                  properties: {
                    pdq: { type: "string", pattern: "^[0-9a-fA-F]{64}$" },
                    quality: { type: "integer", minimum: 0, maximum: 100 },
                    md5: { type: "string", pattern: "^[0-9a-fA-F]{32}$" },
                  },
                },
              },
              labels: {
                type: "array",
                maxItems: 2,
                items: { type: "string", enum: ["ncii", "deepfake"] },
              },
              // The page's language; not stored.
              language: { type: "string", enum: ["ko", "en"] },
            },
          },
          response,
        },
      },
      async (request, reply) => {
        const body = request.body as NewVictimSubmission;
        const created = await cases.submit({
          hashes: body.hashes,
          ...(body.labels ? { labels: body.labels } : {}),
        });
        return reply.status(201).send(created);
      },
    );

    app.post(
      "/v1/victim/cases/status",
      {
        config: perAddress(CHECKS_PER_MINUTE, "victim-check"),
        schema: {
          tags,
          summary: "A case's state and how many copies were blocked or removed",
          security: [],
          body: caseAndPin,
          response,
        },
      },
      async (request) => {
        const { caseNumber, pin } = request.body as { caseNumber: string; pin: string };
        return cases.status(caseNumber.trim().toUpperCase(), pin.trim());
      },
    );

    app.post(
      "/v1/victim/cases/withdraw",
      {
        config: perAddress(CHECKS_PER_MINUTE, "victim-check"),
        schema: {
          tags,
          summary: "Withdraw a case: its hashes stop matching at once",
          security: [],
          body: caseAndPin,
          response,
        },
      },
      async (request) => {
        const { caseNumber, pin } = request.body as { caseNumber: string; pin: string };
        return cases.withdraw(caseNumber.trim().toUpperCase(), pin.trim());
      },
    );
  };
}
