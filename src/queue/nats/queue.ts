/**
 * The JetStream queue: enqueue publishes with the idempotency key as `Nats-Msg-Id` (the
 * stream's duplicate window drops repeats); consumers pull from the topic's shared durable
 * consumer one message per free slot, ack explicitly, nak with a delay to retry, and extend the
 * ack wait (`working`) while a handler runs. A crashed worker's messages are redelivered when
 * their ack wait ends.
 */
import { VigilError } from "../../core/index.js";
import { poolSettings, type QueueSettings } from "../settings.js";
import type { JobQueue } from "../types.js";
import { checkIdempotencyKey, checkTopic, decodePayload, encodePayload } from "../validate.js";
import { startPool, type Pool } from "../worker-pool.js";
import { listDeadLetters, retryDeadLetter } from "./dead-letters.js";
import type { NatsConnection, NatsModule } from "./driver.js";
import { natsSource } from "./source.js";
import { ensureConsumer, ensureStreams, streamNames } from "./streams.js";

export interface NatsQueueOptions {
  readonly servers: readonly string[];
  readonly name: string;
  readonly connectTimeoutMs: number;
  readonly settings: QueueSettings;
}

const encoder = new TextEncoder();

export async function openNatsQueue(options: NatsQueueOptions): Promise<JobQueue> {
  const { settings } = options;
  const names = streamNames(options.name);
  const nats: NatsModule = await import("nats");
  let nc: NatsConnection;
  try {
    nc = await nats.connect({ servers: [...options.servers], timeout: options.connectTimeoutMs });
  } catch (error) {
    throw unavailable(error);
  }
  const jsm = await nc.jetstreamManager();
  const js = nc.jetstream();
  try {
    await ensureStreams(nats, jsm, names, settings.duplicateWindowMs);
  } catch (error) {
    await nc.close();
    throw unavailable(error);
  }
  const pools = new Set<Pool>();
  const ready = new Map<string, Promise<void>>();
  const consumerOf = (topic: string): Promise<void> => {
    let done = ready.get(topic);
    if (!done) {
      done = ensureConsumer(nats, jsm, names, topic, settings.leaseMs);
      done.catch(() => ready.delete(topic));
      ready.set(topic, done);
    }
    return done;
  };
  const live = (): void => {
    if (nc.isClosed()) throw new VigilError("queue/unavailable", "The queue is closed.");
  };

  return {
    backend: "nats",
    async enqueue(topic, payload, enqueueOptions = {}) {
      checkTopic(topic);
      const key = checkIdempotencyKey(enqueueOptions.idempotencyKey);
      // The duplicate window is stream-wide; keys are per topic (":" never occurs in a topic).
      const msgID = key === undefined ? undefined : `${topic}:${key}`;
      const data = encoder.encode(encodePayload(payload, settings.maxPayloadBytes));
      live();
      const ack = await js.publish(
        names.jobSubject(topic),
        data,
        msgID === undefined ? {} : { msgID },
      );
      return { id: String(ack.seq), duplicate: ack.duplicate };
    },
    consume(topic, handler, consumeOptions = {}) {
      checkTopic(topic);
      live();
      const source = natsSource({
        js,
        names,
        topic,
        ready: () => consumerOf(topic),
        decodePayload,
      });
      const pool = startPool(source, handler, poolSettings(consumeOptions, settings));
      pools.add(pool);
      return { stop: () => pool.stop().finally(() => pools.delete(pool)) };
    },
    async deadLetters(topic, { limit = 100 } = {}) {
      live();
      return listDeadLetters(js, jsm, names, checkTopic(topic), Math.min(Math.max(1, limit), 1000));
    },
    async retryDeadLetter(id) {
      live();
      return { id: await retryDeadLetter(js, jsm, names, id) };
    },
    async stats(topic) {
      checkTopic(topic);
      live();
      await consumerOf(topic);
      const info = await jsm.consumers.info(names.jobs, names.durable(topic));
      const subject = names.deadSubject(topic);
      const dead = await jsm.streams.info(names.dead, { subjects_filter: subject });
      return {
        pending: info.num_pending,
        inFlight: info.num_ack_pending,
        deadLettered: dead.state.subjects?.[subject] ?? 0,
      };
    },
    async close() {
      for (const pool of pools) pool.abandon();
      if (!nc.isClosed()) await nc.close();
    },
  };
}

function unavailable(error: unknown): VigilError {
  return new VigilError(
    "queue/unavailable",
    "The NATS JetStream queue is unavailable.",
    { reason: error instanceof Error ? error.message : String(error) },
    { cause: error },
  );
}
