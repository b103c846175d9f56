import type { FastifyPluginAsync, FastifyRequest } from "fastify";
import { VigilError } from "../../core/index.js";
import { fetchOptionsOf } from "../process/config.js";
import type { ServerContext } from "../context.js";
import {
  ScanService,
  type ScanOptions,
  type ScanSubject,
  type SubmittedHashes,
} from "../../engine/index.js";
import { routeGroup } from "./route-config.js";
import { errorResponse, hashesSchema } from "./schemas.js";

const optionProperties = {
  store: { type: "boolean", description: "Keep the hashes, matches and verdict (never the media)" },
  dihedral: { type: "boolean", description: "Also match rotated and mirrored copies" },
  platform: { type: "string", maxLength: 100 },
  externalId: { type: "string", maxLength: 500 },
  text: {
    type: "string",
    maxLength: 16384,
    description: "The caption or message published with the media, for the text signals",
  },
} as const;

const jsonBody = {
  type: "object",
  additionalProperties: false,
  properties: {
    url: { type: "string", maxLength: 4096, description: "Media to fetch (public addresses only)" },
    hashes: hashesSchema,
    ...optionProperties,
  },
} as const;

const scanResponse = {
  type: "object",
  additionalProperties: true,
  properties: {
    verdict: { type: "string", enum: ["allow", "review", "block"] },
    reasons: { type: "array", items: { type: "string" } },
  },
} as const;

interface JsonScanBody extends ScanOptions {
  readonly url?: string;
  readonly hashes?: SubmittedHashes;
}

/**
 * `POST /v1/scan`: the pre-publication check. Media as the raw body (image/*, video/*,
 * application/octet-stream) or as a multipart `file`, a URL, or precomputed hashes as JSON.
 * Answers synchronously with hashes, matches and a verdict with reasons.
 */
export function scanRoutes(context: ServerContext): FastifyPluginAsync {
  const service = new ScanService(context.store, context.matcher, {
    fetchOptions: fetchOptionsOf(context.config),
    policies: context.policies,
    ...(context.analyser ? { analyser: context.analyser } : {}),
  });
  return async (app) => {
    routeGroup(app, { tags: ["scan"], write: "scan" });
    app.post(
      "/v1/scan",
      {
        schema: {
          summary: "Scan media, a URL or hashes against every enabled bank",
          description:
            "Send the media as the raw body (Content-Type image/*, video/* or application/octet-stream, options in the query string), as multipart/form-data with a `file` field, or JSON with `url` or `hashes`. Nothing is stored unless `store` is true, and media never is.",
          querystring: { type: "object", properties: optionProperties },
          body: { content: { "application/json": { schema: jsonBody } } },
          response: { 200: scanResponse, "4xx": errorResponse },
        },
      },
      async (request) => {
        const { subject, options } = await readScanRequest(request);
        const outcome = await service.scan(subject, options);
        context.metrics.scans.inc({ source: subject.kind, verdict: outcome.verdict });
        return outcome;
      },
    );
  };
}

async function readScanRequest(
  request: FastifyRequest,
): Promise<{ subject: ScanSubject; options: ScanOptions }> {
  const query = request.query as ScanOptions;
  if (request.isMultipart()) {
    let bytes: Buffer | undefined;
    const fields: Record<string, string> = {};
    for await (const part of request.parts()) {
      if (part.type === "file") {
        if (part.fieldname !== "file" || bytes) {
          throw new VigilError("request/invalid", "Send one file, in the field `file`.");
        }
        bytes = await part.toBuffer();
      } else if (typeof part.value === "string") {
        fields[part.fieldname] = part.value;
      }
    }
    if (!bytes) throw new VigilError("request/invalid", "The multipart body has no `file` field.");
    return {
      subject: { kind: "bytes", bytes },
      options: { ...query, ...multipartOptions(fields) },
    };
  }
  if (Buffer.isBuffer(request.body)) {
    return { subject: { kind: "bytes", bytes: request.body }, options: query };
  }
  const body = (request.body ?? {}) as JsonScanBody;
  const { url, hashes, ...options } = body;
  const textOnly = url === undefined && hashes === undefined && options.text !== undefined;
  if (!textOnly && (url === undefined) === (hashes === undefined)) {
    throw new VigilError(
      "request/invalid",
      "Send media as the body or a multipart `file`, or JSON with exactly one of `url` and `hashes` (or only `text`).",
    );
  }
  const subject: ScanSubject = textOnly
    ? { kind: "text" }
    : url !== undefined
      ? { kind: "url", url }
      : { kind: "hashes", hashes: hashes! };
  return { subject, options: { ...query, ...options } };
}

function multipartOptions(fields: Record<string, string>): ScanOptions {
  const flag = (name: string): boolean | undefined =>
    fields[name] === undefined ? undefined : fields[name] === "true";
  const options: { -readonly [K in keyof ScanOptions]: ScanOptions[K] } = {};
  const store = flag("store");
  const dihedral = flag("dihedral");
  if (store !== undefined) options.store = store;
  if (dihedral !== undefined) options.dihedral = dihedral;
  if (fields.platform !== undefined) options.platform = fields.platform;
  if (fields.externalId !== undefined) options.externalId = fields.externalId;
  if (fields.text !== undefined) options.text = fields.text;
  return options;
}
