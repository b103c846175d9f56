import type { LightMyRequestResponse } from "fastify";
import { afterEach, expect, it } from "vitest";
import { testServer, type TestServer } from "../../helpers/server.js";
import { forEachBackend } from "../../helpers/store-backends.js";
import { hashSessionToken } from "../../../src/server/auth/session-auth.js";

/**
 * The console's sign-in end to end: a password set through the API, the session cookie standing
 * in for the moderator's key, CSRF refusals on unsafe requests, the role's limits, sign-out.
 */
const PASSWORD = "a long enough password";

function sessionCookie(response: LightMyRequestResponse): string {
  const cookie = response.cookies.find((c) => c.name === "vigil_session");
  expect(cookie).toBeDefined();
  return cookie!.value;
}

forEachBackend((backend) => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.app.close();
    server = undefined;
  });

  async function withModerator(role: string) {
    server = await testServer(await backend.open());
    const created = await server.call("POST", "/v1/moderators", {
      json: { name: "mina", role, password: PASSWORD },
    });
    expect(created.statusCode).toBe(201);
    return { s: server, id: created.json().moderator.id as string };
  }

  function withCookie(
    s: TestServer,
    method: "GET" | "POST" | "PATCH" | "DELETE",
    url: string,
    cookie: string,
    options: { json?: unknown; csrf?: string } = {},
  ) {
    return s.app.inject({
      method,
      url,
      cookies: { vigil_session: cookie },
      headers: {
        ...(options.csrf !== undefined ? { "x-csrf-token": options.csrf } : {}),
        ...(options.json !== undefined ? { "content-type": "application/json" } : {}),
      },
      ...(options.json !== undefined ? { payload: JSON.stringify(options.json) } : {}),
    });
  }

  it("signs in, works by cookie with the CSRF token, and signs out", async () => {
    const { s, id } = await withModerator("moderator");
    const signIn = await s.call("POST", "/v1/session", {
      token: null,
      json: { name: "mina", password: PASSWORD },
    });
    expect(signIn.statusCode).toBe(200);
    const body = signIn.json();
    expect(body).toEqual({
      moderator: { id, name: "mina", role: "moderator" },
      csrfToken: expect.stringMatching(/^[\w-]{43}$/),
    });
    const set = signIn.cookies.find((c) => c.name === "vigil_session")!;
    expect(set).toMatchObject({ httpOnly: true, sameSite: "Strict", path: "/" });
    expect(set.secure).toBeFalsy();
    const cookie = sessionCookie(signIn);
    // The store keeps only the token's hash.
    const stored = await s.store.sessions.find(hashSessionToken(cookie), 60_000);
    expect(stored).toMatchObject({ moderatorId: id, csrfToken: body.csrfToken });
    expect(stored?.tokenHash).not.toContain(cookie);

    const current = await withCookie(s, "GET", "/v1/session", cookie);
    expect(current.json()).toEqual(body);

    // A GET the role allows works by cookie alone.
    expect((await withCookie(s, "GET", "/v1/review/queue", cookie)).statusCode).toBe(200);
    expect((await withCookie(s, "GET", "/v1/banks", cookie)).statusCode).toBe(200);

    // An unsafe request needs the header, with the right token.
    const report = { contentRef: "https://t.me/c/1/2", reason: "ncii" };
    const refused = await withCookie(s, "POST", "/v1/reports", cookie, { json: report });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe("auth/csrf");
    const wrong = await withCookie(s, "POST", "/v1/reports", cookie, {
      json: report,
      csrf: "x".repeat(43),
    });
    expect(wrong.json().error.code).toBe("auth/csrf");
    const accepted = await withCookie(s, "POST", "/v1/reports", cookie, {
      json: report,
      csrf: body.csrfToken,
    });
    expect(accepted.statusCode).toBe(201);

    // A route the role lacks: 403 even with the CSRF token.
    const bank = { id: "mine", name: "Mine" };
    const forbidden = await withCookie(s, "POST", "/v1/banks", cookie, {
      json: bank,
      csrf: body.csrfToken,
    });
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json().error.code).toBe("auth/forbidden");
    expect((await withCookie(s, "GET", "/v1/moderators", cookie)).statusCode).toBe(403);

    // Sign-out is unsafe too.
    expect((await withCookie(s, "DELETE", "/v1/session", cookie)).statusCode).toBe(403);
    const out = await withCookie(s, "DELETE", "/v1/session", cookie, { csrf: body.csrfToken });
    expect(out.statusCode).toBe(204);
    expect(out.cookies.find((c) => c.name === "vigil_session")?.value).toBe("");
    expect((await withCookie(s, "GET", "/v1/session", cookie)).statusCode).toBe(401);
    const after = await withCookie(s, "GET", "/v1/review/queue", cookie);
    expect(after.json().error.code).toBe("auth/missing-key");
  });

  it("gives an admin's session the admin's powers and keeps API keys working", async () => {
    const { s } = await withModerator("admin");
    const signIn = await s.call("POST", "/v1/session", {
      token: null,
      json: { name: "mina", password: PASSWORD },
    });
    const cookie = sessionCookie(signIn);
    const csrf = signIn.json().csrfToken as string;
    const bank = await withCookie(s, "POST", "/v1/banks", cookie, {
      json: { id: "mine", name: "Mine" },
      csrf,
    });
    expect(bank.statusCode).toBe(201);
    expect((await withCookie(s, "GET", "/v1/moderators", cookie)).statusCode).toBe(200);
    // A key wins over a cookie and needs no CSRF token.
    const platform = await s.key(["banks:read"]);
    const byKey = await s.app.inject({
      method: "GET",
      url: "/v1/banks",
      cookies: { vigil_session: cookie },
      headers: { authorization: `Bearer ${platform}` },
    });
    expect(byKey.statusCode).toBe(200);
    expect((await s.call("POST", "/v1/banks", { json: { id: "k", name: "K" } })).statusCode).toBe(
      201,
    );
  });

  it("answers a wrong name and a wrong password alike, and refuses disabled accounts", async () => {
    const { s, id } = await withModerator("lead");
    for (const json of [
      { name: "mina", password: "not the password" },
      { name: "nobody", password: PASSWORD },
    ]) {
      const refused = await s.call("POST", "/v1/session", { token: null, json });
      expect(refused.statusCode).toBe(401);
      expect(refused.json().error).toEqual({
        code: "auth/bad-credentials",
        message: "The name or the password is wrong.",
      });
      expect(refused.cookies).toEqual([]);
    }
    const signIn = await s.call("POST", "/v1/session", {
      token: null,
      json: { name: "mina", password: PASSWORD },
    });
    const cookie = sessionCookie(signIn);
    await s.call("PATCH", `/v1/moderators/${id}`, { json: { disabled: true } });
    expect((await withCookie(s, "GET", "/v1/session", cookie)).statusCode).toBe(401);
    const again = await s.call("POST", "/v1/session", {
      token: null,
      json: { name: "mina", password: PASSWORD },
    });
    expect(again.json().error.code).toBe("auth/bad-credentials");
  });

  it("lets a moderator change her own password, and an admin reset it", async () => {
    const { s, id } = await withModerator("moderator");
    const signIn = await s.call("POST", "/v1/session", {
      token: null,
      json: { name: "mina", password: PASSWORD },
    });
    const cookie = sessionCookie(signIn);
    const csrf = signIn.json().csrfToken as string;
    const short = await withCookie(s, "POST", `/v1/moderators/${id}/password`, cookie, {
      json: { password: "short" },
      csrf,
    });
    expect(short.statusCode).toBe(400);
    const own = await withCookie(s, "POST", `/v1/moderators/${id}/password`, cookie, {
      json: { password: "my new long password" },
      csrf,
    });
    expect(own.statusCode).toBe(204);
    // Her own change keeps her signed in; someone else's password is not hers to set.
    expect((await withCookie(s, "GET", "/v1/session", cookie)).statusCode).toBe(200);
    const other = await s.call("POST", "/v1/moderators", { json: { name: "jun", role: "lead" } });
    const notHers = await withCookie(
      s,
      "POST",
      `/v1/moderators/${other.json().moderator.id}/password`,
      cookie,
      { json: { password: "someone else's password" }, csrf },
    );
    expect(notHers.statusCode).toBe(403);
    const oldOne = await s.call("POST", "/v1/session", {
      token: null,
      json: { name: "mina", password: PASSWORD },
    });
    expect(oldOne.statusCode).toBe(401);
    // An admin's reset signs her out everywhere.
    const reset = await s.call("POST", `/v1/moderators/${id}/password`, {
      json: { password: "reset by the admin" },
    });
    expect(reset.statusCode).toBe(204);
    expect((await withCookie(s, "GET", "/v1/session", cookie)).statusCode).toBe(401);
    const fresh = await s.call("POST", "/v1/session", {
      token: null,
      json: { name: "mina", password: "reset by the admin" },
    });
    expect(fresh.statusCode).toBe(200);
  });

  it("limits sign-in attempts per address", async () => {
    const { s } = await withModerator("moderator");
    const codes: number[] = [];
    for (let i = 0; i < 11; i++) {
      const attempt = await s.call("POST", "/v1/session", {
        token: null,
        json: { name: "nobody", password: "x" },
      });
      codes.push(attempt.statusCode);
    }
    expect(codes.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(codes[10]).toBe(429);
  });
});
