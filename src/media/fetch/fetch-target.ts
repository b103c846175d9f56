/**
 * The checks of every URL fetched — the first one and each redirect — before any connection:
 * http or https, no credentials, an allowed port, and a host whose every address is allowed.
 * The address returned is the one to connect to; the caller pins the connection to it, so a DNS
 * answer that changes between this check and the connect (DNS rebinding) cannot slip through.
 */
import { lookup } from "node:dns/promises";
import { VigilError } from "../../core/index.js";
import type { FetchSettings, ResolvedAddress } from "./fetch-options.js";
import { addressRange } from "./ip-range.js";

const DEFAULT_PORT: Readonly<Record<string, number>> = { "http:": 80, "https:": 443 };

/** Parses and checks a URL (relative to `base` for a redirect's Location). */
export function checkUrl(input: string | URL, settings: FetchSettings, base?: URL): URL {
  let url: URL;
  try {
    url = new URL(input, base);
  } catch {
    throw new VigilError("fetch/invalid-url", "The URL is not a valid absolute URL.");
  }
  const defaultPort = DEFAULT_PORT[url.protocol];
  if (defaultPort === undefined) {
    throw new VigilError("fetch/invalid-url", "Only http and https URLs can be fetched.", {
      scheme: url.protocol.slice(0, 16),
    });
  }
  if (url.username !== "" || url.password !== "") {
    throw new VigilError("fetch/invalid-url", "URLs with a user name or password are refused.");
  }
  const port = url.port === "" ? defaultPort : Number(url.port);
  if (!settings.allowedPorts.has(port)) {
    throw new VigilError("fetch/forbidden-address", `Port ${port} may not be fetched from.`, {
      port,
    });
  }
  const host = url.hostname.toLowerCase().replace(/\.$/, "");
  if (!settings.allowPrivateNetworks && (host === "localhost" || host.endsWith(".localhost"))) {
    throw forbidden("loopback");
  }
  return url;
}

/** Resolves the URL's host and returns the address to connect to, when all of them are allowed. */
export async function vetHost(url: URL, settings: FetchSettings): Promise<ResolvedAddress> {
  const host = url.hostname;
  const literal = host.startsWith("[") ? host.slice(1, -1) : host;
  const addresses: readonly ResolvedAddress[] =
    addressRange(literal) !== undefined
      ? [{ address: literal, family: literal.includes(":") ? 6 : 4 }]
      : await resolveHost(literal, settings);
  if (addresses.length === 0) throw new VigilError("fetch/failed", "The host has no address.");
  // Every answer must pass, not only the first: which one a client picks is not ours to know.
  for (const { address } of addresses) {
    const range = addressRange(address) ?? "reserved";
    if (!settings.isAddressAllowed(address, range)) throw forbidden(range);
  }
  return addresses[0]!;
}

async function resolveHost(host: string, settings: FetchSettings): Promise<ResolvedAddress[]> {
  try {
    const answers = settings.resolve
      ? await settings.resolve(host)
      : await lookup(host, { all: true, verbatim: true });
    // The family comes from the address itself, not from what a resolver claims it is.
    return answers.map(({ address }) => ({ address, family: address.includes(":") ? 6 : 4 }));
  } catch (error) {
    if (error instanceof VigilError) throw error;
    throw new VigilError("fetch/failed", "The host name could not be resolved.", {
      reason: errorCode(error),
    });
  }
}

function forbidden(range: string): VigilError {
  return new VigilError(
    "fetch/forbidden-address",
    `The URL leads to an address that may not be fetched from (${range}).`,
    { range },
  );
}

export function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : "unknown";
}
