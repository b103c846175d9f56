/**
 * Dead letters on JetStream: a message on `<name>.dead.<topic>` in the `<NAME>_DEAD` stream,
 * its body the job with the last error. It is published before the job is terminated, with a
 * message id derived from the job's, so a crash between the two publishes nothing twice.
 * A dead letter's id is its sequence in the dead stream.
 */
import { VigilError } from "../../core/index.js";
import type { DeadLetter } from "../types.js";
import type { JetStreamClient, JetStreamManager, JsMsg } from "./driver.js";
import { isNotFound, type StreamNames } from "./streams.js";
import type { JsonObject } from "../../core/index.js";

interface DeadBody {
  readonly jobId: string;
  readonly topic: string;
  readonly payload: JsonObject;
  readonly attempts: number;
  readonly error: string;
  readonly failedAt: string;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();
/** An ordered consumer's fetch waits at most this long for the messages counted before it. */
const LIST_EXPIRES_MS = 2000;

export async function publishDeadLetter(
  js: JetStreamClient,
  names: StreamNames,
  job: Omit<DeadBody, "failedAt">,
): Promise<void> {
  const body: DeadBody = { ...job, failedAt: new Date().toISOString() };
  await js.publish(names.deadSubject(job.topic), encoder.encode(JSON.stringify(body)), {
    msgID: `dead-${job.jobId}`,
  });
}

export async function listDeadLetters(
  js: JetStreamClient,
  jsm: JetStreamManager,
  names: StreamNames,
  topic: string,
  limit: number,
): Promise<DeadLetter[]> {
  const subject = names.deadSubject(topic);
  const info = await jsm.streams.info(names.dead, { subjects_filter: subject });
  const count = Math.min(info.state.subjects?.[subject] ?? 0, limit);
  if (count === 0) return [];
  const reader = await js.consumers.get(names.dead, {
    // A string, not an array: filter_subjects needs nats-server 2.10, Debian ships 2.9.
    filterSubjects: subject,
  });
  const batch = await reader.fetch({ max_messages: count, expires: LIST_EXPIRES_MS });
  const letters: DeadLetter[] = [];
  for await (const msg of batch) letters.push(toDeadLetter(msg));
  return letters;
}

/** Publishes the dead letter's job again and deletes the dead letter; the new job's id. */
export async function retryDeadLetter(
  js: JetStreamClient,
  jsm: JetStreamManager,
  names: StreamNames,
  id: string,
): Promise<string> {
  const seq = /^[1-9][0-9]{0,15}$/.test(id) ? Number(id) : undefined;
  if (seq === undefined) throw notFound(id);
  let stored;
  try {
    stored = await jsm.streams.getMessage(names.dead, { seq });
  } catch (error) {
    if (isNotFound(error)) throw notFound(id);
    throw error;
  }
  const body = JSON.parse(decoder.decode(stored.data)) as DeadBody;
  const ack = await js.publish(
    names.jobSubject(body.topic),
    encoder.encode(JSON.stringify(body.payload)),
    // Retrying the same dead letter twice (a double click) queues it once.
    { msgID: `retry-${names.dead}-${seq}` },
  );
  await jsm.streams.deleteMessage(names.dead, seq, false);
  return String(ack.seq);
}

function toDeadLetter(msg: JsMsg): DeadLetter {
  const body = JSON.parse(decoder.decode(msg.data)) as DeadBody;
  return {
    id: String(msg.info.streamSequence),
    topic: body.topic,
    payload: body.payload,
    attempts: body.attempts,
    error: body.error,
    failedAt: body.failedAt,
  };
}

function notFound(id: string): VigilError {
  return new VigilError("queue/not-found", `No dead letter with id ${JSON.stringify(id)}.`, { id });
}
