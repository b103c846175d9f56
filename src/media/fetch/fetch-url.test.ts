import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { isVigilError } from "../../core/index.js";
import type { FetchUrlOptions } from "./fetch-options.js";
import { fetchUrl } from "./fetch-url.js";

/** Every test talks only to this server on 127.0.0.1; refused URLs must not reach it at all. */
let server: Server;
let port: number;
let base: string;
let requests: IncomingMessage[] = [];

type Route = (req: IncomingMessage, res: ServerResponse, url: URL) => void;
const routes: Record<string, Route> = {
  "/ok": (_req, res) => {
    res.writeHead(200, { "content-type": "image/png" });
    res.end(Buffer.from("pixels"));
  },
  "/host": (req, res) => res.end(req.headers.host ?? ""),
  "/redirect": (_req, res, url) => {
    const n = Number(url.searchParams.get("n"));
    res.writeHead(302, { location: n > 0 ? `/redirect?n=${n - 1}` : "/ok" });
    res.end();
  },
  "/to": (_req, res, url) => {
    res.writeHead(307, { location: url.searchParams.get("u") ?? "" });
    res.end();
  },
  "/no-location": (_req, res) => {
    res.writeHead(302);
    res.end();
  },
  "/status": (_req, res, url) => {
    res.writeHead(Number(url.searchParams.get("s")));
    res.end("upstream error page");
  },
  "/declared-large": (_req, res) => {
    res.writeHead(200, { "content-length": String(1_000_000) });
    res.write("a few bytes, then nothing"); // never finishes: only the header can end this early
  },
  "/chunked": (_req, res, url) => {
    const total = Number(url.searchParams.get("bytes"));
    res.writeHead(200, { "content-type": "application/octet-stream" });
    const chunk = Buffer.alloc(16 * 1024, 7);
    let sent = 0;
    const pump = (): void => {
      while (sent < total && !res.destroyed) {
        sent += chunk.length;
        if (!res.write(chunk)) return void res.once("drain", pump);
      }
      res.end();
    };
    pump();
  },
  "/stall": () => {
    // Accepts the request and never answers.
  },
  "/stall-body": (_req, res) => {
    res.writeHead(200, { "content-length": "100" });
    res.write("half");
  },
  "/gzip": (_req, res) => {
    res.writeHead(200, { "content-encoding": "gzip" });
    res.end("not really gzip");
  },
};

beforeAll(async () => {
  server = createServer((req, res) => {
    requests.push(req);
    const url = new URL(req.url ?? "/", "http://x");
    (routes[url.pathname] ?? ((_q, r) => r.writeHead(404).end()))(req, res, url);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  requests = [];
});

/** Loopback allowed, on the test server's port: the happy-path settings. */
function local(extra: FetchUrlOptions = {}): FetchUrlOptions {
  return { allowPrivateNetworks: true, allowedPorts: [port], ...extra };
}

async function failure(promise: Promise<unknown>): Promise<{ code: string; status: number }> {
  try {
    await promise;
  } catch (error) {
    if (isVigilError(error)) return { code: error.code, status: error.status };
    throw error;
  }
  throw new Error("expected the fetch to fail");
}

describe("fetchUrl", () => {
  it("returns the bytes, content type and final URL", async () => {
    const result = await fetchUrl(`${base}/ok`, local());
    expect(Buffer.from(result.bytes).toString()).toBe("pixels");
    expect(result.bytes).toBeInstanceOf(Uint8Array);
    expect(result.contentType).toBe("image/png");
    expect(result.finalUrl).toBe(`${base}/ok`);
    expect(requests[0]!.headers["user-agent"]).toMatch(/^Vigil/);
  });

  it("refuses loopback by default, before any connection", async () => {
    expect(await failure(fetchUrl(`${base}/ok`))).toEqual({
      code: "fetch/forbidden-address",
      status: 403,
    });
    const portAllowed = { allowedPorts: [port] };
    for (const host of ["127.0.0.1", "[::1]", "[::ffff:127.0.0.1]", "0x7f000001", "localhost"]) {
      const result = await failure(fetchUrl(`http://${host}:${port}/ok`, portAllowed));
      expect(result.code).toBe("fetch/forbidden-address");
    }
    expect((await failure(fetchUrl("http://localhost./ok"))).code).toBe("fetch/forbidden-address");
    expect((await failure(fetchUrl("http://127.0.0.1/ok"))).code).toBe("fetch/forbidden-address");
    expect(requests).toHaveLength(0);
  });

  it("refuses ports other than 80 and 443 unless allowed", async () => {
    const options = { allowPrivateNetworks: true };
    expect((await failure(fetchUrl(`${base}/ok`, options))).code).toBe("fetch/forbidden-address");
    expect(requests).toHaveLength(0);
  });

  it("refuses schemes other than http and https, and malformed URLs", async () => {
    for (const url of [
      "file:///etc/passwd",
      "ftp://127.0.0.1/x",
      "data:image/png;base64,AAAA",
      "javascript:alert(1)",
      "gopher://127.0.0.1:70/",
      "not a url",
      "//127.0.0.1/ok",
    ]) {
      expect(await failure(fetchUrl(url, local()))).toEqual({
        code: "fetch/invalid-url",
        status: 400,
      });
    }
  });

  it("refuses URLs that carry credentials", async () => {
    for (const url of [`http://user:pw@127.0.0.1:${port}/ok`, `http://user@127.0.0.1:${port}/ok`]) {
      expect((await failure(fetchUrl(url, local()))).code).toBe("fetch/invalid-url");
    }
    const hop = `${base}/to?u=${encodeURIComponent(`http://a:b@127.0.0.1:${port}/ok`)}`;
    expect((await failure(fetchUrl(hop, local()))).code).toBe("fetch/invalid-url");
    expect(requests).toHaveLength(1);
  });

  it("follows up to three redirects, relative ones included, and refuses the fourth", async () => {
    const result = await fetchUrl(`${base}/redirect?n=2`, local());
    expect(result.finalUrl).toBe(`${base}/ok`);
    expect(requests).toHaveLength(4);
    expect(await failure(fetchUrl(`${base}/redirect?n=3`, local()))).toEqual({
      code: "fetch/too-many-redirects",
      status: 502,
    });
    const none = await failure(fetchUrl(`${base}/redirect?n=0`, local({ maxRedirects: 0 })));
    expect(none.code).toBe("fetch/too-many-redirects");
  });

  it("checks every redirect hop: a private address is refused though the first host was fine", async () => {
    // Only 127.0.0.1 is allowed, standing in for a public server; the real rules judge the rest.
    const options = local({
      allowedPorts: [port, 80],
      isAddressAllowed: (address, range) => range === "public" || address === "127.0.0.1",
    });
    for (const target of [
      "http://169.254.169.254/latest/meta-data/",
      "http://10.0.0.1/",
      `http://127.0.0.2:${port}/ok`,
      `http://[::1]:${port}/ok`,
      `http://[::ffff:a9fe:a9fe]/`,
    ]) {
      requests = [];
      const hop = `${base}/to?u=${encodeURIComponent(target)}`;
      expect((await failure(fetchUrl(hop, options))).code).toBe("fetch/forbidden-address");
      expect(requests).toHaveLength(1);
    }
    const file = `${base}/to?u=${encodeURIComponent("file:///etc/passwd")}`;
    expect((await failure(fetchUrl(file, options))).code).toBe("fetch/invalid-url");
  });

  it("resolves a name once per hop and connects to the vetted address only", async () => {
    const asked: string[] = [];
    const resolve = async (name: string) => {
      asked.push(name);
      return [{ address: "127.0.0.1", family: 4 as const }];
    };
    const result = await fetchUrl(`http://vigil.test:${port}/host`, local({ resolve }));
    expect(Buffer.from(result.bytes).toString()).toBe(`vigil.test:${port}`);
    expect(asked).toEqual(["vigil.test"]);
  });

  it("refuses a host when any of its addresses is forbidden", async () => {
    const resolve = async () => [
      { address: "127.0.0.1", family: 4 as const },
      { address: "10.0.0.8", family: 4 as const },
    ];
    const isAddressAllowed = (address: string) => address === "127.0.0.1";
    const result = await failure(
      fetchUrl(`http://mixed.test:${port}/ok`, local({ resolve, isAddressAllowed })),
    );
    expect(result.code).toBe("fetch/forbidden-address");
    expect(requests).toHaveLength(0);
  });

  it("reports a name that does not resolve as a failed fetch", async () => {
    const resolve = async (): Promise<never> => {
      throw Object.assign(new Error("nope"), { code: "ENOTFOUND" });
    };
    const result = await failure(fetchUrl(`http://gone.test:${port}/`, local({ resolve })));
    expect(result).toEqual({ code: "fetch/failed", status: 502 });
  });

  it("refuses a body whose Content-Length is over the cap without waiting for it", async () => {
    const options = local({ maxBytes: 1000, timeoutMs: 5_000 });
    const started = Date.now();
    expect(await failure(fetchUrl(`${base}/declared-large`, options))).toEqual({
      code: "fetch/too-large",
      status: 413,
    });
    expect(Date.now() - started).toBeLessThan(4_000);
  });

  it("cuts off a chunked body as soon as it passes the cap", async () => {
    const options = local({ maxBytes: 100_000 });
    const small = await fetchUrl(`${base}/chunked?bytes=65536`, options);
    expect(small.bytes.length).toBe(65536);
    const big = await failure(fetchUrl(`${base}/chunked?bytes=${50 * 1024 * 1024}`, options));
    expect(big.code).toBe("fetch/too-large");
  });

  it("gives up at the deadline when the server stalls, before or during the body", async () => {
    for (const path of ["/stall", "/stall-body"]) {
      expect(await failure(fetchUrl(`${base}${path}`, local({ timeoutMs: 300 })))).toEqual({
        code: "fetch/timeout",
        status: 504,
      });
    }
  });

  it("reports upstream error statuses, and a redirect without a Location", async () => {
    for (const s of [404, 500, 304]) {
      const result = await failure(fetchUrl(`${base}/status?s=${s}`, local()));
      expect(result).toEqual({ code: "fetch/http-status", status: 502 });
    }
    const empty = await fetchUrl(`${base}/status?s=204`, local());
    expect(empty.bytes.length).toBe(0);
    expect((await failure(fetchUrl(`${base}/no-location`, local()))).code).toBe(
      "fetch/http-status",
    );
  });

  it("refuses a compressed body, whose size the cap could not bound", async () => {
    expect((await failure(fetchUrl(`${base}/gzip`, local()))).code).toBe("fetch/failed");
  });

  it("stops when the caller cancels", async () => {
    const controller = new AbortController();
    const pending = fetchUrl(`${base}/stall`, local({ signal: controller.signal }));
    setTimeout(() => controller.abort(), 50);
    expect((await failure(pending)).code).toBe("fetch/failed");
  });

  it("refuses options out of range", async () => {
    await expect(fetchUrl(`${base}/ok`, { maxBytes: 0 })).rejects.toThrow(RangeError);
    await expect(fetchUrl(`${base}/ok`, { timeoutMs: -1 })).rejects.toThrow(RangeError);
    await expect(fetchUrl(`${base}/ok`, { maxRedirects: 1.5 })).rejects.toThrow(RangeError);
    await expect(fetchUrl(`${base}/ok`, { allowedPorts: [0] })).rejects.toThrow(RangeError);
  });
});
