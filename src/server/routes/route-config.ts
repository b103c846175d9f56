import type { FastifyInstance, RouteOptions } from "fastify";
import type { Scope } from "../auth/api-keys.js";

declare module "fastify" {
  interface FastifyInstance {
    /** The group the routes of this plugin belong to (routeGroup), if any. */
    routeGroup?: RouteGroup;
  }
}

type Scopes = Scope | readonly Scope[];

/**
 * What the routes of one module share, said once instead of on every route: their OpenAPI tags
 * and the scope they need — `read` for GET, `write` for the rest (any one of a list). A route
 * that needs another scope names it in its own `config.scope`.
 */
export interface RouteGroup {
  readonly tags: readonly string[];
  readonly read?: Scopes;
  readonly write?: Scopes;
}

/** Puts the routes this plugin registers into `group` (call it first in the plugin). */
export function routeGroup(app: FastifyInstance, group: RouteGroup): void {
  app.decorate("routeGroup", group);
}

/**
 * The onRoute hook app.ts adds before the rate limiter (which reads `config.rateLimit` as each
 * route is added): a grouped route gets the group's tags, its scope unless it names its own,
 * and a rate limit per API key (limits from the key or the server's default, see app.ts).
 */
export function applyRouteGroup(this: FastifyInstance, route: RouteOptions): void {
  const group = this.routeGroup;
  if (!group) return;
  const scope = route.method === "GET" || route.method === "HEAD" ? group.read : group.write;
  route.config = { ...(scope === undefined ? {} : { scope }), rateLimit: {}, ...route.config };
  route.schema = { tags: [...group.tags], ...route.schema };
}

/** Who did it, for the audit log: the calling key, or the system itself. */
export function actorOf(key: { readonly id: string } | undefined): string {
  return key ? `apikey:${key.id}` : "system";
}
