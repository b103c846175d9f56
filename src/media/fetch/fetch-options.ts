/**
 * Options of `fetchUrl` and their defaults. The defaults are the safe ones: public addresses only,
 * ports 80 and 443, 50 MB, 10 seconds, 3 redirects. Tests and local deployments widen them here,
 * in code; nothing is read from the environment.
 */
import { DEFAULT_DECODE_LIMITS } from "../image/limits.js";
import type { AddressRange } from "./ip-range.js";

export interface ResolvedAddress {
  readonly address: string;
  readonly family: 4 | 6;
}

export interface FetchUrlOptions {
  /** Largest body accepted, in bytes. Default 50 MB, the decoder's own limit. */
  readonly maxBytes?: number;
  /** Deadline of the whole fetch (DNS, connects, redirects, body). Default 10,000 ms. */
  readonly timeoutMs?: number;
  /** Redirects followed; one more is an error. Default 3. */
  readonly maxRedirects?: number;
  /** Also allow loopback, private, link-local and other non-public addresses. Default false. */
  readonly allowPrivateNetworks?: boolean;
  /** Ports that may be connected to. Default 80 and 443. */
  readonly allowedPorts?: readonly number[];
  readonly userAgent?: string;
  /** Cancels the fetch (e.g. the client of a scan went away). */
  readonly signal?: AbortSignal;
  /**
   * Decides about each resolved address instead of the default rule (public only, or any address
   * with `allowPrivateNetworks`). For a deployment with its own rules, and for tests.
   */
  readonly isAddressAllowed?: (address: string, range: AddressRange) => boolean;
  /** Name resolution; default node:dns `lookup` with every address. Replaceable for tests. */
  readonly resolve?: (hostname: string) => Promise<readonly ResolvedAddress[]>;
}

export interface FetchSettings {
  readonly maxBytes: number;
  readonly timeoutMs: number;
  readonly maxRedirects: number;
  readonly allowPrivateNetworks: boolean;
  readonly allowedPorts: ReadonlySet<number>;
  readonly userAgent: string;
  readonly isAddressAllowed: (address: string, range: AddressRange) => boolean;
  readonly resolve: ((hostname: string) => Promise<readonly ResolvedAddress[]>) | undefined;
}

export const DEFAULT_FETCH_OPTIONS = Object.freeze({
  maxBytes: DEFAULT_DECODE_LIMITS.maxBytes,
  timeoutMs: 10_000,
  maxRedirects: 3,
  allowedPorts: Object.freeze([80, 443]),
  userAgent: "Vigil/0.1 (scan by URL)",
});

/** Options with defaults applied; a bad option is a programmer's error (RangeError). */
export function resolveFetchOptions(options: FetchUrlOptions): FetchSettings {
  const maxBytes = options.maxBytes ?? DEFAULT_FETCH_OPTIONS.maxBytes;
  const timeoutMs = options.timeoutMs ?? DEFAULT_FETCH_OPTIONS.timeoutMs;
  const maxRedirects = options.maxRedirects ?? DEFAULT_FETCH_OPTIONS.maxRedirects;
  const ports = options.allowedPorts ?? DEFAULT_FETCH_OPTIONS.allowedPorts;
  check("maxBytes", Number.isSafeInteger(maxBytes) && maxBytes > 0);
  check("timeoutMs", Number.isFinite(timeoutMs) && timeoutMs > 0 && timeoutMs <= 2 ** 31 - 1);
  check("maxRedirects", Number.isInteger(maxRedirects) && maxRedirects >= 0 && maxRedirects <= 20);
  check(
    "allowedPorts",
    ports.every((p) => Number.isInteger(p) && p >= 1 && p <= 65535),
  );
  const allowPrivateNetworks = options.allowPrivateNetworks ?? false;
  return {
    maxBytes,
    timeoutMs,
    maxRedirects,
    allowPrivateNetworks,
    allowedPorts: new Set(ports),
    userAgent: options.userAgent ?? DEFAULT_FETCH_OPTIONS.userAgent,
    isAddressAllowed:
      options.isAddressAllowed ?? ((_, range) => range === "public" || allowPrivateNetworks),
    resolve: options.resolve,
  };
}

function check(name: string, ok: boolean): void {
  if (!ok) throw new RangeError(`fetchUrl option ${name} is out of range.`);
}
