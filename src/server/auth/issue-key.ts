import type { ApiKey, Store } from "../../store/index.js";
import { generateApiKey, type Scope } from "./api-keys.js";

export interface IssueKeyOptions {
  readonly name: string;
  readonly scopes: readonly Scope[];
  /** Requests a minute; null or absent: the server's default. */
  readonly rateLimitPerMinute?: number | null;
  /** Who asked, for the audit log (`cli`, `system`, `apikey:<id>`). */
  readonly actor: string;
}

/**
 * Creates an API key: stores its prefix and the SHA-256 of its secret, logs who made it, and
 * returns the whole token — the only time it exists outside the caller's hands.
 */
export async function issueApiKey(
  store: Store,
  options: IssueKeyOptions,
): Promise<{ token: string; key: ApiKey }> {
  const generated = generateApiKey();
  const key = await store.apiKeys.create({
    name: options.name,
    prefix: generated.prefix,
    secretHash: generated.secretHash,
    scopes: options.scopes,
    rateLimitPerMinute: options.rateLimitPerMinute ?? null,
  });
  await store.audit.append({
    actor: options.actor,
    action: "apikey.create",
    subjectType: "apikey",
    subjectId: key.id,
    details: { name: key.name, scopes: [...key.scopes] },
  });
  return { token: generated.token, key };
}
