import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { openStore } from "../../src/store/index.js";
import { testServer, type TestServer } from "./server.js";

/**
 * Headless Debian Chromium driven by playwright-core, for the web console's end-to-end tests.
 * A test tool's own browser download does not work here, so the system browser is used
 * (`.ci/run` installs the `chromium` package). Without it the suites skip with a message,
 * except under CI=true, where they fail: CI must prove the console works in a browser.
 */
export const CHROMIUM_PATH = "/usr/bin/chromium";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const WEB_DIR = join(ROOT, "dist", "web");
export const SCREENSHOT_DIR = join(ROOT, "test-results", "screenshots");

const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

let warned = false;

/** True when the browser is there; false (with a message) when not, outside CI. */
export function browserAvailable(): boolean {
  if (existsSync(CHROMIUM_PATH)) return true;
  if (process.env.CI === "true") {
    throw new Error(`CI=true but ${CHROMIUM_PATH} is missing: install the Debian package chromium`);
  }
  if (!warned) {
    console.warn(`Skipping the browser tests: ${CHROMIUM_PATH} is missing (apt install chromium).`);
    warned = true;
  }
  return false;
}

/**
 * The built app for the server to serve: dist/web when it is there and newer than every source
 * file of the app and of the parts it bundles; otherwise a fresh build into a temporary folder
 * of this test process (so parallel suites never empty a folder another one is serving, and a
 * test never runs a stale build).
 */
export function ensureWebBuilt(): Promise<string> {
  return (built ??= buildIfStale());
}

let built: Promise<string> | undefined;

async function buildIfStale(): Promise<string> {
  const index = join(WEB_DIR, "index.html");
  const sources = [join(ROOT, "web"), join(ROOT, "src", "hash"), join(ROOT, "src", "core")];
  if (existsSync(index) && newestChange(sources) <= statSync(index).mtimeMs) return WEB_DIR;
  const outDir = mkdtempSync(join(tmpdir(), "vigil-web-build-"));
  process.once("exit", () => rmSync(outDir, { recursive: true, force: true }));
  const { build } = await import("vite");
  await build({
    configFile: join(ROOT, "web", "vite.config.ts"),
    logLevel: "warn",
    build: { outDir, emptyOutDir: true },
  });
  return outDir;
}

function newestChange(paths: readonly string[]): number {
  let newest = 0;
  for (const path of paths) {
    const stat = statSync(path);
    if (stat.isDirectory()) {
      newest = Math.max(newest, newestChange(readdirSync(path).map((name) => join(path, name))));
    } else newest = Math.max(newest, stat.mtimeMs);
  }
  return newest;
}

export interface TestBrowser {
  readonly context: BrowserContext;
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

/** A fresh browser profile each time: no cookies, storage or cache carried between tests. */
export async function launchBrowser(options: { locale?: string } = {}): Promise<TestBrowser> {
  const profile = mkdtempSync(join(tmpdir(), "vigil-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ARGS,
    locale: options.locale ?? "en-US",
    viewport: { width: 1280, height: 900 },
  });
  return {
    context,
    newPage: () => context.newPage(),
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Saves a full-page screenshot as test-results/screenshots/<name>.png (a CI artifact). */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

export interface WebServer {
  readonly server: TestServer;
  /** http://127.0.0.1:<port>, the origin the browser talks to. */
  readonly origin: string;
  close(): Promise<void>;
}

/**
 * A real Vigil server (testServer on a fresh SQLite file) listening on a free local port and
 * serving the built console from dist/web: what `npm start` runs, minus the workers.
 */
export async function startWebServer(env: Record<string, string> = {}): Promise<WebServer> {
  const webDir = await ensureWebBuilt();
  const dir = mkdtempSync(join(tmpdir(), "vigil-web-"));
  const store = await openStore({ url: `sqlite:${join(dir, "vigil.db")}` });
  const server = await testServer(store, { VIGIL_WEB_DIR: webDir, ...env });
  const origin = await server.app.listen({ host: "127.0.0.1", port: 0 });
  return {
    server,
    origin: origin.replace("localhost", "127.0.0.1"),
    async close() {
      await server.app.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The set-up every browser suite shares, written once: a web server and a browser started
 * before the suite's tests and closed after them. Call it in a describe block; the two objects
 * it returns stand for what beforeAll starts, so use them inside tests and hooks only.
 */
export function browserSuite(): { readonly web: WebServer; readonly browser: TestBrowser } {
  let web: WebServer | undefined;
  let browser: TestBrowser | undefined;
  beforeAll(async () => {
    web = await startWebServer();
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await web?.close();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error("browserSuite: use it inside tests and hooks");
    return value;
  };
  return {
    web: {
      get server() {
        return started(web).server;
      },
      get origin() {
        return started(web).origin;
      },
      close: () => started(web).close(),
    },
    browser: {
      get context() {
        return started(browser).context;
      },
      newPage: () => started(browser).newPage(),
      close: () => started(browser).close(),
    },
  };
}
