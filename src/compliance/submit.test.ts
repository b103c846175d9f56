import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { startTransparencyDb, type TransparencyDb } from "../../test/helpers/transparency-db.js";
import type { DecisionRecord } from "./decision-record.js";
import type { SubmissionLedger, SubmissionRecord } from "./ports.js";
import type { StatementOfReasons } from "./sor-types.js";
import { buildStatement } from "./statement.js";
import { submitStatements, type SubmitEvent, type SubmitOptions } from "./submit.js";
import { parseTransparencyDbSettings } from "./tdb-settings.js";

/** The ledger port, in memory: first record of a puid wins. */
class MemoryLedger implements SubmissionLedger {
  readonly records = new Map<string, SubmissionRecord>();
  async sent(puids: readonly string[]): Promise<ReadonlySet<string>> {
    return new Set(puids.filter((p) => this.records.has(p)));
  }
  async record(entries: readonly SubmissionRecord[]): Promise<void> {
    for (const e of entries) if (!this.records.has(e.puid)) this.records.set(e.puid, e);
  }
}

const base: DecisionRecord = {
  id: "item-1-remove",
  decidedBy: "automation",
  action: "remove",
  reason: "ncii",
  decidedAt: "2026-06-02T08:00:00.000Z",
  contentAt: "2026-06-01T08:00:00.000Z",
  media: ["image"],
  synthetic: false,
  source: { kind: "own-initiative" },
  automatedDetection: true,
  facts: ["matched bank `victims` (ncii) at distance 3 via PDQ"],
};

const statements = (count: number, from = 0): StatementOfReasons[] =>
  Array.from({ length: count }, (_, i) =>
    buildStatement({ ...base, id: `item-${from + i}-remove` }),
  );

function setup(db: TransparencyDb, extra: Partial<SubmitOptions> = {}, token = db.token) {
  const ledger = new MemoryLedger();
  const events: SubmitEvent[] = [];
  const sleeps: number[] = [];
  const options: SubmitOptions = {
    settings: parseTransparencyDbSettings({
      baseUrl: db.url,
      token,
      retryBaseMs: 1000,
      maxAttempts: 4,
    }),
    ledger,
    sleep: async (ms) => void sleeps.push(ms),
    random: () => 0.5,
    onEvent: (event) => events.push(event),
    ...extra,
  };
  return { ledger, events, sleeps, options };
}

describe("submitStatements", () => {
  it("sends 250 statements in calls of at most 100, each recorded as created only on 201", async () => {
    const db = await startTransparencyDb();
    const { ledger, options } = setup(db);
    const result = await submitStatements(statements(250), options);
    expect(result).toMatchObject({ alreadyPresent: [], skipped: [], failed: [], stopped: null });
    expect(result.created).toHaveLength(250);
    expect(db.calls.map((c) => c.status)).toEqual([201, 201, 201]);
    expect(
      db.bodies.map((b) => (JSON.parse(b) as { statements: unknown[] }).statements.length),
    ).toEqual([100, 100, 50]);
    expect(db.stored.size).toBe(250);
    const record = ledger.records.get("vigil-item-0-remove");
    expect(record).toMatchObject({
      outcome: "created",
      uuid: db.stored.get("vigil-item-0-remove")?.uuid,
    });
  });

  it("never sends a puid twice: the ledger's are skipped, repeats in the input sent once", async () => {
    const db = await startTransparencyDb();
    const { options } = setup(db);
    await submitStatements(statements(3), options);
    const again = await submitStatements([...statements(4), ...statements(1, 3)], options);
    expect(again.skipped).toEqual([
      "vigil-item-0-remove",
      "vigil-item-1-remove",
      "vigil-item-2-remove",
    ]);
    expect(again.created).toEqual(["vigil-item-3-remove"]);
    expect(db.calls).toHaveLength(2);
    expect((JSON.parse(db.bodies[1]!) as { statements: unknown[] }).statements).toHaveLength(1);
  });

  it("retries with backoff on 429 and 500, honouring Retry-After", async () => {
    const db = await startTransparencyDb();
    db.failNext(429, { retryAfter: 7 });
    db.failNext(503);
    const { options, sleeps } = setup(db);
    const result = await submitStatements(statements(2), options);
    expect(result.created).toHaveLength(2);
    expect(db.calls.map((c) => c.status)).toEqual([429, 503, 201]);
    expect(sleeps).toEqual([7000, 2000]);
  });

  it("after a lost answer, records what the API already stored instead of creating it twice", async () => {
    const db = await startTransparencyDb();
    db.dropAfterCommit();
    const { ledger, options } = setup(db);
    const result = await submitStatements(statements(3), options);
    expect(result.created).toEqual([]);
    expect(result.alreadyPresent).toHaveLength(3);
    expect(db.calls.map((c) => c.status)).toEqual([0, 422]);
    expect(db.stored.size).toBe(3);
    expect([...ledger.records.values()].every((r) => r.outcome === "already-present")).toBe(true);
  });

  it("sends the rest again when some puids were already in the database", async () => {
    const db = await startTransparencyDb();
    const first = setup(db);
    await submitStatements(statements(2), first.options);
    const other = setup(db); // a second Vigil, or a ledger lost in a restore
    const result = await submitStatements(statements(4), other.options);
    expect(result.alreadyPresent).toEqual(["vigil-item-0-remove", "vigil-item-1-remove"]);
    expect(result.created).toEqual(["vigil-item-2-remove", "vigil-item-3-remove"]);
    expect(db.calls.map((c) => c.status)).toEqual([201, 422, 201]);
  });

  it("fails an invalid statement alone, and sends the others", async () => {
    const db = await startTransparencyDb();
    const { options, events } = setup(db);
    const broken = {
      ...statements(1, 9)[0]!,
      category: "STATEMENT_CATEGORY_NOPE",
    } as unknown as StatementOfReasons;
    const result = await submitStatements([...statements(2), broken], options);
    expect(result.created).toHaveLength(2);
    expect(result.failed).toEqual([
      {
        puid: "vigil-item-9-remove",
        retryable: false,
        problem: expect.stringContaining("category:"),
      },
    ]);
    expect(events).toContainEqual({ type: "invalid", statements: 1 });
  });

  it("stops at once when the token is refused, and gives up after its tries when the API is down", async () => {
    const db = await startTransparencyDb();
    const refused = setup(db, {}, "not-the-right-token");
    const result = await submitStatements(statements(150), refused.options);
    expect(result.stopped).toBe("the Transparency Database refused the token");
    expect(result.failed).toHaveLength(150);
    expect(db.calls).toHaveLength(1);

    const down = await startTransparencyDb();
    for (let i = 0; i < 10; i++) down.failNext(500);
    const { options, sleeps } = setup(down);
    const gaveUp = await submitStatements(statements(150), options);
    expect(gaveUp.stopped).toBe("no answer after 4 tries (last: 500)");
    expect(gaveUp.failed.every((f) => f.retryable)).toBe(true);
    expect(down.calls).toHaveLength(4);
    expect(sleeps).toEqual([1000, 2000, 4000]);
  });

  it("never lets the token out: not in events, failures, settings as text or JSON", async () => {
    const db = await startTransparencyDb();
    db.failNext(500);
    const { options, events } = setup(db);
    const result = await submitStatements(statements(1), options);
    expect(db.calls[0]?.authorization).toBe(`Bearer ${db.token}`);
    const visible = [
      JSON.stringify(events),
      JSON.stringify(result),
      JSON.stringify(options.settings),
      String(options.settings.token),
      inspect(options.settings),
    ].join("\n");
    expect(visible).not.toContain(db.token);
  });
});

describe("parseTransparencyDbSettings", () => {
  it("wants https (http only to this machine) and a real token, without quoting it", () => {
    expect(() =>
      parseTransparencyDbSettings({ baseUrl: "http://example.com", token: "x".repeat(20) }),
    ).toThrow("baseUrl: must be https");
    expect(() => parseTransparencyDbSettings({ token: "short" })).toThrow(
      /^token: must be the platform's API token/,
    );
    expect(parseTransparencyDbSettings({ token: "t".repeat(20) }).baseUrl).toBe(
      "https://transparency.dsa.ec.europa.eu",
    );
    expect(() => parseTransparencyDbSettings({ token: "t".repeat(20), batchSize: 101 })).toThrow(
      "batchSize",
    );
  });
});
