import type { FastifyPluginAsync } from "fastify";
import { VigilError } from "../../core/index.js";
import type { Store } from "../../store/index.js";
import type { ServerContext } from "../context.js";
import { readsNotes, viewerRole } from "./review-access.js";
import { routeGroup } from "./route-config.js";
import { errorResponse } from "./schemas.js";
import type { JsonObject } from "../../core/index.js";

interface HistoryEvent {
  readonly at: string;
  readonly type: string;
  readonly actor: string | null;
  readonly details: JsonObject;
}

/** Audit actions already told, with more detail, by the case, its reports, decisions and appeals. */
const TOLD_ELSEWHERE = new Set([
  "case.open",
  "case.join",
  "case.decide",
  "case.appeal",
  "appeal.decide",
]);
const AUDIT_PAGE = 200;

/**
 * Everything that happened to a case, oldest first: opened, reports, items a rule linked,
 * decisions (notes only for those who may read them), appeals, and any other audited action
 * on the case (claims, when they are recorded).
 */
async function caseHistory(store: Store, caseId: string, withNotes: boolean) {
  const found = await store.cases.getReview(caseId);
  if (!found) throw new VigilError("store/not-found", `There is no case "${caseId}".`);
  const events: HistoryEvent[] = [
    {
      at: found.createdAt,
      type: "opened",
      actor: null,
      details: { severity: found.severity, groupKey: found.groupKey },
    },
  ];
  for (let after: string | undefined; ;) {
    const page = await store.reports.listByCase(caseId, {
      limit: 1000,
      ...(after ? { after } : {}),
    });
    for (const report of page.items) {
      events.push({
        at: report.createdAt,
        type: "report",
        actor: report.reporter,
        details: { reportId: report.id, reason: report.reason, contentRef: report.contentRef },
      });
    }
    if (page.next === null) break;
    after = page.next;
  }
  for (const item of await store.cases.items(caseId)) {
    events.push({
      at: item.addedAt,
      type: "item",
      actor: item.ruleId ? `rule:${item.ruleId}` : null,
      details: { itemId: item.itemId, ruleId: item.ruleId },
    });
  }
  for (const decision of await store.decisions.listByCase(caseId)) {
    events.push({
      at: decision.createdAt,
      type: "decision",
      actor: `moderator:${decision.moderatorId}`,
      details: {
        decisionId: decision.id,
        decision: decision.decision,
        reason: decision.reason,
        appealId: decision.appealId,
        addedEntryIds: [...decision.addedEntryIds],
        ...(withNotes ? { note: decision.note } : {}),
      },
    });
  }
  for (const appeal of await store.appeals.listByCase(caseId)) {
    events.push({
      at: appeal.createdAt,
      type: "appeal",
      actor: appeal.appellant,
      details: { appealId: appeal.id, status: appeal.status, outcome: appeal.outcome },
    });
  }
  for (let before: number | undefined; ;) {
    const page = await store.audit.list({
      subjectType: "case",
      subjectId: caseId,
      limit: AUDIT_PAGE,
      ...(before !== undefined ? { before } : {}),
    });
    for (const event of page.items) {
      if (TOLD_ELSEWHERE.has(event.action)) continue;
      events.push({ at: event.at, type: event.action, actor: event.actor, details: event.details });
    }
    if (page.next === null) break;
    before = page.next;
  }
  // A stable sort: events at the same instant keep the order they were gathered in.
  return events.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

/** The console's case page and search (docs/WEB-API.md). */
export function caseHistoryRoutes({ store }: ServerContext): FastifyPluginAsync {
  const response = { "4xx": errorResponse };
  return async (app) => {
    routeGroup(app, { tags: ["review"], read: ["review"] });
    app.get(
      "/v1/cases/search",
      {
        schema: {
          summary: "Cases by case id, content hash (PDQ, MD5, SHA-256) or author id",
          querystring: {
            type: "object",
            additionalProperties: false,
            required: ["q"],
            properties: { q: { type: "string", minLength: 1, maxLength: 200 } },
          },
          response,
        },
      },
      async (request) => {
        viewerRole(request);
        const { q } = request.query as { q: string };
        const ids = await store.stats.searchCases(q);
        const cases = await Promise.all(ids.map((id) => store.cases.getReview(id)));
        return { cases: cases.filter((found) => found !== null) };
      },
    );

    app.get(
      "/v1/cases/:caseId/history",
      {
        schema: {
          summary: "What happened to a case, oldest first",
          params: {
            type: "object",
            required: ["caseId"],
            properties: { caseId: { type: "string", minLength: 1, maxLength: 64 } },
          },
          response,
        },
      },
      async (request) => {
        viewerRole(request);
        const { caseId } = request.params as { caseId: string };
        return { events: await caseHistory(store, caseId, readsNotes(request)) };
      },
    );
  };
}
