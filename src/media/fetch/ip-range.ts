/**
 * Which range an IP address belongs to, for the server-side request forgery guard of URL
 * fetching. Only `public` addresses may be fetched by default.
 *
 * IPv6 is judged as an allowlist: only global unicast (2000::/3) can be public, minus its special
 * blocks. Forms that carry an IPv4 address inside (IPv4-mapped ::ffff:a.b.c.d, NAT64 64:ff9b::/96,
 * 6to4 2002::/16) are judged by that IPv4 address, so `[::ffff:127.0.0.1]` is loopback too.
 */
import { isIPv4, isIPv6 } from "node:net";

export type AddressRange =
  | "public"
  | "loopback"
  | "private"
  | "link-local"
  | "shared"
  | "unspecified"
  | "multicast"
  | "broadcast"
  | "documentation"
  | "reserved";

/** [network, prefix length, range], most specific first where blocks nest. */
const IPV4_BLOCKS: readonly (readonly [string, number, AddressRange])[] = [
  ["255.255.255.255", 32, "broadcast"],
  ["0.0.0.0", 8, "unspecified"],
  ["10.0.0.0", 8, "private"],
  ["100.64.0.0", 10, "shared"], // carrier-grade NAT
  ["127.0.0.0", 8, "loopback"],
  ["169.254.0.0", 16, "link-local"], // includes the cloud metadata service 169.254.169.254
  ["172.16.0.0", 12, "private"],
  ["192.0.0.0", 24, "reserved"],
  ["192.0.2.0", 24, "documentation"],
  ["192.88.99.0", 24, "reserved"],
  ["192.168.0.0", 16, "private"],
  ["198.18.0.0", 15, "reserved"], // benchmarking
  ["198.51.100.0", 24, "documentation"],
  ["203.0.113.0", 24, "documentation"],
  ["224.0.0.0", 4, "multicast"],
  ["240.0.0.0", 4, "reserved"],
];

const V4 = IPV4_BLOCKS.map(([net, bits, range]) => {
  const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
  return { network: (ipv4Number(net) & mask) >>> 0, mask, range };
});

/** The range of an IPv4 or IPv6 address (brackets allowed), or undefined for anything else. */
export function addressRange(address: string): AddressRange | undefined {
  if (isIPv4(address)) return ipv4Range(ipv4Number(address));
  // URLs write IPv6 hosts in brackets: `new URL("http://[::1]/").hostname` is "[::1]".
  const text = address.startsWith("[") && address.endsWith("]") ? address.slice(1, -1) : address;
  return isIPv6(text) ? ipv6Range(ipv6Words(text)) : undefined;
}

function ipv4Range(n: number): AddressRange {
  for (const block of V4) if ((n & block.mask) >>> 0 === block.network) return block.range;
  return "public";
}

function ipv6Range(words: readonly number[]): AddressRange {
  const w = (i: number): number => words[i] ?? 0;
  const zeroBefore = (end: number): boolean => words.slice(0, end).every((x) => x === 0);
  const embedded = ((w(6) << 16) | w(7)) >>> 0;
  if (zeroBefore(7) && w(7) === 0) return "unspecified";
  if (zeroBefore(7) && w(7) === 1) return "loopback";
  if (zeroBefore(5) && w(5) === 0xffff) return ipv4Range(embedded); // IPv4-mapped
  if (zeroBefore(6)) return "reserved"; // IPv4-compatible (deprecated)
  if (w(0) === 0x64 && w(1) === 0xff9b && words.slice(2, 6).every((x) => x === 0)) {
    return ipv4Range(embedded); // NAT64's well-known prefix: the gateway would connect there
  }
  if (w(0) === 0x2002) return ipv4Range(((w(1) << 16) | w(2)) >>> 0); // 6to4
  if ((w(0) & 0xfe00) === 0xfc00) return "private"; // unique local fc00::/7
  if ((w(0) & 0xffc0) === 0xfe80) return "link-local";
  if ((w(0) & 0xffc0) === 0xfec0) return "private"; // site-local (deprecated)
  if ((w(0) & 0xff00) === 0xff00) return "multicast";
  if (w(0) === 0x2001 && w(1) === 0x0db8) return "documentation";
  if (w(0) === 0x3fff && w(1) < 0x1000) return "documentation"; // 3fff::/20
  // 2001::/23 holds Teredo (2001::/32, an IPv4 address hidden inside) and protocol blocks.
  if (w(0) === 0x2001 && w(1) < 0x0200) return "reserved";
  return (w(0) & 0xe000) === 0x2000 ? "public" : "reserved";
}

function ipv4Number(text: string): number {
  const [a, b, c, d] = text.split(".").map(Number) as [number, number, number, number];
  return ((a << 24) | (b << 16) | (c << 8) | d) >>> 0;
}

/** Eight 16-bit words of a valid IPv6 text (`::` expanded, a dotted IPv4 tail converted). */
function ipv6Words(text: string): number[] {
  let body = text.split("%")[0]!;
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(body);
  if (dotted) {
    const n = ipv4Number(dotted[1]!);
    body = `${body.slice(0, dotted.index)}${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`;
  }
  const [head, tail] = body.split("::") as [string, string | undefined];
  const parse = (part: string): number[] =>
    part === "" ? [] : part.split(":").map((h) => Number.parseInt(h, 16));
  const left = parse(head);
  if (tail === undefined) return left;
  const right = parse(tail);
  return [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
}
