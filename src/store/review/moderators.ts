/** Moderator accounts, over SQL. Never deleted: decisions keep naming who made them. */
import { VigilError } from "../../core/index.js";
import type { Moderator, ModeratorPatch, NewModerator } from "./review-types.js";
import { MODERATOR_ROLES } from "./review-types.js";
import type { ModeratorRepository } from "./review-types.js";
import { newId } from "../ids.js";
import { checkBoolean, checkOneOf, checkText, invalid } from "../validate.js";
import { checkId } from "./case-queue.js";
import type { RepositoryContext } from "../sql/context.js";
import { first } from "../sql/executor.js";
import { nullableText } from "../sql/columns.js";
import { decodeModerator } from "./review-rows.js";

export class SqlModerators implements ModeratorRepository {
  constructor(private readonly context: RepositoryContext) {}

  async create(input: NewModerator): Promise<Moderator> {
    if (typeof input !== "object" || input === null) invalid("moderator", "expected an object");
    const name = checkText(input.name, "name", 100).trim();
    const role = checkOneOf(input.role, "role", MODERATOR_ROLES);
    const now = this.context.clock();
    const row = await first(
      this.context.db,
      `INSERT INTO moderators (id, name, role, created_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (name) DO NOTHING RETURNING *`,
      [newId(now), name, role, now.toISOString()],
    );
    if (!row) {
      throw new VigilError("store/conflict", `A moderator named "${name}" already exists.`, {
        field: "name",
      });
    }
    return decodeModerator(row);
  }

  async get(id: string): Promise<Moderator | null> {
    const row = await first(this.context.db, "SELECT * FROM moderators WHERE id = ?", [
      checkId(id, "id"),
    ]);
    return row ? decodeModerator(row) : null;
  }

  async list(): Promise<Moderator[]> {
    return (await this.context.db.all("SELECT * FROM moderators ORDER BY id")).map(decodeModerator);
  }

  /** Disabling twice keeps the first time; enabling clears it. */
  async update(id: string, patch: ModeratorPatch): Promise<Moderator> {
    if (typeof patch !== "object" || patch === null) invalid("patch", "expected an object");
    const role = patch.role === undefined ? null : checkOneOf(patch.role, "role", MODERATOR_ROLES);
    const disabled = patch.disabled === undefined ? null : checkBoolean(patch.disabled, "disabled");
    const at = this.context.clock().toISOString();
    const row = await first(
      this.context.db,
      `UPDATE moderators SET role = COALESCE(?, role), disabled_at = ${
        disabled === null ? "disabled_at" : disabled ? "COALESCE(disabled_at, ?)" : "NULL"
      } WHERE id = ? RETURNING *`,
      [role, ...(disabled === true ? [at] : []), checkId(id, "id")],
    );
    if (!row) {
      throw new VigilError("store/not-found", `There is no moderator "${id}".`, {
        moderatorId: id,
      });
    }
    return decodeModerator(row);
  }

  async findCredentials(
    name: string,
  ): Promise<{ moderator: Moderator; passwordHash: string | null } | null> {
    const row = await first(this.context.db, "SELECT * FROM moderators WHERE name = ?", [
      checkText(name, "name", 100).trim(),
    ]);
    if (!row) return null;
    return { moderator: decodeModerator(row), passwordHash: nullableText(row, "password_hash") };
  }

  async setPasswordHash(id: string, passwordHash: string | null): Promise<void> {
    if (passwordHash !== null) checkText(passwordHash, "passwordHash", 500);
    const changed = await this.context.db.run(
      "UPDATE moderators SET password_hash = ? WHERE id = ?",
      [passwordHash, checkId(id, "id")],
    );
    if (changed === 0) {
      throw new VigilError("store/not-found", `There is no moderator "${id}".`, {
        moderatorId: id,
      });
    }
  }
}
