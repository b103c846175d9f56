/**
 * The forms of the queue URL (the configuration reads it, e.g. from `VIGIL_NATS_URL`; never here):
 *
 *   sqlite:./data/queue.db   sqlite:///var/lib/vigil/queue.db   (the embedded queue)
 *   nats://127.0.0.1:4222    nats://a:4222,nats://b:4222        (JetStream; several seeds)
 */
import { VigilError } from "../core/index.js";

export type QueueLocation =
  | { readonly backend: "sqlite"; readonly file: string }
  | { readonly backend: "nats"; readonly servers: readonly string[] };

export function parseQueueUrl(url: string): QueueLocation {
  const trimmed = typeof url === "string" ? url.trim() : "";
  if (/^sqlite:/i.test(trimmed)) {
    const file = trimmed.slice("sqlite:".length).replace(/^\/\//, "");
    if (file === "") throw badUrl("The SQLite queue URL names no file.");
    return { backend: "sqlite", file };
  }
  if (/^(nats|tls):\/\//i.test(trimmed)) {
    return { backend: "nats", servers: trimmed.split(",").map((server) => server.trim()) };
  }
  throw badUrl("The queue URL must start with sqlite: (embedded) or nats:// (JetStream).");
}

function badUrl(message: string): VigilError {
  return new VigilError("queue/invalid-url", message);
}
