/**
 * The slice of the `nats` client (v2) the JetStream backend uses. The types come from the
 * package, narrowed with Pick to the members we call, so an upgrade that changes one of them
 * fails to compile here rather than at run time.
 */
import type * as Nats from "nats";

export type NatsModule = Pick<
  typeof Nats,
  | "connect"
  | "headers"
  | "nanos"
  | "AckPolicy"
  | "DeliverPolicy"
  | "RetentionPolicy"
  | "StorageType"
>;
export type NatsConnection = Pick<
  Nats.NatsConnection,
  "jetstream" | "jetstreamManager" | "close" | "isClosed"
>;
export type JetStreamClient = Pick<Nats.JetStreamClient, "publish" | "consumers">;
export type JetStreamManager = Pick<Nats.JetStreamManager, "streams" | "consumers">;
export type JsMsg = Pick<
  Nats.JsMsg,
  "data" | "subject" | "info" | "headers" | "ackAck" | "nak" | "working" | "term"
>;
export type StoredMsg = Pick<Nats.StoredMsg, "data" | "seq">;
export type ConsumerMessages = Nats.ConsumerMessages;
