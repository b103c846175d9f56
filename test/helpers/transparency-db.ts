import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach } from "vitest";
import { validateStatement } from "./transparency-db-rules.js";

/**
 * A stand-in for the European Commission's DSA Transparency Database API, on 127.0.0.1 at a
 * random port, answering as the real one does (digital-services-act/transparency-database:
 * routes/api_v1.php, StatementMultipleAPIController, PlatformUniqueIdService):
 *
 * - `POST /api/v1/statements` `{ statements: [1..100] }` with `Authorization: Bearer <token>`:
 *   201 `{ statements: [{ uuid, puid, … }] }` when every statement validates and no puid is taken;
 *   otherwise nothing is created — 422 `{ errors: { statement_<i>: { field: [messages] } } }` for
 *   invalid statements, 422 `{ message, errors: { puid: [...], existing_puids: [...] } }` for a
 *   puid repeated in the call or already stored; 401 without the right token.
 * - `GET /api/v1/statement/existing-puid/<puid>`: 302 when stored, 404 when not.
 *
 * Faults for retry tests: `failNext(status, { retryAfter })` answers the next call with that
 * status, and `dropAfterCommit()` stores the next batch and then closes the connection without an
 * answer — the lost response after which a client must not create the statement twice.
 */
export interface StoredStatement {
  readonly uuid: string;
  readonly statement: Record<string, unknown>;
}

export interface TransparencyDb {
  readonly url: string;
  readonly token: string;
  /** Stored statements by puid. */
  readonly stored: Map<string, StoredStatement>;
  /** Every call: method, path, status answered, and the Authorization header as sent. */
  readonly calls: { method: string; path: string; status: number; authorization: string }[];
  /** Raw request bodies, for checks on what was sent. */
  readonly bodies: string[];
  failNext(status: number, options?: { retryAfter?: number }): void;
  dropAfterCommit(): void;
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(
    servers.splice(0).map(
      (server) =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    ),
  );
});

type Fault = { kind: "status"; status: number; retryAfter?: number } | { kind: "drop" };

export async function startTransparencyDb(
  token = "tdb-test-token-0123456789",
): Promise<TransparencyDb> {
  const faults: Fault[] = [];
  const db: TransparencyDb = {
    url: "",
    token,
    stored: new Map(),
    calls: [],
    bodies: [],
    failNext: (status, options = {}) =>
      faults.push({
        kind: "status",
        status,
        ...(options.retryAfter === undefined ? {} : { retryAfter: options.retryAfter }),
      }),
    dropAfterCommit: () => faults.push({ kind: "drop" }),
  };
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      db.bodies.push(body);
      const answer = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
        db.calls.push({
          method: request.method ?? "",
          path: request.url ?? "",
          status,
          authorization: request.headers.authorization ?? "",
        });
        response.writeHead(status, { "content-type": "application/json", ...headers });
        response.end(JSON.stringify(payload));
      };
      handle(db, faults, request, response, body, answer);
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(db, { url: `http://127.0.0.1:${port}` });
}

type Answer = (status: number, payload: unknown, headers?: Record<string, string>) => void;

function handle(
  db: TransparencyDb,
  faults: Fault[],
  request: IncomingMessage,
  response: ServerResponse,
  body: string,
  answer: Answer,
): void {
  if (request.headers.authorization !== `Bearer ${db.token}`) {
    answer(401, { message: "Unauthenticated." });
    return;
  }
  const fault = faults[0];
  if (fault?.kind === "status") {
    faults.shift();
    const headers: Record<string, string> =
      fault.retryAfter === undefined ? {} : { "retry-after": String(fault.retryAfter) };
    answer(fault.status, { message: "Limit Reached. Please do not overload the API" }, headers);
    return;
  }
  const path = request.url ?? "";
  const existing = /^\/api\/v1\/statement\/existing-puid\/([^/]+)$/.exec(path);
  if (request.method === "GET" && existing) {
    const puid = decodeURIComponent(existing[1]!);
    const found = db.stored.has(puid);
    answer(found ? 302 : 404, {
      message: found ? "statement of reason found" : "statement of reason not found",
      puid,
    });
    return;
  }
  if (request.method !== "POST" || path !== "/api/v1/statements") {
    answer(404, { message: "Not Found" });
    return;
  }
  storeMany(db, faults, response, body, answer, request.headers.authorization ?? "");
}

function storeMany(
  db: TransparencyDb,
  faults: Fault[],
  response: ServerResponse,
  body: string,
  answer: Answer,
  authorization: string,
): void {
  let payload: unknown;
  try {
    payload = JSON.parse(body);
  } catch {
    answer(422, {
      message: "The statements field is required.",
      errors: { statements: ["The statements field is required."] },
    });
    return;
  }
  const statements = (payload as { statements?: unknown } | null)?.statements;
  if (!Array.isArray(statements) || statements.length < 1 || statements.length > 100) {
    const message = "The statements field must have between 1 and 100 items.";
    answer(422, { message, errors: { statements: [message] } });
    return;
  }
  const errors: Record<string, Record<string, string[]>> = {};
  const valid: Record<string, unknown>[] = [];
  statements.forEach((statement, index) => {
    const result = validateStatement(statement);
    if (Object.keys(result.errors).length > 0) errors[`statement_${index}`] = result.errors;
    valid.push(result.validated);
  });
  if (Object.keys(errors).length > 0) {
    answer(422, { errors });
    return;
  }
  const puids = valid.map((s) => String(s.puid));
  const repeated = puids.filter((puid, i) => puids.indexOf(puid) !== i);
  const taken =
    repeated.length > 0 ? [...new Set(repeated)] : puids.filter((puid) => db.stored.has(puid));
  if (taken.length > 0) {
    const message = "The platform identifier(s) are not all unique within this call.";
    answer(422, { message, errors: { puid: [message], existing_puids: taken } });
    return;
  }
  const out = valid.map((statement) => {
    const uuid = randomUUID();
    db.stored.set(String(statement.puid), { uuid, statement });
    return { ...statement, uuid };
  });
  if (faults[0]?.kind === "drop") {
    faults.shift();
    // Stored, and the answer lost: status 0 marks the call that never answered.
    db.calls.push({ method: "POST", path: "/api/v1/statements", status: 0, authorization });
    response.socket?.destroy();
    return;
  }
  answer(201, { statements: out });
}
