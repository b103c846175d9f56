/**
 * The request and response schemas more than one route module uses, in one place: the error
 * every route answers with, a bank id in the path, submitted hashes. A schema only one module
 * needs stays beside its route.
 */

/** `{ error: { code, message } }`, as error-handler.ts writes every error. */
export const errorResponse = {
  type: "object",
  properties: {
    error: {
      type: "object",
      properties: { code: { type: "string" }, message: { type: "string" } },
      required: ["code", "message"],
    },
  },
} as const;

/** A bank id in the path. */
export const bankIdParams = {
  type: "object",
  required: ["bankId"],
  properties: { bankId: { type: "string", pattern: "^[a-z0-9][a-z0-9-]{0,62}$" } },
} as const;

/** Hashes a caller computed: PDQ (with quality), MD5, SHA-256, vPDQ text. */
export const hashesSchema = {
  type: "object",
  additionalProperties: false,
  properties: {
    pdq: {
      type: "array",
      maxItems: 64,
      items: {
        anyOf: [
          { type: "string" },
          {
            type: "object",
            additionalProperties: false,
            required: ["hash"],
            properties: {
              hash: { type: "string" },
              quality: { type: "integer", minimum: 0, maximum: 100 },
            },
          },
        ],
      },
    },
    md5: { type: "string" },
    sha256: { type: "string" },
    video: { type: "string", description: "vPDQ text: `frame,quality,pdq,timestamp` lines" },
  },
} as const;
