/**
 * Moderator accounts: created with their first API key (a `review` key that signs the
 * moderator's calls), role changes, disabling, new keys. Every change is an audit event.
 */
import { VigilError } from "../../core/index.js";
import type { ApiKey, Moderator, ModeratorPatch, NewModerator, Store } from "../../store/index.js";
import { generateApiKey } from "./api-keys.js";
import { hashSecretSlowly } from "../../engine/index.js";

/** The shortest console password accepted (docs/WEB-API.md). */
export const MIN_PASSWORD_LENGTH = 12;

export interface IssuedKey {
  /** The whole key, shown once. */
  readonly token: string;
  readonly key: ApiKey;
}

export class ModeratorService {
  constructor(private readonly store: Store) {}

  async create(input: NewModerator, actor: string): Promise<{ moderator: Moderator } & IssuedKey> {
    const moderator = await this.store.moderators.create(input);
    await this.store.audit.append({
      actor,
      action: "moderator.create",
      subjectType: "moderator",
      subjectId: moderator.id,
      details: { name: moderator.name, role: moderator.role },
    });
    return { moderator, ...(await this.issueKey(moderator, actor)) };
  }

  async update(id: string, patch: ModeratorPatch, actor: string): Promise<Moderator> {
    const moderator = await this.store.moderators.update(id, patch);
    await this.store.audit.append({
      actor,
      action: "moderator.update",
      subjectType: "moderator",
      subjectId: id,
      details: {
        ...(patch.role !== undefined ? { role: patch.role } : {}),
        ...(patch.disabled !== undefined ? { disabled: patch.disabled } : {}),
      },
    });
    return moderator;
  }

  async issueKey(moderator: Moderator, actor: string): Promise<IssuedKey> {
    const generated = generateApiKey();
    const key = await this.store.apiKeys.create({
      name: `moderator ${moderator.name}`,
      prefix: generated.prefix,
      secretHash: generated.secretHash,
      scopes: ["review"],
      moderatorId: moderator.id,
    });
    await this.store.audit.append({
      actor,
      action: "apikey.create",
      subjectType: "apikey",
      subjectId: key.id,
      details: { name: key.name, scopes: [...key.scopes], moderatorId: moderator.id },
    });
    return { token: generated.token, key };
  }

  /**
   * Sets the console password (stored as scrypt). Set by someone else (an admin), the
   * moderator's open sessions end: whoever knew the old password is signed out.
   */
  async setPassword(moderatorId: string, password: string, actor: string): Promise<void> {
    if (password.length < MIN_PASSWORD_LENGTH) {
      throw new VigilError(
        "request/invalid",
        `A password needs at least ${MIN_PASSWORD_LENGTH} characters.`,
        { field: "password" },
      );
    }
    await this.store.moderators.setPasswordHash(moderatorId, await hashSecretSlowly(password));
    if (actor !== `moderator:${moderatorId}`)
      await this.store.sessions.deleteForModerator(moderatorId);
    await this.store.audit.append({
      actor,
      action: "moderator.password",
      subjectType: "moderator",
      subjectId: moderatorId,
    });
  }
}
