import type { FastifyInstance, FastifyRequest } from "fastify";
import { VigilError } from "../../core/index.js";
import type { ApiKey, Moderator, Store } from "../../store/index.js";
import { hasScope, parseApiKey, secretMatches, type Scope } from "./api-keys.js";
import { authenticateSession } from "./session-auth.js";

declare module "fastify" {
  interface FastifyRequest {
    /** The verified key of the caller, on routes that need one. */
    apiKey?: ApiKey;
    /** The moderator the key belongs to, when it is a moderator's key. */
    moderator?: Moderator;
  }
  interface FastifyContextConfig {
    /**
     * The scope a route needs (any one of a list); routes without one are public (health,
     * metrics, docs).
     */
    scope?: Scope | readonly Scope[];
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
    // No key: the console's session cookie, checked as if it were the moderator's key.
    const signedIn = token === undefined ? await authenticateSession(request, store) : null;
    if (signedIn) {
      request.apiKey = signedIn.key;
      request.moderator = signedIn.moderator;
      checkScope(signedIn.key, scope);
      return;
    }
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
    // A disabled moderator's keys stop working at once, as a revoked key does.
    const moderator = key.moderatorId ? await store.moderators.get(key.moderatorId) : null;
    if (key.moderatorId && (!moderator || moderator.disabledAt !== null)) {
      throw new VigilError("auth/invalid-key", "The API key is not valid.");
    }
    checkScope(key, scope);
    request.apiKey = key;
    if (moderator) request.moderator = moderator;
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

function checkScope(key: ApiKey, scope: Scope | readonly Scope[]): void {
  const scopes: readonly Scope[] = typeof scope === "string" ? [scope] : scope;
  if (!scopes.some((needed) => hasScope(key.scopes, needed))) {
    throw new VigilError(
      "auth/forbidden",
      `This key lacks the \`${scopes.join("` or `")}\` scope this call needs.`,
      { scope: scopes.join(" ") },
    );
  }
}

function readToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (typeof header === "string" && header.startsWith("Bearer ")) return header.slice(7).trim();
  const alternative = request.headers["x-api-key"];
  return typeof alternative === "string" ? alternative.trim() : undefined;
}
