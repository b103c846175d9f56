import { BankService } from "../../engine/index.js";
import type { FastifyPluginAsync } from "fastify";
import {
  formatHashList,
  parseHashList,
  type HashListFormat,
  type ParseHashListOptions,
} from "../../actions/index.js";
import type { BankEntry, NewBankEntry } from "../../store/index.js";
import type { ServerContext } from "../context.js";
import { actorOf } from "./route-config.js";
import { routeGroup } from "./route-config.js";
import { bankIdParams, errorResponse } from "./schemas.js";

/** Entries written per transaction during an import: big enough to be fast, small enough to stay responsive. */
const IMPORT_CHUNK = 5_000;

const CONTENT_TYPES: Readonly<Record<HashListFormat, string>> = {
  plain: "text/plain; charset=utf-8",
  csv: "text/csv; charset=utf-8",
  json: "application/json; charset=utf-8",
};

/**
 * Hash-list exchange for a bank: import plain hex, CSV (`hash,quality,…`) or StopNCII-shaped
 * JSON (withdrawn or deleted records withdraw the entry; bad lines are reported by number and the
 * rest imports), and export the bank in the same formats.
 */
export function exchangeRoutes({ store, matcher }: ServerContext): FastifyPluginAsync {
  const banks = new BankService(store, matcher);
  return async (app) => {
    routeGroup(app, { tags: ["banks"], read: "banks:read", write: "banks:write" });
    // Imports are parsed from the text itself (line numbers for errors), so keep bodies as text.
    app.removeContentTypeParser("application/json");
    for (const type of ["application/json", /^text\//]) {
      app.addContentTypeParser(type, { parseAs: "string" }, (_request, body, done) =>
        done(null, body),
      );
    }
    app.post(
      "/v1/banks/:bankId/import",
      {
        schema: {
          summary: "Import a hash list (plain, CSV or StopNCII JSON) into the bank",
          params: bankIdParams,
          querystring: {
            type: "object",
            properties: {
              format: {
                type: "string",
                enum: ["plain", "csv", "json"],
                description: "Default: detected",
              },
              signalType: { type: "string", enum: ["pdq", "md5", "sha256"] },
              hex64: {
                type: "string",
                enum: ["pdq", "sha256"],
                description: "What 64 hex digits mean; default pdq",
              },
              source: {
                type: "string",
                maxLength: 100,
                description: "Recorded on each entry; default import",
              },
            },
          },
          response: { "4xx": errorResponse },
        },
      },
      async (request) => {
        const { bankId } = request.params as { bankId: string };
        await banks.get(bankId);
        const query = request.query as ParseHashListOptions & { source?: string };
        const text = typeof request.body === "string" ? request.body : "";
        const parsed = parseHashList(text, pick(query));
        const actor = actorOf(request.apiKey);
        const active: NewBankEntry[] = [];
        let withdrawn = 0;
        for (const record of parsed.records) {
          if (record.status === "withdrawn") {
            if (await banks.withdrawValue(bankId, record.signalType, record.value, actor))
              withdrawn++;
            continue;
          }
          active.push({
            signalType: record.signalType,
            value: record.value,
            quality: record.quality ?? null,
            source: query.source ?? "import",
            caseNumbers: record.caseNumbers,
          });
        }
        let added = 0;
        let duplicates = 0;
        for (let i = 0; i < active.length; i += IMPORT_CHUNK) {
          const result = await banks.addEntries(bankId, active.slice(i, i + IMPORT_CHUNK), actor);
          added += result.added;
          duplicates += result.duplicates;
        }
        return {
          format: parsed.format,
          added,
          duplicates,
          withdrawn,
          errorCount: parsed.errorCount,
          errors: parsed.errors,
        };
      },
    );
    app.get(
      "/v1/banks/:bankId/export",
      {
        schema: {
          summary: "Export the bank's active entries as a hash list",
          params: bankIdParams,
          querystring: {
            type: "object",
            properties: {
              format: { type: "string", enum: ["plain", "csv", "json"], default: "csv" },
              signalType: { type: "string", enum: ["pdq", "md5", "sha256", "video"] },
            },
          },
          response: { "4xx": errorResponse },
        },
      },
      async (request, reply) => {
        const { bankId } = request.params as { bankId: string };
        await banks.get(bankId);
        const { format = "csv", signalType } = request.query as {
          format?: HashListFormat;
          signalType?: "pdq" | "md5" | "sha256" | "video";
        };
        const entries: BankEntry[] = [];
        for (let after: number | undefined; ;) {
          const page = await store.entries.list(bankId, {
            status: "active",
            limit: 1000,
            ...(after ? { after } : {}),
          });
          entries.push(...page.items);
          if (page.next === null) break;
          after = page.next;
        }
        const exchange = entries.map((entry) => ({
          ...entry,
          updatedAt: Date.parse(entry.updatedAt),
        }));
        const list = formatHashList(exchange, format, signalType ? { signalType } : {});
        return reply
          .type(CONTENT_TYPES[format])
          .header("x-vigil-skipped", String(list.skipped))
          .send(list.text);
      },
    );
  };
}

function pick(query: ParseHashListOptions): ParseHashListOptions {
  return {
    ...(query.format ? { format: query.format } : {}),
    ...(query.signalType ? { signalType: query.signalType } : {}),
    ...(query.hex64 ? { hex64: query.hex64 } : {}),
  };
}
