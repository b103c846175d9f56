import type { Scope } from "../auth/api-keys.js";

/**
 * Route options shared by every authenticated route: the scope it needs, rate limiting per API
 * key (limits from the key or the server's default, see app.ts), and the security note in the
 * OpenAPI document.
 */
export function authenticated(scope: Scope | readonly Scope[]) {
  return { config: { scope, rateLimit: {} } } as const;
}

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
