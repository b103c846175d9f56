/**
 * Who may do what in the review queue. A moderator's key makes the caller that moderator, with
 * the account's role; an admin API key (no moderator behind it) may read everything and manage
 * accounts, but claims and decisions need a person: a moderator's key.
 */
import type { FastifyRequest } from "fastify";
import { VigilError } from "../../core/index.js";
import type { ReviewActor } from "../../engine/index.js";
import type { ModeratorRole } from "../../store/index.js";

function forbidden(message: string): VigilError {
  return new VigilError("auth/forbidden", message);
}

/** The moderator calling, who must hold one of `roles` (default: any). */
export function moderatorOf(
  request: FastifyRequest,
  roles: readonly ModeratorRole[] = ["moderator", "lead", "admin"],
): ReviewActor {
  const moderator = request.moderator;
  if (!moderator) throw forbidden("This call needs a moderator's API key.");
  if (!roles.includes(moderator.role)) {
    throw forbidden(`This call needs the role ${roles.join(" or ")}.`);
  }
  return { id: moderator.id, role: moderator.role };
}

function isAdminKey(request: FastifyRequest): boolean {
  return request.apiKey?.scopes.includes("admin") === true && !request.moderator;
}

/** The role whose view of the queue the caller gets: a moderator's, or an admin key's. */
export function viewerRole(
  request: FastifyRequest,
  roles: readonly ModeratorRole[] = ["moderator", "lead", "admin"],
): ModeratorRole {
  if (isAdminKey(request)) return "admin";
  return moderatorOf(request, roles).role;
}

/** Account management: an admin API key, or a moderator with the admin role. */
export function requireAccountAdmin(request: FastifyRequest): string {
  if (isAdminKey(request)) return `apikey:${request.apiKey!.id}`;
  return `moderator:${moderatorOf(request, ["admin"]).id}`;
}

/** Whether the caller may read moderators' notes (moderators and admin keys, not platforms). */
export function readsNotes(request: FastifyRequest): boolean {
  return request.moderator !== undefined || isAdminKey(request);
}
