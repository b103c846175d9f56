import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";

/**
 * Prometheus metrics for `/metrics`. Each server gets its own registry (tests run several in one
 * process); labels are low-cardinality by design: route patterns, never URLs or key ids.
 */
export interface ServerMetrics {
  readonly registry: Registry;
  readonly requestSeconds: Histogram<"method" | "route" | "status">;
  readonly scans: Counter<"source" | "verdict">;
  readonly reports: Counter<"reason">;
  readonly ingested: Counter<"duplicate">;
  /** Items a worker in this process finished, by verdict. */
  readonly processed: Counter<"verdict">;
}

export function createMetrics(sizes: () => Record<string, number>): ServerMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "vigil_" });
  const requestSeconds = new Histogram({
    name: "vigil_http_request_duration_seconds",
    help: "HTTP request latency by route pattern and status",
    labelNames: ["method", "route", "status"] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const scans = new Counter({
    name: "vigil_scans_total",
    help: "Scans answered, by what was scanned and the verdict",
    labelNames: ["source", "verdict"] as const,
    registers: [registry],
  });
  const reports = new Counter({
    name: "vigil_reports_total",
    help: "User reports received, by reason",
    labelNames: ["reason"] as const,
    registers: [registry],
  });
  const ingested = new Counter({
    name: "vigil_content_ingested_total",
    help: "Content items accepted through /v1/content, and repeats of an idempotency key",
    labelNames: ["duplicate"] as const,
    registers: [registry],
  });
  const processed = new Counter({
    name: "vigil_content_processed_total",
    help: "Content items processed by this process's workers, by verdict",
    labelNames: ["verdict"] as const,
    registers: [registry],
  });
  new Gauge({
    name: "vigil_bank_index_entries",
    help: "Entries held in the in-memory match indexes, by signal type",
    labelNames: ["signal_type"] as const,
    registers: [registry],
    collect() {
      for (const [type, count] of Object.entries(sizes())) this.set({ signal_type: type }, count);
    },
  });
  return { registry, requestSeconds, scans, reports, ingested, processed };
}
