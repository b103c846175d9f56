/**
 * submitStatements: statements of reasons to the Commission's Transparency Database, in bulk
 * calls of up to 100 (POST /api/v1/statements).
 *
 * - Only a 201 counts as sent. A 201 is all-or-nothing on the API's side, so every statement of
 *   that call is recorded in the ledger as `created`.
 * - A puid is never sent twice: puids in the ledger are skipped before any call, and a puid the
 *   API says is taken (422 `existing_puids` — e.g. our earlier call was stored but its answer was
 *   lost) is recorded as `already-present` and dropped from the call, which is then sent again.
 * - A statement the API finds invalid (422 `statement_<i>`) fails alone; the rest are sent again.
 * - 429, 5xx and network errors are retried with exponential backoff (Retry-After honoured, up to
 *   the cap); when tries run out the run stops and the statements stay unsent, for the next run.
 * - 401/403 stop the run too: no later call would fare better until the token is fixed.
 * - The token goes into the Authorization header and nowhere else: events and failures name
 *   statuses and counts, never headers or bodies.
 */
import type { SubmissionLedger } from "./ports.js";
import type { StatementOfReasons } from "./sor-types.js";
import { readCallOutcome, type CallOutcome } from "./tdb-response.js";
import type { TransparencyDbSettings } from "./tdb-settings.js";

export interface SubmitOptions {
  readonly settings: TransparencyDbSettings;
  readonly ledger: SubmissionLedger;
  readonly fetch?: typeof fetch;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly now?: () => Date;
  /** In [0, 1): the retry jitter; tests pass a constant. */
  readonly random?: () => number;
  /** Progress for logs and metrics: statuses and counts only. */
  readonly onEvent?: (event: SubmitEvent) => void;
}

export type SubmitEvent =
  | {
      readonly type: "call";
      readonly statements: number;
      readonly attempt: number;
      readonly status: number | null;
    }
  | { readonly type: "retry"; readonly statements: number; readonly delayMs: number }
  | { readonly type: "taken"; readonly statements: number }
  | { readonly type: "invalid"; readonly statements: number };

export interface SubmitFailure {
  readonly puid: string;
  /** True when a later run may succeed (the API was down); false when the statement must change. */
  readonly retryable: boolean;
  readonly problem: string;
}

export interface SubmitResult {
  readonly created: readonly string[];
  readonly alreadyPresent: readonly string[];
  readonly skipped: readonly string[];
  readonly failed: readonly SubmitFailure[];
  /** Why the run stopped early (the token was refused, the API did not answer); null when it did not. */
  readonly stopped: string | null;
}

export async function submitStatements(
  statements: readonly StatementOfReasons[],
  options: SubmitOptions,
): Promise<SubmitResult> {
  const result = {
    created: [] as string[],
    alreadyPresent: [] as string[],
    skipped: [] as string[],
    failed: [] as SubmitFailure[],
  };
  const unique = [...new Map(statements.map((s) => [s.puid, s])).values()];
  const sent = await options.ledger.sent(unique.map((s) => s.puid));
  const pending = unique.filter((s) => {
    if (sent.has(s.puid)) result.skipped.push(s.puid);
    return !sent.has(s.puid);
  });
  const size = options.settings.batchSize;
  for (let start = 0; start < pending.length; start += size) {
    const stopped = await sendBatch(pending.slice(start, start + size), options, result);
    if (stopped !== null) {
      for (const s of pending.slice(start + size))
        result.failed.push({ puid: s.puid, retryable: true, problem: stopped });
      return { ...result, stopped };
    }
  }
  return { ...result, stopped: null };
}

type Tally = { created: string[]; alreadyPresent: string[]; failed: SubmitFailure[] };

/** Sends one batch to its end; returns why the whole run must stop, or null. */
async function sendBatch(
  batch: readonly StatementOfReasons[],
  options: SubmitOptions,
  tally: Tally,
): Promise<string | null> {
  const now = options.now ?? (() => new Date());
  let pending = [...batch];
  let failures = 0;
  while (pending.length > 0) {
    const outcome = await call(pending, options, failures + 1);
    switch (outcome.kind) {
      case "created": {
        await options.ledger.record(
          pending.map((s) => ({
            puid: s.puid,
            outcome: "created",
            uuid: outcome.uuids.get(s.puid) ?? null,
            at: now().toISOString(),
          })),
        );
        tally.created.push(...pending.map((s) => s.puid));
        return null;
      }
      case "taken": {
        const taken = new Set(outcome.puids);
        const dropped = pending.filter((s) => taken.has(s.puid));
        // A 422 naming none of ours cannot be resolved by sending again.
        if (dropped.length === 0)
          return fail(pending, tally, false, "the API refused the puids of the call");
        await options.ledger.record(
          dropped.map((s) => ({
            puid: s.puid,
            outcome: "already-present",
            uuid: null,
            at: now().toISOString(),
          })),
        );
        tally.alreadyPresent.push(...dropped.map((s) => s.puid));
        options.onEvent?.({ type: "taken", statements: dropped.length });
        pending = pending.filter((s) => !taken.has(s.puid));
        break;
      }
      case "invalid": {
        const bad = pending.filter((_, i) => outcome.problems.has(i));
        if (bad.length === 0) return fail(pending, tally, false, "the API refused the call");
        bad.forEach((s) => {
          tally.failed.push({
            puid: s.puid,
            retryable: false,
            problem: outcome.problems.get(pending.indexOf(s)) ?? "invalid",
          });
        });
        options.onEvent?.({ type: "invalid", statements: bad.length });
        pending = pending.filter((_, i) => !outcome.problems.has(i));
        break;
      }
      case "retry": {
        failures += 1;
        if (failures >= options.settings.maxAttempts) {
          // The API is down or overloaded: later batches would fare no better this run.
          const problem = `no answer after ${failures} tries (last: ${outcome.status ?? "network error"})`;
          fail(pending, tally, true, problem);
          return problem;
        }
        const delayMs = retryDelay(failures, outcome.delayHintMs, options);
        options.onEvent?.({ type: "retry", statements: pending.length, delayMs });
        await (options.sleep ?? sleep)(delayMs);
        break;
      }
      case "fatal": {
        const stop = outcome.status === 401 || outcome.status === 403;
        fail(pending, tally, stop, outcome.problem);
        return stop ? outcome.problem : null;
      }
    }
  }
  return null;
}

function fail(
  pending: readonly StatementOfReasons[],
  tally: Tally,
  retryable: boolean,
  problem: string,
): null {
  for (const s of pending) tally.failed.push({ puid: s.puid, retryable, problem });
  return null;
}

async function call(
  batch: readonly StatementOfReasons[],
  options: SubmitOptions,
  attempt: number,
): Promise<CallOutcome> {
  const { settings } = options;
  let response: Response;
  try {
    response = await (options.fetch ?? fetch)(`${settings.baseUrl}/api/v1/statements`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${settings.token.reveal()}`,
        accept: "application/json",
        "content-type": "application/json",
      },
      body: JSON.stringify({ statements: batch }),
      redirect: "error",
      signal: AbortSignal.timeout(settings.timeoutMs),
    });
  } catch {
    // A network error or a timeout: the call may or may not have been stored. Sending again is
    // safe — a stored puid comes back as taken.
    options.onEvent?.({ type: "call", statements: batch.length, attempt, status: null });
    return { kind: "retry", status: null, delayHintMs: null };
  }
  options.onEvent?.({ type: "call", statements: batch.length, attempt, status: response.status });
  const body: unknown = await response.json().catch(() => null);
  return readCallOutcome(
    response.status,
    body,
    response.headers.get("retry-after"),
    (options.now ?? (() => new Date()))(),
  );
}

/** Doubling from the base, jittered ±20 %, capped; a longer Retry-After wins, up to the cap. */
function retryDelay(failures: number, hintMs: number | null, options: SubmitOptions): number {
  const { retryBaseMs, retryMaxMs } = options.settings;
  const jitter = 0.8 + 0.4 * (options.random ?? Math.random)();
  const backoff = Math.round(retryBaseMs * 2 ** Math.min(failures - 1, 20) * jitter);
  return Math.min(retryMaxMs, Math.max(backoff, hintMs ?? 0));
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
