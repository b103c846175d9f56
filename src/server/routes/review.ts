import type { FastifyPluginAsync } from "fastify";
import {
  BankService,
  ConfirmedBank,
  ReviewService,
  type AppealDecisionInput,
  type AppealInput,
  type DecideInput,
} from "../../engine/index.js";
import { CASE_DECISIONS, POLICY_REASONS } from "../../store/index.js";
import type { ServerContext } from "../context.js";
import { moderatorOf, viewerRole } from "./review-access.js";
import { routeGroup } from "./route-config.js";
import { errorResponse } from "./schemas.js";

const caseParams = {
  type: "object",
  required: ["caseId"],
  properties: { caseId: { type: "string", minLength: 1, maxLength: 64 } },
} as const;

const note = { type: "string", maxLength: 10_000, description: "Free text; stays with the case" };

/**
 * The review queue over HTTP (docs/REVIEW.md): the queue, claims under a lease, decisions,
 * appeals. Moderators sign with their own keys; the role decides what they may take.
 */
export function reviewRoutes({
  store,
  matcher,
  events,
  config,
}: ServerContext): FastifyPluginAsync {
  const confirmed = new ConfirmedBank(
    store,
    new BankService(store, matcher),
    config.confirmedBankId,
  );
  const review = new ReviewService({ store, events, confirmed, leaseMs: config.reviewLeaseMs });
  const response = { "4xx": errorResponse };
  const params = caseParams;
  const idOf = (request: { params: unknown }) => (request.params as { caseId: string }).caseId;
  return async (app) => {
    routeGroup(app, { tags: ["review"], read: ["review"], write: ["review"] });
    app.get(
      "/v1/review/queue",
      {
        schema: {
          summary: "Open cases by severity, then age (escalations and appeals for leads)",
          querystring: {
            type: "object",
            additionalProperties: false,
            properties: { limit: { type: "integer", minimum: 1, maximum: 1000 } },
          },
          response,
        },
      },
      async (request) => {
        const { limit } = request.query as { limit?: number };
        const role = viewerRole(request);
        return { cases: await store.cases.queue({ role, ...(limit ? { limit } : {}) }) };
      },
    );

    app.post(
      "/v1/review/next",
      {
        schema: { summary: "Claim the next case (204: none)", response },
      },
      async (request, reply) => {
        const claimed = await review.claimNext(moderatorOf(request));
        return claimed ? claimed : reply.status(204).send();
      },
    );

    app.post(
      "/v1/cases/:caseId/claim",
      {
        schema: { summary: "Claim (or renew the claim on) a case", params, response },
      },
      async (request) => review.claim(idOf(request), moderatorOf(request)),
    );

    app.post(
      "/v1/cases/:caseId/release",
      {
        schema: { summary: "Give a claimed case back", params, response },
      },
      async (request) => review.release(idOf(request), moderatorOf(request)),
    );

    app.post(
      "/v1/cases/:caseId/decision",
      {
        schema: {
          summary: "Decide a claimed case (escalate keeps it open for a lead)",
          params,
          body: {
            type: "object",
            additionalProperties: false,
            required: ["decision", "reason"],
            properties: {
              decision: { type: "string", enum: [...CASE_DECISIONS] },
              reason: { type: "string", enum: [...POLICY_REASONS] },
              note,
            },
          },
          response,
        },
      },
      async (request) =>
        review.decide(idOf(request), moderatorOf(request), request.body as DecideInput),
    );

    app.post(
      "/v1/cases/:caseId/appeals",
      {
        config: { scope: ["report"] },
        schema: {
          summary: "Appeal a decided case on the author's behalf; it reopens for a lead",
          params,
          body: {
            type: "object",
            additionalProperties: false,
            required: ["appellant"],
            properties: {
              appellant: { type: "string", minLength: 1, maxLength: 256 },
              text: { type: "string", maxLength: 10_000 },
            },
          },
          response,
        },
      },
      async (request, reply) => {
        const filed = await review.appeal(
          idOf(request),
          request.body as AppealInput,
          `apikey:${request.apiKey!.id}`,
        );
        return reply.status(201).send(filed);
      },
    );

    app.post(
      "/v1/cases/:caseId/appeal-decision",
      {
        schema: {
          summary: "Uphold or overturn the decision under appeal (leads and admins)",
          params,
          body: {
            type: "object",
            additionalProperties: false,
            required: ["outcome"],
            properties: { outcome: { type: "string", enum: ["uphold", "overturn"] }, note },
          },
          response,
        },
      },
      async (request) =>
        review.decideAppeal(
          idOf(request),
          moderatorOf(request, ["lead", "admin"]),
          request.body as AppealDecisionInput,
        ),
    );

    app.get(
      "/v1/cases",
      {
        schema: {
          summary: "Every case, oldest first (leads and admins)",
          querystring: {
            type: "object",
            additionalProperties: false,
            properties: {
              status: { type: "string", enum: ["open", "closed"] },
              after: { type: "string", maxLength: 64 },
              limit: { type: "integer", minimum: 1, maximum: 1000 },
            },
          },
          response,
        },
      },
      async (request) => {
        viewerRole(request, ["lead", "admin"]);
        const query = request.query as {
          status?: "open" | "closed";
          after?: string;
          limit?: number;
        };
        const page = await store.cases.listReview(query);
        return { cases: page.items, next: page.next };
      },
    );
  };
}
