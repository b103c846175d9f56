import type { FastifyPluginAsync, FastifyRequest } from "fastify";
import { VigilError } from "../../core/index.js";
import type { Moderator, Session } from "../../store/index.js";
import type { ServerContext } from "../context.js";
import { secretMatchesSlowHash, spendCheckTime } from "../../engine/index.js";
import {
  checkCsrf,
  clearSessionCookie,
  readSession,
  setSessionCookie,
  startSession,
} from "../auth/session-auth.js";
import { errorResponse } from "./schemas.js";

/** Sign-in attempts a minute from one address: enough for typos, too few to guess. */
const SIGN_IN_PER_MINUTE = 10;

const sessionBody = {
  type: "object",
  required: ["moderator", "csrfToken"],
  properties: {
    moderator: {
      type: "object",
      required: ["id", "name", "role"],
      properties: { id: { type: "string" }, name: { type: "string" }, role: { type: "string" } },
    },
    csrfToken: { type: "string" },
  },
} as const;

function describe(moderator: Moderator, session: Session) {
  return {
    moderator: { id: moderator.id, name: moderator.name, role: moderator.role },
    csrfToken: session.csrfToken,
  };
}

function badCredentials(): VigilError {
  return new VigilError("auth/bad-credentials", "The name or the password is wrong.");
}

/** The console's sign-in: a session cookie for a moderator's name and password (docs/WEB-API.md). */
export function sessionRoutes({ store }: ServerContext): FastifyPluginAsync {
  const tags = ["session"];
  const signedIn = async (request: FastifyRequest) => {
    const found = await readSession(request, store);
    if (!found) {
      throw new VigilError("auth/missing-key", "Not signed in: sign in with POST /v1/session.");
    }
    return found;
  };
  return async (app) => {
    app.post(
      "/v1/session",
      {
        config: {
          rateLimit: {
            max: SIGN_IN_PER_MINUTE,
            timeWindow: "1 minute",
            keyGenerator: (request: FastifyRequest) => `sign-in:${request.ip}`,
          },
        },
        schema: {
          tags,
          summary: "Sign in to the console (sets the vigil_session cookie)",
          security: [],
          body: {
            type: "object",
            additionalProperties: false,
            required: ["name", "password"],
            properties: {
              name: { type: "string", minLength: 1, maxLength: 100 },
              password: { type: "string", minLength: 1, maxLength: 1000 },
            },
          },
          response: { 200: sessionBody, "4xx": errorResponse },
        },
      },
      async (request, reply) => {
        const { name, password } = request.body as { name: string; password: string };
        const found = await store.moderators.findCredentials(name);
        // The same work and the same answer whether the name or the password is wrong.
        const valid =
          found?.passwordHash && found.moderator.disabledAt === null
            ? await secretMatchesSlowHash(password, found.passwordHash)
            : await spendCheckTime(password);
        if (!valid || !found) throw badCredentials();
        const { token, session } = await startSession(store, found.moderator);
        await store.audit.append({
          actor: `moderator:${found.moderator.id}`,
          action: "session.create",
          subjectType: "moderator",
          subjectId: found.moderator.id,
        });
        setSessionCookie(request, reply, token);
        return describe(found.moderator, session);
      },
    );

    app.get(
      "/v1/session",
      {
        schema: {
          tags,
          summary: "The signed-in moderator and the session's CSRF token",
          security: [],
          response: { 200: sessionBody, "4xx": errorResponse },
        },
      },
      async (request) => {
        const { moderator, session } = await signedIn(request);
        return describe(moderator, session);
      },
    );

    app.delete(
      "/v1/session",
      {
        schema: {
          tags,
          summary: "Sign out (deletes the session, clears the cookie)",
          security: [],
          response: { "4xx": errorResponse },
        },
      },
      async (request, reply) => {
        const { moderator, session } = await signedIn(request);
        checkCsrf(request, session);
        await store.sessions.delete(session.tokenHash);
        await store.audit.append({
          actor: `moderator:${moderator.id}`,
          action: "session.delete",
          subjectType: "moderator",
          subjectId: moderator.id,
        });
        clearSessionCookie(request, reply);
        return reply.status(204).send();
      },
    );
  };
}
