/**
 * The JetStream layout of one Vigil deployment:
 *
 *   <NAME>_JOBS  subjects <name>.jobs.<topic>  work-queue retention: a job is deleted once acked
 *   <NAME>_DEAD  subjects <name>.dead.<topic>  limits retention: dead letters stay until retried
 *
 * and one durable pull consumer `jobs_<topic>` per topic, which every worker of the topic shares
 * (a work queue: each message goes to one of them). File storage, so a restart keeps both.
 */
import type { JetStreamManager, NatsModule } from "./driver.js";

export interface StreamNames {
  readonly jobs: string;
  readonly dead: string;
  jobSubject(topic: string): string;
  deadSubject(topic: string): string;
  durable(topic: string): string;
}

const NAME = /^[a-z][a-z0-9_]{0,31}$/;

export function streamNames(name: string): StreamNames {
  if (!NAME.test(name)) throw new RangeError(`The queue name must match ${NAME}, got ${name}.`);
  const upper = name.toUpperCase();
  return {
    jobs: `${upper}_JOBS`,
    dead: `${upper}_DEAD`,
    jobSubject: (topic) => `${name}.jobs.${topic}`,
    deadSubject: (topic) => `${name}.dead.${topic}`,
    durable: (topic) => `jobs_${topic}`,
  };
}

export async function ensureStreams(
  nats: NatsModule,
  jsm: JetStreamManager,
  names: StreamNames,
  duplicateWindowMs: number,
): Promise<void> {
  const common = {
    storage: nats.StorageType.File,
    duplicate_window: nats.nanos(duplicateWindowMs),
  };
  await ensureStream(jsm, names.jobs, {
    ...common,
    subjects: [names.jobSubject("*")],
    retention: nats.RetentionPolicy.Workqueue,
  });
  await ensureStream(jsm, names.dead, {
    ...common,
    subjects: [names.deadSubject("*")],
    retention: nats.RetentionPolicy.Limits,
  });
}

type StreamConfig = Parameters<JetStreamManager["streams"]["add"]>[0];

async function ensureStream(
  jsm: JetStreamManager,
  name: string,
  config: StreamConfig,
): Promise<void> {
  try {
    await jsm.streams.info(name);
  } catch (error) {
    if (!isNotFound(error)) throw error;
    await jsm.streams.add({ ...config, name });
  }
}

/** Creates the topic's durable consumer, or brings its ack wait in line with this queue's lease. */
export async function ensureConsumer(
  nats: NatsModule,
  jsm: JetStreamManager,
  names: StreamNames,
  topic: string,
  leaseMs: number,
): Promise<void> {
  const durable = names.durable(topic);
  const ackWait = nats.nanos(leaseMs);
  try {
    const info = await jsm.consumers.info(names.jobs, durable);
    if (info.config.ack_wait !== ackWait) {
      await jsm.consumers.update(names.jobs, durable, { ack_wait: ackWait });
    }
  } catch (error) {
    if (!isNotFound(error)) throw error;
    await jsm.consumers.add(names.jobs, {
      durable_name: durable,
      filter_subject: names.jobSubject(topic),
      ack_policy: nats.AckPolicy.Explicit,
      deliver_policy: nats.DeliverPolicy.All,
      ack_wait: ackWait,
      // Attempts are counted in code (worker-pool.ts), which dead-letters with the error;
      // the server's own limit would drop the message with only an advisory.
      max_deliver: -1,
    });
  }
}

export function isNotFound(error: unknown): boolean {
  const message = error instanceof Error ? error.message : "";
  const code = (error as { code?: unknown } | null)?.code;
  return code === "404" || /not found/i.test(message);
}
