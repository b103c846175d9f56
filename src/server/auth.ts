import type { FastifyInstance, FastifyRequest } from "fastify";
import { VigilError } from "../core/index.js";
import type { ApiKey, Store } from "../store/index.js";
import { hasScope, parseApiKey, secretMatches, type Scope } from "./api-keys.js";

declare module "fastify" {
  interface FastifyRequest {
    /** The verified key of the caller, on routes that need one. */
    apiKey?: ApiKey;
  }
  interface FastifyContextConfig {
    /** The scope a route needs; routes without one are public (health, metrics, docs). */
    scope?: Scope;
  }
}

/**
 * Checks `Authorization: Bearer vgl_…` (or `X-Api-Key`) on every route that declares a scope:
 * missing → 401 `auth/missing-key`, unknown, revoked or wrong secret → 401 `auth/invalid-key`
 * (one code, so a caller cannot tell which), valid but without the scope → 403 `auth/forbidden`.
 */
export function installAuth(app: FastifyInstance, store: Store): void {
  const lastTouched = new Map<string, number>();
  app.addHook("onRequest", async (request) => {
    const scope = request.routeOptions.config.scope;
    if (scope === undefined) return;
    const token = readToken(request);
    if (token === undefined) {
      throw new VigilError(
        "auth/missing-key",
        "This call needs an API key: Authorization: Bearer <key>.",
      );
    }
    const parsed = parseApiKey(token);
    const key = parsed ? await store.apiKeys.findByPrefix(parsed.prefix) : null;
    if (
      !parsed ||
      !key ||
      key.revokedAt !== null ||
      !secretMatches(parsed.secret, key.secretHash)
    ) {
      throw new VigilError("auth/invalid-key", "The API key is not valid.");
    }
    if (!hasScope(key.scopes, scope)) {
      throw new VigilError(
        "auth/forbidden",
        `This key lacks the \`${scope}\` scope this call needs.`,
        {
          scope,
        },
      );
    }
    request.apiKey = key;
    // Record use at most once a minute per key: a write per request would cost the hot path.
    const now = Date.now();
    if ((lastTouched.get(key.id) ?? 0) < now - 60_000) {
      lastTouched.set(key.id, now);
      store.apiKeys
        .touch(key.id)
        .catch((error: unknown) => request.log.warn({ err: error }, "key touch failed"));
    }
  });
}

function readToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (typeof header === "string" && header.startsWith("Bearer ")) return header.slice(7).trim();
  const alternative = request.headers["x-api-key"];
  return typeof alternative === "string" ? alternative.trim() : undefined;
}
