import { VigilError } from "../../core/index.js";
import { generatePassword, hashSecretSlowly } from "../../engine/index.js";
import { MODERATOR_ROLES, type ModeratorRole } from "../../store/index.js";
import type { CliIo } from "../io.js";
import { openConfiguredStore } from "../open-store.js";

export interface ModeratorsAddOptions {
  readonly name: string;
  readonly role: string;
  readonly data?: string;
}

/**
 * `vigil moderators add`: a console account with a generated password, printed once to stdout
 * and stored as scrypt — how the first admin of a fresh installation signs in to the console.
 */
export async function runModeratorsAdd(options: ModeratorsAddOptions, io: CliIo): Promise<number> {
  if (!(MODERATOR_ROLES as readonly string[]).includes(options.role)) {
    io.stderr(`vigil moderators add: --role must be one of ${MODERATOR_ROLES.join(", ")}\n`);
    return 2;
  }
  const store = await openConfiguredStore(options.data);
  try {
    const moderator = await store.moderators.create({
      name: options.name,
      role: options.role as ModeratorRole,
    });
    const password = generatePassword();
    await store.moderators.setPasswordHash(moderator.id, await hashSecretSlowly(password));
    await store.audit.append({
      actor: "cli",
      action: "moderator.create",
      subjectType: "moderator",
      subjectId: moderator.id,
      details: { name: moderator.name, role: moderator.role },
    });
    io.stdout(`${password}\n`);
    io.stderr(
      `Created ${moderator.role} "${moderator.name}" (${moderator.id}). The password above is shown once; sign in at /console.\n`,
    );
    return 0;
  } catch (error) {
    if (error instanceof VigilError && error.code === "store/conflict") {
      io.stderr(
        `vigil moderators add: "${options.name}" exists; use \`vigil moderators password ${options.name}\`\n`,
      );
      return 1;
    }
    throw error;
  } finally {
    await store.close();
  }
}

/** `vigil moderators password NAME`: a new generated password (the old one stops working). */
export async function runModeratorsPassword(
  name: string,
  options: { readonly data?: string },
  io: CliIo,
): Promise<number> {
  const store = await openConfiguredStore(options.data);
  try {
    const found = await store.moderators.findCredentials(name);
    if (!found) {
      io.stderr(`vigil moderators password: there is no moderator "${name}"\n`);
      return 1;
    }
    const password = generatePassword();
    await store.moderators.setPasswordHash(found.moderator.id, await hashSecretSlowly(password));
    await store.sessions.deleteForModerator(found.moderator.id);
    await store.audit.append({
      actor: "cli",
      action: "moderator.password",
      subjectType: "moderator",
      subjectId: found.moderator.id,
    });
    io.stdout(`${password}\n`);
    io.stderr(`New password for "${found.moderator.name}", shown once; her sessions were ended.\n`);
    return 0;
  } finally {
    await store.close();
  }
}
