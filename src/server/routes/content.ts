import type { FastifyPluginAsync } from "fastify";
import { VigilError } from "../../core/index.js";
import { IngestService, type IngestInput, type IngestMedia } from "../../engine/index.js";
import type { ServerContext } from "../context.js";
import { routeGroup } from "./route-config.js";
import { errorResponse, hashesSchema } from "./schemas.js";

/** Items in one batch: enough to amortise a request, small enough to answer within seconds. */
export const MAX_BATCH = 100;

const mediaSchema = {
  type: "object",
  additionalProperties: false,
  properties: {
    url: {
      type: "string",
      maxLength: 2048,
      description: "Fetched by a worker (public addresses only)",
    },
    data: {
      type: "string",
      description: "The media itself, base64: hashed at once and dropped, never stored",
    },
    mimeType: { type: "string", maxLength: 128 },
  },
} as const;

const itemSchema = {
  type: "object",
  additionalProperties: false,
  properties: {
    idempotencyKey: {
      type: "string",
      minLength: 1,
      maxLength: 256,
      description: "A repeat is accepted once, e.g. `telegram:<chat>:<message>`",
    },
    source: { type: "string", pattern: "^[a-z0-9][a-z0-9._:-]{0,63}$", default: "stream" },
    platform: { type: "string", maxLength: 128 },
    channelId: { type: "string", maxLength: 256 },
    externalId: {
      type: "string",
      maxLength: 2048,
      description: "The platform's message or post id",
    },
    authorId: { type: "string", maxLength: 256 },
    visibility: { type: "string", enum: ["public", "private"] },
    text: { type: "string", maxLength: 16384 },
    postedAt: { type: "string", format: "date-time" },
    media: { type: "array", maxItems: 32, items: mediaSchema },
    hashes: hashesSchema,
  },
} as const;

const acceptedSchema = {
  type: "object",
  properties: {
    id: { type: "string" },
    duplicate: { type: "boolean" },
    status: { type: "string" },
  },
} as const;

interface ItemBody {
  readonly idempotencyKey?: string;
  readonly source?: string;
  readonly platform?: string;
  readonly channelId?: string;
  readonly externalId?: string;
  readonly authorId?: string;
  readonly visibility?: "public" | "private";
  readonly text?: string;
  readonly postedAt?: string;
  readonly media?: readonly { url?: string; data?: string; mimeType?: string }[];
  readonly hashes?: IngestInput["hashes"];
}

/**
 * `POST /v1/content` and `/v1/content/batch`: stream content in. 202 means the item is stored and
 * its job queued; a worker decides it, and the verdict arrives as an `item.verdict` webhook or
 * through `GET /v1/content/:id`.
 */
export function contentRoutes({
  store,
  queue,
  metrics,
  analyser,
}: ServerContext): FastifyPluginAsync {
  const ingest = new IngestService(store, queue, analyser);
  const accept = async (body: ItemBody) => {
    const result = await ingest.accept(toInput(body));
    metrics.ingested.inc({ duplicate: String(result.duplicate) });
    return result;
  };
  return async (app) => {
    routeGroup(app, { tags: ["content"], read: "ingest", write: "ingest" });
    app.post(
      "/v1/content",
      {
        schema: {
          summary: "Ingest one content item; 202 once it is durably queued",
          body: itemSchema,
          response: { 202: acceptedSchema, "4xx": errorResponse },
        },
      },
      async (request, reply) => reply.status(202).send(await accept(request.body as ItemBody)),
    );

    app.post(
      "/v1/content/batch",
      {
        schema: {
          summary: `Ingest up to ${MAX_BATCH} items; each is accepted or refused on its own`,
          body: {
            type: "object",
            additionalProperties: false,
            required: ["items"],
            properties: {
              items: { type: "array", minItems: 1, maxItems: MAX_BATCH, items: itemSchema },
            },
          },
          response: { "4xx": errorResponse },
        },
      },
      async (request, reply) => {
        const { items } = request.body as { items: ItemBody[] };
        const results = [];
        for (const [index, body] of items.entries()) {
          try {
            results.push({ index, ...(await accept(body)) });
          } catch (error) {
            // One bad item (an undecodable image, a malformed hash) must not refuse the others;
            // a failure of our own storage or queue refuses the rest of the batch.
            if (!(error instanceof VigilError) || error.status >= 500) throw error;
            results.push({ index, error: { code: error.code, message: error.message } });
          }
        }
        const refused = results.filter((r) => "error" in r).length;
        return reply
          .status(refused === 0 ? 202 : 207)
          .send({ accepted: results.length - refused, refused, items: results });
      },
    );

    app.get(
      "/v1/content/:id",
      {
        // Moderators read the items of the cases they review: what brought them there.
        config: { scope: ["ingest", "review"] },
        schema: {
          summary: "An ingested item: its status, verdict and reasons, hashes and matches",
          params: { type: "object", properties: { id: { type: "string", maxLength: 64 } } },
          response: { "4xx": errorResponse },
        },
      },
      async (request) => {
        const { id } = request.params as { id: string };
        const record = await store.items.get(id);
        if (!record) throw new VigilError("store/not-found", `There is no content item "${id}".`);
        return record;
      },
    );

    app.get(
      "/v1/content",
      {
        schema: {
          summary: "Find an ingested item by its idempotency key; counts by status without one",
          querystring: {
            type: "object",
            additionalProperties: false,
            properties: { idempotencyKey: { type: "string", minLength: 1, maxLength: 256 } },
          },
          response: { "4xx": errorResponse },
        },
      },
      async (request) => {
        const { idempotencyKey } = request.query as { idempotencyKey?: string };
        if (idempotencyKey === undefined) return { counts: await store.items.counts() };
        const item = await store.items.getByKey(idempotencyKey);
        if (!item) throw new VigilError("store/not-found", "No item has this idempotency key.");
        return item;
      },
    );
  };
}

function toInput(body: ItemBody): IngestInput {
  const media = (body.media ?? []).map((part, i): IngestMedia => {
    const mime = part.mimeType === undefined ? {} : { mimeType: part.mimeType };
    if (part.data !== undefined && part.url === undefined) {
      return { bytes: decodeBase64(part.data, i), ...mime };
    }
    if (part.url !== undefined && part.data === undefined) return { url: part.url, ...mime };
    throw new VigilError("request/invalid", `media[${i}]: give either url or data.`);
  });
  return {
    source: body.source ?? "stream",
    ...(body.idempotencyKey === undefined ? {} : { idempotencyKey: body.idempotencyKey }),
    ...(body.platform === undefined ? {} : { platform: body.platform }),
    ...(body.channelId === undefined ? {} : { channelId: body.channelId }),
    ...(body.externalId === undefined ? {} : { externalId: body.externalId }),
    ...(body.authorId === undefined ? {} : { authorId: body.authorId }),
    ...(body.visibility === undefined ? {} : { visibility: body.visibility }),
    ...(body.text === undefined ? {} : { text: body.text }),
    ...(body.postedAt === undefined ? {} : { postedAt: body.postedAt }),
    ...(body.hashes === undefined ? {} : { hashes: body.hashes }),
    media,
  };
}

function decodeBase64(data: string, index: number): Uint8Array {
  if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(data)) {
    throw new VigilError("request/invalid", `media[${index}].data is not base64.`);
  }
  return Buffer.from(data, "base64");
}
