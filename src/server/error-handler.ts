import type { FastifyError, FastifyInstance } from "fastify";
import { isVigilError, VigilError, type ErrorCode } from "../core/index.js";

/**
 * The one place errors become responses: `{ error: { code, message } }` with the code's status.
 * VigilErrors carry their own safe message; Fastify's own failures (validation, bad JSON, body
 * too large) get stable codes too; anything else is logged and answered as `internal` with no
 * detail, so no stack trace or internal message ever reaches a client.
 */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const vigil = toVigilError(error);
    if (vigil.code === "internal") request.log.error({ err: error }, "unhandled error");
    else request.log.info({ code: vigil.code }, "request refused");
    const headers = vigil.code === "request/rate-limited" ? retryAfter(error) : {};
    void reply
      .status(vigil.status)
      .headers(headers)
      .send({ error: { code: vigil.code, message: vigil.message } });
  });
  app.setNotFoundHandler((request, reply) => {
    void reply.status(404).send({
      error: {
        code: "request/not-found",
        message: `No route for ${request.method} ${request.url.split("?")[0]}.`,
      },
    });
  });
}

const FASTIFY_CODES: Readonly<Record<string, [ErrorCode, string]>> = {
  FST_ERR_CTP_BODY_TOO_LARGE: ["request/too-large", "The request body is larger than allowed."],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [
    "request/unsupported-media-type",
    "This content type is not accepted here.",
  ],
  FST_ERR_CTP_EMPTY_JSON_BODY: ["request/invalid-json", "The JSON body is empty."],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: ["request/invalid", "The Content-Length header is wrong."],
  FST_REQ_FILE_TOO_LARGE: ["request/too-large", "The uploaded file is larger than allowed."],
};

export function toVigilError(error: FastifyError): VigilError {
  if (isVigilError(error)) return error;
  if (error.validation) {
    return new VigilError("request/invalid", `Invalid request: ${error.message}.`);
  }
  if (error instanceof SyntaxError || error.code === "FST_ERR_CTP_INVALID_JSON_BODY") {
    return new VigilError("request/invalid-json", "The body is not valid JSON.");
  }
  const known = error.code ? FASTIFY_CODES[error.code] : undefined;
  if (known) return new VigilError(known[0], known[1]);
  if (error.statusCode === 429) {
    return new VigilError("request/rate-limited", "Too many requests for this key; retry later.");
  }
  if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
    return new VigilError("request/invalid", "The request could not be processed.");
  }
  return new VigilError("internal", "Something went wrong on our side; it has been logged.");
}

function retryAfter(error: FastifyError): Record<string, string> {
  const ttl = (error as { ttl?: unknown }).ttl;
  return typeof ttl === "number" ? { "retry-after": String(Math.ceil(ttl / 1000)) } : {};
}
