/**
 * One HTTP attempt at a webhook: the event as JSON, signed, within a time limit, redirects not
 * followed (a receiver that moved must be updated by its admin; following would send signed
 * events wherever a redirect points). Never throws: the outcome says what happened.
 */
import type { VigilEvent } from "../../engine/index.js";
import { SIGNATURE_HEADER, signWebhook } from "./signature.js";

export const USER_AGENT = "Vigil-Webhooks/0.1";

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export interface PostOutcome {
  readonly ok: boolean;
  /** The HTTP status, when the receiver answered. */
  readonly status?: number;
  /** Why it failed, safe to show an admin: a status or a network error, never the secret. */
  readonly error?: string;
}

export interface PostOptions {
  readonly fetch: FetchLike;
  readonly timeoutMs: number;
  readonly now: Date;
}

/** The body receivers get: exactly the event's four fields. */
export function webhookBody(event: VigilEvent): string {
  return JSON.stringify({ id: event.id, type: event.type, at: event.at, data: event.data });
}

export async function postWebhook(
  url: string,
  secret: string,
  event: VigilEvent,
  options: PostOptions,
): Promise<PostOutcome> {
  const body = webhookBody(event);
  const headers = {
    "Content-Type": "application/json",
    [SIGNATURE_HEADER]: signWebhook(secret, Math.floor(options.now.getTime() / 1000), body),
    "Vigil-Event-Id": event.id,
    "Vigil-Event-Type": event.type,
    "User-Agent": USER_AGENT,
  };
  try {
    const response = await options.fetch(url, {
      method: "POST",
      headers,
      body,
      redirect: "manual",
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    // The answer's body is not read: only the status counts, and a slow body must not hold us.
    await response.body?.cancel().catch(() => undefined);
    const status = response.status;
    if (status >= 200 && status < 300) return { ok: true, status };
    const note = status >= 300 && status < 400 ? " (redirects are not followed)" : "";
    return { ok: false, status, error: `HTTP ${status}${note}` };
  } catch (error) {
    return { ok: false, error: describeFailure(error, options.timeoutMs) };
  }
}

function describeFailure(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")) {
    return `no answer within ${timeoutMs} ms`;
  }
  // undici reports "fetch failed" and puts the reason (ECONNREFUSED, …) in `cause`.
  const cause =
    error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  const code = typeof cause?.code === "string" ? cause.code : undefined;
  const message = error instanceof Error ? error.message : String(error);
  return `network error: ${code ?? message}`;
}
