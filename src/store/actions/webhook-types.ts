/**
 * Webhook endpoints: where Vigil posts its events, each with a signing secret of its own. The
 * secret is stored (Vigil signs with it) but only shown when it is made — at creation and on
 * rotation; every other read returns the endpoint without it.
 */
import type { IsoTimestamp } from "../types.js";

export interface WebhookEndpoint {
  /** A time-ordered UUID (v7). */
  readonly id: string;
  /** http or https, without credentials. Private addresses are allowed: admins set their own. */
  readonly url: string;
  /** The event types it receives; empty means all. */
  readonly events: readonly string[];
  readonly enabled: boolean;
  readonly description: string;
  readonly createdAt: IsoTimestamp;
  readonly updatedAt: IsoTimestamp;
}

/** The endpoint with its signing secret: for the creator, the rotator and the sender only. */
export interface WebhookEndpointWithSecret extends WebhookEndpoint {
  readonly secret: string;
}

export interface NewWebhookEndpoint {
  readonly url: string;
  /** Made by the caller (e.g. `newWebhookSecret()` in actions): 16..256 printable ASCII. */
  readonly secret: string;
  readonly events?: readonly string[];
  readonly enabled?: boolean;
  readonly description?: string;
}

export interface WebhookPatch {
  readonly url?: string;
  readonly events?: readonly string[];
  readonly enabled?: boolean;
  readonly description?: string;
}

export interface WebhookRepository {
  /** The secret is returned here and by `rotateSecret` / `getWithSecret` only. */
  create(endpoint: NewWebhookEndpoint): Promise<WebhookEndpointWithSecret>;
  get(id: string): Promise<WebhookEndpoint | null>;
  /** For the sender, which signs with the secret; never for an API response. */
  getWithSecret(id: string): Promise<WebhookEndpointWithSecret | null>;
  /** All endpoints, oldest first. */
  list(): Promise<WebhookEndpoint[]>;
  update(id: string, patch: WebhookPatch): Promise<WebhookEndpoint>;
  /** Replaces the signing secret with the one given (made by the caller). */
  rotateSecret(id: string, secret: string): Promise<WebhookEndpointWithSecret>;
  delete(id: string): Promise<void>;
}
