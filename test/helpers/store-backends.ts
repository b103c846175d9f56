import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, afterEach, describe } from "vitest";
import { openStore, type Store } from "../../src/store/index.js";

/**
 * The real databases the store suite runs against ("No mocks"): a SQLite file, SQLite in memory,
 * and PostgreSQL when VIGIL_TEST_POSTGRES_URL names a server (`.ci/run` starts one). Without it
 * the PostgreSQL suite skips with a message, except under CI=true, where it fails: CI must prove
 * both backends. Each PostgreSQL database is a schema of its own with a random name, dropped
 * afterwards, so parallel test files and re-runs never meet.
 */
export interface TestDatabase {
  /** Opens (again) this database; each store opened is closed after the test. */
  open(options?: { clock?: () => Date }): Promise<Store>;
  /** Runs SQL on the database behind the store's back (to damage or inspect it). */
  raw(sql: string): Promise<void>;
}

export interface TestBackend {
  readonly name: string;
  /** Whether closing and re-opening keeps the data (not so for :memory:). */
  readonly persistent: boolean;
  /** A new, empty database. */
  database(): TestDatabase;
  /** A new, empty, migrated store: `database().open()`. */
  open(options?: { clock?: () => Date }): Promise<Store>;
}

let warned = false;

export function postgresTestUrl(): string | undefined {
  const url = process.env.VIGIL_TEST_POSTGRES_URL;
  if (url) return url;
  if (process.env.CI === "true") {
    throw new Error(
      "CI=true but VIGIL_TEST_POSTGRES_URL is not set: the PostgreSQL suite must run",
    );
  }
  if (!warned) {
    console.warn(
      "Skipping the PostgreSQL store tests: set VIGIL_TEST_POSTGRES_URL " +
        "(e.g. postgres://postgres@127.0.0.1:5432/test) to run them.",
    );
    warned = true;
  }
  return undefined;
}

/** Registers `suite` once per backend, as describe.each would, skipping unavailable ones. */
export function forEachBackend(suite: (backend: TestBackend) => void): void {
  const postgresUrl = postgresTestUrl();
  describe("sqlite file", () => suite(sqliteFileBackend()));
  describe("sqlite memory", () => suite(sqliteMemoryBackend()));
  describe.skipIf(postgresUrl === undefined)("postgres", () =>
    suite(postgresBackend(postgresUrl ?? "")),
  );
}

/** Closes every store a test opened, after the test. */
function storeTracker(): (store: Promise<Store>) => Promise<Store> {
  const open: Store[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((store) => store.close()));
  });
  return async (opening) => {
    const store = await opening;
    open.push(store);
    return store;
  };
}

function backend(name: string, persistent: boolean, database: () => TestDatabase): TestBackend {
  return { name, persistent, database, open: (options) => database().open(options) };
}

function sqliteFileBackend(): TestBackend {
  let dir: string | undefined;
  let count = 0;
  const track = storeTracker();
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  return backend("sqlite file", true, () => {
    dir ??= mkdtempSync(join(tmpdir(), "vigil-store-"));
    const file = join(dir, `db-${++count}`, "vigil.db");
    return {
      open: (options = {}) => track(openStore({ url: `sqlite:${file}`, ...options })),
      raw: async (sql) => {
        const db = new Database(file);
        try {
          db.exec(sql);
        } finally {
          db.close();
        }
      },
    };
  });
}

function sqliteMemoryBackend(): TestBackend {
  const track = storeTracker();
  return backend("sqlite memory", false, () => ({
    open: (options = {}) => track(openStore({ url: "sqlite::memory:", ...options })),
    raw: () => Promise.reject(new Error("A :memory: database cannot be reached from outside.")),
  }));
}

function postgresBackend(url: string): TestBackend {
  const schemas: string[] = [];
  let admin: pg.Pool | undefined;
  const pool = () => (admin ??= new pg.Pool({ connectionString: url, max: 2 }));
  // Registered before the tracker: after-hooks run last-registered first, so the stores close
  // before their schemas are dropped.
  afterEach(async () => {
    for (const schema of schemas.splice(0)) {
      await pool().query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    }
  });
  afterAll(async () => {
    await admin?.end();
  });
  const track = storeTracker();
  return backend("postgres", true, () => {
    const schema = `vigil_test_${randomBytes(6).toString("hex")}`;
    schemas.push(schema);
    return {
      open: (options = {}) => track(openStore({ url, schema, poolSize: 4, ...options })),
      raw: async (sql) => {
        await pool().query(`BEGIN; SET LOCAL search_path TO "${schema}"; ${sql}; COMMIT;`);
      },
    };
  });
}

/** A clock that stands still until the test moves it: `clock.now` is what the store reads. */
export interface ManualClock {
  readonly now: () => Date;
  advance(milliseconds: number): void;
}

export function manualClock(start = "2030-01-01T00:00:00.000Z"): ManualClock {
  let millis = Date.parse(start);
  return {
    now: () => new Date(millis),
    advance: (milliseconds) => {
      millis += milliseconds;
    },
  };
}
