import type { FastifyPluginAsync, FastifyRequest } from "fastify";
import { VigilError } from "../../core/index.js";
import { runPolicyBacktest } from "../../engine/index.js";
import { describeRule, type RuleFileFormat, type RuleSet } from "../../policy/index.js";
import type { StoredPolicy } from "../../store/index.js";
import type { ServerContext } from "../context.js";
import { actorOf } from "./route-config.js";
import { routeGroup } from "./route-config.js";
import { errorResponse } from "./schemas.js";

const YAML_TYPES = ["application/yaml", "application/x-yaml", "text/yaml"];

const versionParams = {
  type: "object",
  required: ["version"],
  properties: { version: { type: "integer", minimum: 1, maximum: 2147483647 } },
} as const;

/**
 * The rule set in force, its versions, changes and backtests (docs/POLICY.md). Reading needs
 * `policies:read` (rules reveal detection thresholds, so not every key may see them); changing
 * the rules decides what is taken down, so it needs `admin`. A backtest only reads: `policies:read`.
 */
export function policyRoutes({ store, policies }: ServerContext): FastifyPluginAsync {
  return async (app) => {
    routeGroup(app, { tags: ["policies"], read: "policies:read", write: "admin" });
    // Rule files as the body, kept as text for parseRuleSetText; scoped to these routes.
    app.addContentTypeParser(YAML_TYPES, { parseAs: "string" }, (_request, body, done) =>
      done(null, body),
    );

    app.get(
      "/v1/policies",
      {
        schema: { summary: "The rule set in force, each rule explained in words" },
      },
      async () => {
        const active = await policies.current();
        const stored = active.version === null ? null : await store.policies.get(active.version);
        return { ...versionView(stored, active.version), ...ruleSetView(active.ruleSet) };
      },
    );

    app.put(
      "/v1/policies",
      {
        schema: {
          summary:
            "Store a new rule set version: JSON `{ ruleSet, comment? }`, or a rule file as " +
            "application/yaml (comment in `?comment=`)",
          querystring: {
            type: "object",
            additionalProperties: false,
            properties: { comment: { type: "string", minLength: 1, maxLength: 2000 } },
          },
          response: { "4xx": errorResponse },
        },
      },
      async (request) => {
        const { input, comment, format } = readUpdate(request);
        const update = await policies.update(input, {
          actor: actorOf(request.apiKey),
          ...(comment === undefined ? {} : { comment }),
          ...(format === undefined ? {} : { format }),
        });
        return {
          ...versionView(update.policy, update.policy.version),
          ...ruleSetView(update.ruleSet),
          changes: update.diff,
        };
      },
    );

    app.get(
      "/v1/policies/versions",
      {
        schema: {
          summary: "Stored versions, newest first (without their rules)",
          querystring: {
            type: "object",
            additionalProperties: false,
            properties: {
              before: { type: "integer", minimum: 1 },
              limit: { type: "integer", minimum: 1, maximum: 1000 },
            },
          },
          response: { "4xx": errorResponse },
        },
      },
      async (request) => {
        const query = request.query as { before?: number; limit?: number };
        const page = await store.policies.list(query);
        return {
          versions: page.items.map((p) => versionView(p, p.version)),
          next: page.next,
        };
      },
    );

    app.get(
      "/v1/policies/versions/:version",
      {
        schema: {
          summary: "One stored version and its rules",
          params: versionParams,
          response: { "4xx": errorResponse },
        },
      },
      async (request) => {
        const { version } = request.params as { version: number };
        const stored = await store.policies.get(version);
        const parsed = await policies.version(version);
        if (!stored || !parsed) {
          throw new VigilError("store/not-found", `There is no policy version ${version}.`);
        }
        return { ...versionView(stored, version), ...ruleSetView(parsed.ruleSet) };
      },
    );

    app.post(
      "/v1/policies/backtest",
      {
        config: { scope: "policies:read" },
        schema: {
          summary:
            "Replay recorded evaluations through a rule set (default: the one in force) and " +
            "count what would change against a stored version (default: the one in force)",
          body: {
            type: "object",
            additionalProperties: false,
            properties: {
              ruleSet: {
                description: "A rule set, or the text of a JSON or YAML rule file",
                anyOf: [{ type: "object" }, { type: "string", maxLength: 4194304 }],
              },
              against: { type: "integer", minimum: 1, maximum: 2147483647 },
              limit: { type: "integer", minimum: 1, maximum: 10000000 },
              since: { type: "string", format: "date-time" },
              maxChanges: { type: "integer", minimum: 0, maximum: 1000 },
            },
          },
          response: { "4xx": errorResponse },
        },
      },
      async (request) => {
        const body = (request.body ?? {}) as {
          ruleSet?: unknown;
          against?: number;
          limit?: number;
          since?: string;
          maxChanges?: number;
        };
        return runPolicyBacktest(store, policies, {
          ...(body.ruleSet === undefined ? {} : { candidate: body.ruleSet }),
          ...(body.against === undefined ? {} : { against: body.against }),
          ...(body.limit === undefined ? {} : { limit: body.limit }),
          ...(body.since === undefined ? {} : { since: body.since }),
          ...(body.maxChanges === undefined ? {} : { maxChanges: body.maxChanges }),
        });
      },
    );
  };
}

/** The body of a PUT: a rule file's text, or `{ ruleSet, comment? }` as JSON. */
function readUpdate(request: FastifyRequest): {
  input: unknown;
  comment: string | undefined;
  format: RuleFileFormat | undefined;
} {
  const body = request.body;
  const queryComment = (request.query as { comment?: string }).comment;
  if (typeof body === "string") {
    const type = request.headers["content-type"] ?? "";
    const format = YAML_TYPES.some((t) => type.startsWith(t)) ? "yaml" : undefined;
    return { input: body, comment: queryComment, format };
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new VigilError("request/invalid", "Send `{ ruleSet, comment? }` or a YAML rule file.");
  }
  const fields = body as Record<string, unknown>;
  const unknown = Object.keys(fields).filter((k) => k !== "ruleSet" && k !== "comment");
  if (unknown.length > 0 || fields["ruleSet"] === undefined) {
    throw new VigilError(
      "request/invalid",
      "Invalid request: the body must be `{ ruleSet, comment? }`.",
    );
  }
  const comment = fields["comment"] ?? queryComment;
  if (comment !== undefined && (typeof comment !== "string" || comment.length > 2000)) {
    throw new VigilError("request/invalid", "Invalid request: comment must be text (≤ 2000).");
  }
  return { input: fields["ruleSet"], comment, format: undefined };
}

function versionView(stored: StoredPolicy | null, version: number | null) {
  return {
    version,
    createdAt: stored?.createdAt ?? null,
    createdBy: stored?.createdBy ?? null,
    comment: stored?.comment ?? null,
  };
}

function ruleSetView(ruleSet: RuleSet) {
  return {
    ruleSet,
    rules: ruleSet.rules.map((rule) => ({
      id: rule.id,
      version: rule.version,
      mode: rule.mode,
      explanation: describeRule(rule),
    })),
  };
}
