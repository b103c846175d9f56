import type { FastifyPluginAsync } from "fastify";
import { VigilError } from "../../core/index.js";
import { REPORT_REASONS, type NewReport } from "../../store/index.js";
import type { ServerContext } from "../context.js";
import { caseView } from "./case-view.js";
import { readsNotes } from "./review-access.js";
import { routeGroup } from "./route-config.js";
import { errorResponse } from "./schemas.js";

const reportBody = {
  type: "object",
  additionalProperties: false,
  required: ["contentRef", "reason"],
  properties: {
    contentRef: {
      type: "string",
      minLength: 1,
      maxLength: 2000,
      description: "The platform's id or URL of the content",
    },
    contentHash: {
      type: "string",
      pattern: "^([0-9a-fA-F]{32}|[0-9a-fA-F]{64})$",
      description:
        "PDQ or SHA-256 (64 hex) or MD5 (32 hex); reports with the same hash share a case",
    },
    reporter: {
      type: "string",
      minLength: 1,
      maxLength: 200,
      description: "Defaults to the API key's name",
    },
    reason: { type: "string", enum: [...REPORT_REASONS] },
    text: { type: "string", maxLength: 5000 },
  },
} as const;

/** `POST /v1/reports` stores a user report and opens or joins the case for its content. */
export function reportRoutes({ store, metrics, events }: ServerContext): FastifyPluginAsync {
  return async (app) => {
    routeGroup(app, { tags: ["reports"], write: "report" });
    app.post(
      "/v1/reports",
      {
        schema: {
          summary: "Report content; reports of the same content join one case",
          body: reportBody,
          response: { "4xx": errorResponse },
        },
      },
      async (request, reply) => {
        const body = request.body as Omit<NewReport, "reporter"> & { reporter?: string };
        const result = await store.reports.create({
          ...body,
          contentHash: body.contentHash?.toLowerCase() ?? null,
          reporter: body.reporter ?? `apikey:${request.apiKey!.name}`,
        });
        metrics.reports.inc({ reason: body.reason });
        await store.audit.append({
          actor: `apikey:${request.apiKey!.id}`,
          action: result.caseCreated ? "case.open" : "case.join",
          subjectType: "case",
          subjectId: result.case.id,
          details: { reportId: result.report.id, reason: body.reason },
        });
        if (result.caseCreated) {
          await events.emit({
            id: `case-opened:${result.case.id}`,
            type: "case.opened",
            at: result.case.createdAt,
            data: { caseId: result.case.id, severity: result.case.severity, reason: body.reason },
          });
        }
        return reply.status(201).send(result);
      },
    );

    app.get(
      "/v1/cases/:caseId",
      {
        config: { scope: ["report", "review"] },
        schema: {
          summary: "A case with its reports, linked items, decisions and appeals",
          params: { type: "object", properties: { caseId: { type: "string", maxLength: 64 } } },
          response: { "4xx": errorResponse },
        },
      },
      async (request) => {
        const { caseId } = request.params as { caseId: string };
        const found = await store.cases.getReview(caseId);
        if (!found) throw new VigilError("store/not-found", "There is no such case.");
        return caseView(store, found, readsNotes(request));
      },
    );
  };
}
