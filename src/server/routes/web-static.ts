/**
 * The web console, served from Vite's output (VIGIL_WEB_DIR, default dist/web): hashed assets
 * under /assets/ cached for a year, and index.html for `/` and every client-side route, never
 * cached, with headers that keep the console's pages from loading anything but their own files
 * (a moderator's browser shows abusive media: nothing from elsewhere may run next to it), from
 * being framed, and from leaking addresses in the Referer. When the console is not built, `/`
 * says how to build it.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import fastifyStatic from "@fastify/static";
import type { FastifyPluginAsync, FastifyReply } from "fastify";
import type { ServerContext } from "../context.js";

/** Media is shown from blob: URLs (blurred until looked at); data: for small inline images. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' blob: data:",
  "media-src 'self' blob:",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

/** The paths the console's client-side router owns: each is answered with index.html. */
const APP_ROUTES = ["/", "/console", "/console/*", "/portal", "/portal/*", "/dashboard"];

function htmlHeaders(reply: FastifyReply): FastifyReply {
  return reply.headers({
    "content-security-policy": CONTENT_SECURITY_POLICY,
    "referrer-policy": "no-referrer",
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "cache-control": "no-cache",
  });
}

const NOT_BUILT = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Vigil</title></head>
<body><h1>Vigil is running</h1>
<p>The web console is not built. Build it with <code>npm run build:web</code> (its output goes to
<code>dist/web</code>, or set <code>VIGIL_WEB_DIR</code>) and restart the server.</p>
<p>The API and its documentation are at <a href="/docs">/docs</a>.</p></body></html>
`;

export function webStaticRoutes({ config }: ServerContext): FastifyPluginAsync {
  const root = config.webDir;
  return async (app) => {
    const hide = { schema: { hide: true } };
    if (!existsSync(join(root, "index.html"))) {
      for (const path of APP_ROUTES) {
        app.get(path, hide, async (_request, reply) =>
          htmlHeaders(reply).type("text/html; charset=utf-8").send(NOT_BUILT),
        );
      }
      return;
    }
    // Vite names assets by their content hash: a changed file is a new name, so cache forever.
    await app.register(fastifyStatic, {
      root: join(root, "assets"),
      prefix: "/assets/",
      index: false,
      maxAge: "365d",
      immutable: true,
      schemaHide: true,
    });
    // The other top-level files (favicon, robots.txt), found at start-up; not index.html.
    await app.register(async (scope) => {
      await scope.register(fastifyStatic, {
        root,
        prefix: "/",
        wildcard: false,
        index: false,
        decorateReply: false,
        globIgnore: ["assets/**", "index.html"],
        maxAge: 0,
        schemaHide: true,
      });
    });
    for (const path of APP_ROUTES) {
      app.get(path, hide, async (_request, reply) =>
        htmlHeaders(reply).sendFile("index.html", root, { cacheControl: false }),
      );
    }
  };
}
