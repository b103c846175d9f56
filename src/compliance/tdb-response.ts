/**
 * What one call to the bulk endpoint came to, read from the API's answers as its source code
 * gives them (StatementMultipleAPIController, PuidNotUniqueMultipleException): 201 created all;
 * 422 with `errors.existing_puids` refused puids already taken; 422 with `errors.statement_<i>`
 * refused invalid statements (and created none); 429 and 5xx are worth retrying; 401 and 403
 * mean the token is wrong and nothing will work until it is fixed.
 */

export type CallOutcome =
  | { readonly kind: "created"; readonly uuids: ReadonlyMap<string, string> }
  | { readonly kind: "taken"; readonly puids: readonly string[] }
  | { readonly kind: "invalid"; readonly problems: ReadonlyMap<number, string> }
  | { readonly kind: "retry"; readonly status: number | null; readonly delayHintMs: number | null }
  | { readonly kind: "fatal"; readonly status: number; readonly problem: string };

export function readCallOutcome(
  status: number,
  body: unknown,
  retryAfter: string | null,
  now: Date,
): CallOutcome {
  if (status === 201) return { kind: "created", uuids: createdUuids(body) };
  if (status === 429 || status >= 500)
    return { kind: "retry", status, delayHintMs: retryAfterMs(retryAfter, now) };
  if (status === 401 || status === 403) {
    return { kind: "fatal", status, problem: "the Transparency Database refused the token" };
  }
  if (status === 422) {
    const errors = asObject(asObject(body)?.errors);
    const taken = errors?.existing_puids;
    if (Array.isArray(taken) && taken.length > 0) {
      return { kind: "taken", puids: taken.filter((p): p is string => typeof p === "string") };
    }
    const problems = statementProblems(errors);
    if (problems.size > 0) return { kind: "invalid", problems };
  }
  return { kind: "fatal", status, problem: `the Transparency Database answered ${status}` };
}

function createdUuids(body: unknown): Map<string, string> {
  const uuids = new Map<string, string>();
  const list = asObject(body)?.statements;
  if (!Array.isArray(list)) return uuids;
  for (const entry of list) {
    const fields = asObject(entry);
    if (typeof fields?.puid === "string" && typeof fields.uuid === "string")
      uuids.set(fields.puid, fields.uuid);
  }
  return uuids;
}

/** `statement_<i>: { field: [messages] }` → index → "field: message; …" (no values quoted). */
function statementProblems(errors: Record<string, unknown> | null): Map<number, string> {
  const problems = new Map<number, string>();
  for (const [key, value] of Object.entries(errors ?? {})) {
    const match = /^statement_(\d+)$/.exec(key);
    if (!match || typeof value !== "object" || value === null) continue;
    const text = Object.entries(value as Record<string, unknown>)
      .map(
        ([field, messages]) =>
          `${field}: ${Array.isArray(messages) ? messages.join(" ") : "invalid"}`,
      )
      .join("; ");
    problems.set(Number(match[1]), text.slice(0, 2000));
  }
  return problems;
}

/** Retry-After as seconds or an HTTP date; null when absent or unreadable. */
function retryAfterMs(header: string | null, now: Date): number | null {
  if (header === null) return null;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, at - now.getTime());
}

function asObject(value: unknown): Record<string, unknown> | null {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}
