/**
 * `fetchUrl`: the bytes behind a URL, for "scan by URL", without server-side request forgery.
 *
 * Every hop (the URL and each redirect, at most 3) is checked before it is connected to: http or
 * https only, no credentials, ports 80/443, and every address of the host public (no loopback,
 * private, link-local/metadata, CGNAT, multicast…). The connection is pinned to the vetted
 * address through the request's `lookup`, so DNS is asked once per hop and a rebinding answer is
 * never used. Size is capped from Content-Length and again while reading; one deadline covers
 * the whole fetch. Redirects are followed by hand: Node's http never follows them by itself.
 */
import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import type { LookupFunction } from "node:net";
import { VigilError } from "../../core/index.js";
import { readBody } from "./fetch-body.js";
import {
  resolveFetchOptions,
  type FetchSettings,
  type FetchUrlOptions,
  type ResolvedAddress,
} from "./fetch-options.js";
import { checkUrl, errorCode, vetHost } from "./fetch-target.js";

export interface FetchedUrl {
  readonly bytes: Uint8Array;
  /** The Content-Type header as sent, or null. */
  readonly contentType: string | null;
  /** The URL the bytes came from, after redirects. */
  readonly finalUrl: string;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

export async function fetchUrl(
  input: string | URL,
  options: FetchUrlOptions = {},
): Promise<FetchedUrl> {
  const settings = resolveFetchOptions(options);
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), settings.timeoutMs);
  const signal = options.signal
    ? AbortSignal.any([deadline.signal, options.signal])
    : deadline.signal;
  try {
    return await withAbort(follow(input, settings, signal), signal);
  } catch (error) {
    if (deadline.signal.aborted) {
      throw new VigilError(
        "fetch/timeout",
        `The URL did not answer within ${settings.timeoutMs} ms.`,
        {
          timeoutMs: settings.timeoutMs,
        },
      );
    }
    if (error instanceof VigilError) throw error;
    if (signal.aborted) throw new VigilError("fetch/failed", "The fetch was cancelled.");
    throw new VigilError("fetch/failed", "The URL could not be fetched.", {
      reason: errorCode(error),
    });
  } finally {
    clearTimeout(timer);
  }
}

async function follow(
  input: string | URL,
  settings: FetchSettings,
  signal: AbortSignal,
): Promise<FetchedUrl> {
  let url = checkUrl(input, settings);
  for (let redirects = 0; ; redirects++) {
    const address = await vetHost(url, settings);
    signal.throwIfAborted();
    const response = await get(url, address, settings, signal);
    const status = response.statusCode ?? 0;
    const location = response.headers.location;
    if (REDIRECTS.has(status) && location !== undefined) {
      response.destroy();
      if (redirects >= settings.maxRedirects) {
        throw new VigilError(
          "fetch/too-many-redirects",
          `The URL redirected more than ${settings.maxRedirects} times.`,
          { maxRedirects: settings.maxRedirects },
        );
      }
      url = checkUrl(location, settings, url);
      continue;
    }
    if (status < 200 || status > 299) {
      response.destroy();
      throw new VigilError("fetch/http-status", `The server answered with status ${status}.`, {
        status,
      });
    }
    const bytes = await readBody(response, settings.maxBytes);
    return { bytes, contentType: response.headers["content-type"] ?? null, finalUrl: url.href };
  }
}

/** One GET, connected only to `address`, with no connection pooling across hops. */
function get(
  url: URL,
  address: ResolvedAddress,
  settings: FetchSettings,
  signal: AbortSignal,
): Promise<IncomingMessage> {
  const pinned: LookupFunction = (_hostname, lookupOptions, callback) => {
    if (lookupOptions.all) callback(null, [address]);
    else callback(null, address.address, address.family);
  };
  const send = url.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const request = send(url, {
      method: "GET",
      agent: false,
      lookup: pinned,
      signal,
      headers: {
        "user-agent": settings.userAgent,
        accept: "*/*",
        // The size cap must count the bytes we keep, so no compressed transfer (no zip bombs).
        "accept-encoding": "identity",
      },
    });
    request.once("response", resolve);
    // `on`, not `once`: a request may emit a second error (a reset after an abort), and an
    // error event nobody listens to would take the process down.
    request.on("error", reject);
    request.end();
  });
}

/** Rejects as soon as `signal` aborts, even while a step (DNS) cannot itself be cancelled. */
function withAbort<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(new Error("aborted"));
    if (signal.aborted) onAbort();
    signal.addEventListener("abort", onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}
