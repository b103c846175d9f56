import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { testServer, type TestServer } from "../../helpers/server.js";
import { openStore } from "../../../src/store/index.js";

/** The built console served by the API server: its pages, its assets, its headers. */
let webDir: string;
const INDEX =
  '<!doctype html><html><head><script type="module" src="/assets/app-3f2a.js"></script></head></html>';

beforeAll(() => {
  webDir = mkdtempSync(join(tmpdir(), "vigil-web-"));
  mkdirSync(join(webDir, "assets"));
  writeFileSync(join(webDir, "index.html"), INDEX);
  writeFileSync(join(webDir, "assets", "app-3f2a.js"), "console.log('vigil');");
  writeFileSync(join(webDir, "favicon.svg"), "<svg xmlns='http://www.w3.org/2000/svg'/>");
});

describe("the web console's files", () => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.app.close();
    await server?.store.close();
    server = undefined;
  });

  const start = async (dir: string) =>
    (server = await testServer(await openStore({ url: "sqlite::memory:" }), {
      VIGIL_WEB_DIR: dir,
    }));

  it("answers the app's routes with index.html and strict headers", async () => {
    const s = await start(webDir);
    for (const url of [
      "/",
      "/console",
      "/console/cases/0190-abc",
      "/portal/status",
      "/dashboard",
    ]) {
      const page = await s.app.inject({ method: "GET", url });
      expect(page.statusCode, url).toBe(200);
      expect(page.body).toBe(INDEX);
      expect(page.headers["content-type"]).toMatch(/^text\/html/);
      const csp = String(page.headers["content-security-policy"]);
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("img-src 'self' blob: data:");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain("unsafe-inline");
      expect(page.headers["referrer-policy"]).toBe("no-referrer");
      expect(page.headers["cache-control"]).toBe("no-cache");
    }
  });

  it("serves hashed assets with long cache headers, and other files", async () => {
    const s = await start(webDir);
    const asset = await s.app.inject({ method: "GET", url: "/assets/app-3f2a.js" });
    expect(asset.statusCode).toBe(200);
    expect(asset.body).toBe("console.log('vigil');");
    expect(asset.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect((await s.app.inject({ method: "GET", url: "/favicon.svg" })).statusCode).toBe(200);
    expect((await s.app.inject({ method: "GET", url: "/assets/missing.js" })).statusCode).toBe(404);
    const escape = await s.app.inject({ method: "GET", url: "/assets/..%2f..%2fetc%2fpasswd" });
    expect([403, 404]).toContain(escape.statusCode);
    // The API and its explorer are untouched.
    expect((await s.app.inject({ method: "GET", url: "/docs" })).statusCode).toBeLessThan(400);
    const openapi = await s.app.inject({ method: "GET", url: "/openapi.json" });
    expect(Object.keys(openapi.json().paths)).toEqual(
      expect.arrayContaining(["/v1/session", "/v1/victim/cases", "/v1/stats"]),
    );
    expect(Object.keys(openapi.json().paths)).not.toContain("/console/*");
    const unknown = await s.app.inject({ method: "GET", url: "/v1/nothing-here" });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe("request/not-found");
  });

  it("says how to build the console when it is not built", async () => {
    const s = await start(join(webDir, "missing"));
    const page = await s.app.inject({ method: "GET", url: "/" });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("not built");
    expect(page.headers["content-security-policy"]).toContain("default-src 'self'");
    expect((await s.app.inject({ method: "GET", url: "/console/queue" })).body).toContain(
      "not built",
    );
  });
});
