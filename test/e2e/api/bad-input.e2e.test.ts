import { createServer, type Server } from "node:http";
import type { LightMyRequestResponse } from "fastify";
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import { encode, scenePixels } from "../../helpers/images.js";
import { testServer, type TestServer } from "../../helpers/server.js";
import { forEachBackend } from "../../helpers/store-backends.js";

/**
 * Every endpoint's bad input is a clear 4xx with a stable code, and the server keeps serving: after
 * each refusal the next good request is answered.
 */
const PDQ = "d8f8f0cee0f4a84f0637022a078f67f0b36e2ed596621e1d33e6339c4e9c9b22";

let internal: Server;
let internalUrl = "";
beforeAll(async () => {
  internal = createServer((_request, response) => response.end("secret admin page"));
  await new Promise<void>((resolve) => internal.listen(0, "127.0.0.1", resolve));
  const address = internal.address();
  internalUrl = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}/admin`;
});
afterAll(() => new Promise<void>((resolve) => internal.close(() => resolve())));

forEachBackend((backend) => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.app.close();
    server = undefined;
  });

  async function expectError(
    response: Promise<LightMyRequestResponse>,
    status: number,
    code: string,
  ) {
    const answer = await response;
    expect(answer.statusCode, answer.body).toBe(status);
    expect(answer.json().error.code).toBe(code);
    expect(answer.body).not.toMatch(/at .*\.(ts|js):\d+/); // no stack trace
    const health = await server!.call("GET", "/healthz", { token: null });
    expect(health.statusCode).toBe(200);
  }

  it("refuses callers without a valid key or the right scope", async () => {
    server = await testServer(await backend.open());
    const scanOnly = await server.key(["scan"]);
    const revoked = await server.key(["admin"]);
    const revokedId = (await server.store.apiKeys.list()).at(-1)!.id;
    await server.store.apiKeys.revoke(revokedId);
    await expectError(server.call("GET", "/v1/banks", { token: null }), 401, "auth/missing-key");
    await expectError(
      server.call("GET", "/v1/banks", { token: "vgl_nothex_x" }),
      401,
      "auth/invalid-key",
    );
    await expectError(
      server.call("GET", "/v1/banks", { token: wrongSecret(scanOnly) }),
      401,
      "auth/invalid-key",
    );
    await expectError(server.call("GET", "/v1/banks", { token: revoked }), 401, "auth/invalid-key");
    await expectError(server.call("GET", "/v1/banks", { token: scanOnly }), 403, "auth/forbidden");
    await expectError(
      server.call("POST", "/v1/reports", {
        token: scanOnly,
        json: { contentRef: "x", reason: "ncii" },
      }),
      403,
      "auth/forbidden",
    );
    expect(
      (await server.call("POST", "/v1/scan", { token: scanOnly, json: { hashes: { pdq: [PDQ] } } }))
        .statusCode,
    ).toBe(200);
  });

  it("refuses malformed requests to every endpoint with stable codes", async () => {
    server = await testServer(await backend.open(), {
      VIGIL_BODY_LIMIT_BYTES: String(2 * 1024 * 1024),
    });
    await server.call("POST", "/v1/banks", { json: { id: "b", name: "B" } });
    const corrupt = Buffer.concat([
      Buffer.from([0xff, 0xd8, 0xff, 0xe0]),
      Buffer.alloc(3000, 0x42),
    ]);
    const cases: [string, Promise<LightMyRequestResponse>, number, string][] = [
      [
        "invalid JSON",
        server.call("POST", "/v1/scan", { body: "{bad", contentType: "application/json" }),
        400,
        "request/invalid-json",
      ],
      [
        "invalid hash",
        server.call("POST", "/v1/scan", { json: { hashes: { pdq: ["abc"] } } }),
        400,
        "hash/invalid-hex",
      ],
      [
        "no hash",
        server.call("POST", "/v1/scan", { json: { hashes: {} } }),
        400,
        "request/invalid",
      ],
      [
        "url and hashes",
        server.call("POST", "/v1/scan", {
          json: { url: "https://example.org/a.jpg", hashes: { pdq: [PDQ] } },
        }),
        400,
        "request/invalid",
      ],
      [
        "unknown field",
        server.call("POST", "/v1/scan", { json: { hashes: { pdq: [PDQ] }, sneaky: 1 } }),
        400,
        "request/invalid",
      ],
      [
        "huge body",
        server.call("POST", "/v1/scan", {
          body: Buffer.alloc(3 * 1024 * 1024),
          contentType: "image/jpeg",
        }),
        413,
        "request/too-large",
      ],
      [
        "corrupt image",
        server.call("POST", "/v1/scan", { body: corrupt, contentType: "image/jpeg" }),
        422,
        "media/corrupt",
      ],
      [
        "text as image",
        server.call("POST", "/v1/scan", { body: Buffer.from("hello"), contentType: "image/png" }),
        415,
        "media/unsupported-format",
      ],
      [
        "empty upload",
        server.call("POST", "/v1/scan", {
          body: Buffer.alloc(0),
          contentType: "application/octet-stream",
        }),
        400,
        "media/empty",
      ],
      [
        "SSRF to loopback",
        server.call("POST", "/v1/scan", { json: { url: internalUrl } }),
        403,
        "fetch/forbidden-address",
      ],
      [
        "SSRF to metadata",
        server.call("POST", "/v1/scan", {
          json: { url: "http://169.254.169.254/latest/meta-data/" },
        }),
        403,
        "fetch/forbidden-address",
      ],
      [
        "file URL",
        server.call("POST", "/v1/scan", { json: { url: "file:///etc/passwd" } }),
        400,
        "fetch/invalid-url",
      ],
      [
        "unsupported type",
        server.call("POST", "/v1/scan", { body: "x", contentType: "application/xml" }),
        415,
        "request/unsupported-media-type",
      ],
      [
        "bad bank id",
        server.call("POST", "/v1/banks", { json: { id: "Bad Id!", name: "x" } }),
        400,
        "request/invalid",
      ],
      [
        "duplicate bank",
        server.call("POST", "/v1/banks", { json: { id: "b", name: "again" } }),
        409,
        "store/conflict",
      ],
      [
        "threshold too high",
        server.call("PATCH", "/v1/banks/b", { json: { matchThreshold: 99 } }),
        400,
        "request/invalid",
      ],
      ["missing bank", server.call("GET", "/v1/banks/nope", {}), 404, "store/not-found"],
      [
        "invalid entry",
        server.call("POST", "/v1/banks/b/entries", { json: { signalType: "pdq", value: "zz" } }),
        400,
        "store/invalid",
      ],
      [
        "entry in missing bank",
        server.call("POST", "/v1/banks/nope/entries", { json: { signalType: "pdq", value: PDQ } }),
        404,
        "store/not-found",
      ],
      [
        "missing entry",
        server.call("POST", "/v1/banks/b/entries/999/withdraw"),
        404,
        "store/not-found",
      ],
      [
        "bad report",
        server.call("POST", "/v1/reports", { json: { contentRef: "x", reason: "boring" } }),
        400,
        "request/invalid",
      ],
      ["unknown route", server.call("GET", "/v1/nothing"), 404, "request/not-found"],
    ];
    for (const [label, response, status, code] of cases) {
      const answer = await response;
      expect(answer.statusCode, `${label}: ${answer.body}`).toBe(status);
      expect(answer.json().error.code, label).toBe(code);
    }
    const photo = await encode(scenePixels(64, 64, 1), "png");
    expect(
      (await server.call("POST", "/v1/scan", { body: photo, contentType: "image/png" })).statusCode,
    ).toBe(200);
  });

  it("limits each key's request rate and says when to retry", async () => {
    server = await testServer(await backend.open());
    const slow = await server.key(["scan"], 2);
    const scan = () =>
      server!.call("POST", "/v1/scan", { token: slow, json: { hashes: { pdq: [PDQ] } } });
    expect((await scan()).statusCode).toBe(200);
    expect((await scan()).statusCode).toBe(200);
    const limited = await scan();
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe("request/rate-limited");
    expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0);
    const other = await server.key(["scan"]);
    expect(
      (await server.call("POST", "/v1/scan", { token: other, json: { hashes: { pdq: [PDQ] } } }))
        .statusCode,
    ).toBe(200);
  });
});

/**
 * The key with its secret's last character changed. Always changed: replacing it with a fixed
 * "A" left the key valid whenever the secret already ended in "A" — the last character of 32
 * bytes in base64url is one of 16, so 1 run in 16 per backend.
 */
function wrongSecret(token: string): string {
  return token.slice(0, -1) + (token.endsWith("A") ? "B" : "A");
}
