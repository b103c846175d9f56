/** Webhook endpoints, over SQL. Reads leave the secret out unless they exist to hand it over. */
import { VigilError } from "../../core/index.js";
import { newId } from "../ids.js";
import type { WebhookRepository } from "./webhook-types.js";
import type {
  NewWebhookEndpoint,
  WebhookEndpoint,
  WebhookEndpointWithSecret,
  WebhookPatch,
} from "./webhook-types.js";
import { checkBoolean, checkList, checkText, checkToken, invalid } from "../validate.js";
import { bool, stringList, text, timestamp } from "../sql/columns.js";
import type { RepositoryContext } from "../sql/context.js";
import { nowIso } from "../sql/context.js";
import type { Row } from "../sql/executor.js";
import { first } from "../sql/executor.js";

const EVENT_TYPE = /^[a-z][a-z0-9_.-]{0,63}$/;
const SECRET = /^[\x21-\x7e]{16,256}$/;

/** http(s), no user or password in it: the secret, not the URL, authenticates Vigil. */
export function checkWebhookUrl(value: unknown, field = "url"): string {
  const url = checkText(value, field, 2000);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    invalid(field, "expected an absolute http or https URL");
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    invalid(field, "expected an http or https URL");
  }
  if (parsed.username !== "" || parsed.password !== "") {
    invalid(field, "must not hold a user name or password");
  }
  return url;
}

const FIELDS: Readonly<Record<keyof WebhookPatch, { column: string; check(v: unknown): unknown }>> =
  {
    url: { column: "url", check: (v) => checkWebhookUrl(v) },
    events: {
      column: "events",
      check: (v) =>
        JSON.stringify(
          checkList(v, "events", 64, (type, field) =>
            checkToken(type, field, EVENT_TYPE, "expected an event type such as item.verdict"),
          ),
        ),
    },
    enabled: { column: "enabled", check: (v) => checkBoolean(v, "enabled") },
    description: {
      column: "description",
      check: (v) => checkText(v, "description", 2000, { allowEmpty: true, multiline: true }),
    },
  };

export class SqlWebhooks implements WebhookRepository {
  constructor(private readonly context: RepositoryContext) {}

  async create(endpoint: NewWebhookEndpoint): Promise<WebhookEndpointWithSecret> {
    if (typeof endpoint !== "object" || endpoint === null)
      invalid("endpoint", "expected an object");
    const values = [
      FIELDS.url.check(endpoint.url),
      checkSecret(endpoint.secret),
      FIELDS.events.check(endpoint.events ?? []),
      FIELDS.enabled.check(endpoint.enabled ?? true),
      FIELDS.description.check(endpoint.description ?? ""),
    ];
    const now = this.context.clock();
    const row = await first(
      this.context.db,
      `INSERT INTO webhook_endpoints (id, url, secret, events, enabled, description, created_at,
         updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`,
      [newId(now), ...values, now.toISOString(), now.toISOString()],
    );
    return withSecret(row!);
  }

  async get(id: string): Promise<WebhookEndpoint | null> {
    const row = await first(this.context.db, "SELECT * FROM webhook_endpoints WHERE id = ?", [id]);
    return row ? decodeEndpoint(row) : null;
  }

  async getWithSecret(id: string): Promise<WebhookEndpointWithSecret | null> {
    const row = await first(this.context.db, "SELECT * FROM webhook_endpoints WHERE id = ?", [id]);
    return row ? withSecret(row) : null;
  }

  async list(): Promise<WebhookEndpoint[]> {
    return (await this.context.db.all("SELECT * FROM webhook_endpoints ORDER BY id")).map(
      decodeEndpoint,
    );
  }

  async update(id: string, patch: WebhookPatch): Promise<WebhookEndpoint> {
    if (typeof patch !== "object" || patch === null) invalid("patch", "expected an object");
    const sets: string[] = [];
    const params: unknown[] = [];
    for (const key of Object.keys(FIELDS) as (keyof WebhookPatch)[]) {
      if (patch[key] === undefined) continue;
      sets.push(`${FIELDS[key].column} = ?`);
      params.push(FIELDS[key].check(patch[key]));
    }
    const row = await first(
      this.context.db,
      `UPDATE webhook_endpoints SET ${[...sets, "updated_at = ?"].join(", ")} WHERE id = ?
       RETURNING *`,
      [...params, nowIso(this.context), id],
    );
    if (!row) throw endpointNotFound(id);
    return decodeEndpoint(row);
  }

  async rotateSecret(id: string, secret: string): Promise<WebhookEndpointWithSecret> {
    const row = await first(
      this.context.db,
      "UPDATE webhook_endpoints SET secret = ?, updated_at = ? WHERE id = ? RETURNING *",
      [checkSecret(secret), nowIso(this.context), id],
    );
    if (!row) throw endpointNotFound(id);
    return withSecret(row);
  }

  async delete(id: string): Promise<void> {
    const deleted = await this.context.db.run("DELETE FROM webhook_endpoints WHERE id = ?", [id]);
    if (deleted === 0) throw endpointNotFound(id);
  }
}

function checkSecret(value: unknown): string {
  return checkToken(value, "secret", SECRET, "expected 16..256 printable ASCII characters");
}

function endpointNotFound(id: string): VigilError {
  return new VigilError("store/not-found", `There is no webhook endpoint "${id}".`, {
    webhookId: id,
  });
}

function decodeEndpoint(row: Row): WebhookEndpoint {
  return {
    id: text(row, "id"),
    url: text(row, "url"),
    events: stringList(row, "events"),
    enabled: bool(row, "enabled"),
    description: text(row, "description"),
    createdAt: timestamp(row, "created_at"),
    updatedAt: timestamp(row, "updated_at"),
  };
}

function withSecret(row: Row): WebhookEndpointWithSecret {
  return { ...decodeEndpoint(row), secret: text(row, "secret") };
}
