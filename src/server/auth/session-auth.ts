/**
 * Console sessions: a moderator signs in with her name and password and gets an opaque cookie.
 * The cookie's token is 32 random bytes; the store keeps only its SHA-256, so the sessions table
 * cannot be replayed. A session ends after 12 hours idle. A cookie is sent by the browser on its
 * own, so every unsafe request it authenticates must also carry the session's CSRF token in a
 * header, which a page from another origin cannot read or set.
 */
import { randomBytes } from "node:crypto";
// The type augmentation of request.cookies and reply.setCookie (the plugin is registered in app.ts).
import type {} from "@fastify/cookie";
import type { FastifyReply, FastifyRequest } from "fastify";
import { VigilError } from "../../core/index.js";
import type {
  ApiKey,
  ApiScope,
  Moderator,
  ModeratorRole,
  Session,
  Store,
} from "../../store/index.js";
import { hashSecret, sameSecret } from "./api-keys.js";

export const SESSION_COOKIE = "vigil_session";
export const CSRF_HEADER = "x-csrf-token";
export const SESSION_IDLE_MS = 12 * 60 * 60 * 1000;
/** Moving a session's idle expiry costs a write; once a minute is precise enough. */
const TOUCH_EVERY_MS = 60_000;
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** What the console's role allows, as the scopes of the moderator's own key would. */
const ROLE_SCOPES: Readonly<Record<ModeratorRole, readonly ApiScope[]>> = {
  moderator: ["review", "banks:read", "policies:read", "report"],
  lead: ["review", "banks:read", "policies:read", "report"],
  admin: ["admin"],
};

export interface SignedIn {
  readonly session: Session;
  readonly moderator: Moderator;
}

/** A session token is stored as an API key's secret is: its SHA-256. */
export const hashSessionToken = hashSecret;

/** A new session: the cookie's token (to set once) and the stored record. */
export async function startSession(
  store: Store,
  moderator: Moderator,
): Promise<{ token: string; session: Session }> {
  const token = randomBytes(32).toString("base64url");
  const session = await store.sessions.create({
    tokenHash: hashSessionToken(token),
    moderatorId: moderator.id,
    csrfToken: randomBytes(32).toString("base64url"),
  });
  // Sweeping here keeps the table small without a timer: sign-ins are rare.
  await store.sessions.purgeIdle(SESSION_IDLE_MS);
  return { token, session };
}

function cookieToken(request: FastifyRequest): string | undefined {
  const value = request.cookies[SESSION_COOKIE];
  return typeof value === "string" && /^[A-Za-z0-9_-]{43}$/.test(value) ? value : undefined;
}

/** The live session the request's cookie names, with its enabled moderator; else null. */
export async function readSession(request: FastifyRequest, store: Store): Promise<SignedIn | null> {
  const token = cookieToken(request);
  if (token === undefined) return null;
  const session = await store.sessions.find(hashSessionToken(token), SESSION_IDLE_MS);
  if (!session) return null;
  const moderator = await store.moderators.get(session.moderatorId);
  if (!moderator || moderator.disabledAt !== null) return null;
  if (Date.now() - Date.parse(session.lastSeenAt) > TOUCH_EVERY_MS) {
    store.sessions
      .touch(session.tokenHash)
      .catch((error: unknown) => request.log.warn({ err: error }, "session touch failed"));
  }
  return { session, moderator };
}

/** 403 `auth/csrf` unless a safe method, or the header holds the session's CSRF token. */
export function checkCsrf(request: FastifyRequest, session: Session): void {
  if (SAFE_METHODS.has(request.method)) return;
  const header = request.headers[CSRF_HEADER];
  if (!sameSecret(typeof header === "string" ? header : "", session.csrfToken)) {
    throw new VigilError(
      "auth/csrf",
      "This request needs the session's CSRF token in the X-CSRF-Token header.",
    );
  }
}

/**
 * The key a signed-in moderator acts with: never stored, it carries the role's scopes so every
 * route checks a cookie as it checks her key. Its id names the moderator for rate limits.
 */
export function sessionKey(moderator: Moderator): ApiKey {
  return {
    id: `session:${moderator.id}`,
    name: `session ${moderator.name}`,
    prefix: "session",
    secretHash: "",
    scopes: ROLE_SCOPES[moderator.role],
    rateLimitPerMinute: null,
    createdAt: moderator.createdAt,
    lastUsedAt: null,
    revokedAt: null,
    moderatorId: moderator.id,
  };
}

/** Authenticates a request that came with the session cookie and no key; null without one. */
export async function authenticateSession(
  request: FastifyRequest,
  store: Store,
): Promise<{ key: ApiKey; moderator: Moderator } | null> {
  const signedIn = await readSession(request, store);
  if (!signedIn) return null;
  checkCsrf(request, signedIn.session);
  return { key: sessionKey(signedIn.moderator), moderator: signedIn.moderator };
}

export function setSessionCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  token: string,
): void {
  void reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: "strict",
    path: "/",
    secure: request.protocol === "https",
  });
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply): void {
  void reply.clearCookie(SESSION_COOKIE, {
    httpOnly: true,
    sameSite: "strict",
    path: "/",
    secure: request.protocol === "https",
  });
}
