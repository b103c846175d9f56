/**
 * Takes one message at a time from a topic's durable consumer and turns it into a Delivery.
 * One message per free slot (worker-pool.ts) means nothing sits in a client buffer while its
 * ack wait runs; a fetch that waits is stopped when the consumer stops.
 */
import type { Delivery, DeliverySource } from "../worker-pool.js";
import { publishDeadLetter } from "./dead-letters.js";
import type { ConsumerMessages, JetStreamClient, JsMsg } from "./driver.js";
import type { StreamNames } from "./streams.js";
import type { JsonObject } from "../../core/index.js";

/** Long enough not to spin on an idle topic; stop() cuts it short. JetStream wants ≥ 1 s. */
const FETCH_EXPIRES_MS = 5000;

export interface NatsSourceOptions {
  readonly js: JetStreamClient;
  readonly names: StreamNames;
  readonly topic: string;
  /** Resolves once the topic's durable consumer exists. */
  readonly ready: () => Promise<void>;
  readonly decodePayload: (text: string) => JsonObject;
}

const decoder = new TextDecoder();

export function natsSource({
  js,
  names,
  topic,
  ready,
  decodePayload,
}: NatsSourceOptions): DeliverySource {
  const fetches = new Set<ConsumerMessages>();
  let stopped = false;
  return {
    async take() {
      await ready();
      const consumer = await js.consumers.get(names.jobs, names.durable(topic));
      if (stopped) return undefined;
      const batch = await consumer.fetch({ max_messages: 1, expires: FETCH_EXPIRES_MS });
      fetches.add(batch);
      let taken: JsMsg | undefined;
      try {
        for await (const msg of batch) taken = msg;
      } finally {
        fetches.delete(batch);
      }
      if (!taken) return undefined;
      const payload = parse(taken);
      if (payload) return delivery(taken, payload);
      // Not something Vigil published: park it where an operator sees it, never run it.
      await publishDeadLetter(js, names, {
        jobId: String(taken.info.streamSequence),
        topic,
        payload: {},
        attempts: taken.info.deliveryCount,
        error: "The message is not a JSON object; it was not run.",
      });
      taken.term();
      return undefined;
    },
    interrupt() {
      stopped = true;
      for (const batch of fetches) batch.stop();
    },
    release() {
      stopped = true;
    },
  };

  function parse(msg: JsMsg): JsonObject | undefined {
    try {
      return decodePayload(decoder.decode(msg.data));
    } catch {
      return undefined;
    }
  }

  function delivery(msg: JsMsg, payload: JsonObject): Delivery {
    const id = String(msg.info.streamSequence);
    const attempts = msg.info.deliveryCount;
    return {
      job: { id, topic, payload, attempt: attempts },
      async ack() {
        await msg.ackAck();
      },
      async retry(delayMs) {
        msg.nak(delayMs);
      },
      async deadLetter(error) {
        await publishDeadLetter(js, names, { jobId: id, topic, payload, attempts, error });
        msg.term();
      },
      async extend() {
        msg.working();
      },
    };
  }
}
