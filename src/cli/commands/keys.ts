import { isScope, issueApiKey, SCOPES, type Scope } from "../../server/index.js";
import type { CliIo } from "../io.js";
import { openConfiguredStore } from "../open-store.js";

export interface KeysCreateOptions {
  readonly name: string;
  readonly scopes: string;
  readonly rateLimit?: number;
  readonly data?: string;
}

/** `vigil keys create`: a new API key, its secret printed once to stdout and stored hashed. */
export async function runKeysCreate(options: KeysCreateOptions, io: CliIo): Promise<number> {
  const scopes = options.scopes
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = scopes.filter((s) => !isScope(s));
  if (scopes.length === 0 || unknown.length > 0) {
    io.stderr(
      `vigil keys create: unknown scope ${unknown.join(", ") || "(none given)"}; use ${SCOPES.join(", ")}\n`,
    );
    return 2;
  }
  const store = await openConfiguredStore(options.data);
  try {
    const { token, key: created } = await issueApiKey(store, {
      name: options.name,
      scopes: scopes as Scope[],
      rateLimitPerMinute: options.rateLimit ?? null,
      actor: "cli",
    });
    io.stdout(`${token}\n`);
    io.stderr(
      `Created key ${created.id} (${created.name}: ${scopes.join(", ")}). The key above is shown once.\n`,
    );
    return 0;
  } finally {
    await store.close();
  }
}

/** `vigil keys list`: ids, names, scopes and state; never secrets. */
export async function runKeysList(options: { readonly data?: string }, io: CliIo): Promise<number> {
  const store = await openConfiguredStore(options.data);
  try {
    for (const key of await store.apiKeys.list()) {
      const state = key.revokedAt
        ? `revoked ${key.revokedAt}`
        : `last used ${key.lastUsedAt ?? "never"}`;
      io.stdout(
        `${key.id}  vgl_${key.prefix}_…  ${key.name}  [${key.scopes.join(",")}]  ${state}\n`,
      );
    }
    return 0;
  } finally {
    await store.close();
  }
}

/** `vigil keys revoke ID`: the key stops working at its next request. */
export async function runKeysRevoke(
  id: string,
  options: { readonly data?: string },
  io: CliIo,
): Promise<number> {
  const store = await openConfiguredStore(options.data);
  try {
    const key = await store.apiKeys.revoke(id);
    await store.audit.append({
      actor: "cli",
      action: "apikey.revoke",
      subjectType: "apikey",
      subjectId: key.id,
    });
    io.stdout(`Revoked ${key.id} (${key.name}).\n`);
    return 0;
  } finally {
    await store.close();
  }
}
