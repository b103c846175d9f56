/** The XMP properties the provenance reader looks for, by local name. */
export const XMP_PROPERTIES = ["DigitalSourceType", "CreatorTool", "Software"] as const;
export type XmpProperty = (typeof XMP_PROPERTIES)[number];

export interface XmpValue {
  readonly property: XmpProperty;
  readonly value: string;
}

const MAX_VALUE_CHARS = 2048;
const MAX_HITS_PER_PROPERTY = 64;

/**
 * The values of a few XMP properties, in either serialisation RDF allows: an attribute
 * (`Iptc4xmpExt:DigitalSourceType="…"`) or an element (`<xmp:CreatorTool>…</xmp:CreatorTool>`,
 * or `rdf:resource="…"` on it). Any namespace prefix is accepted: the local names are distinctive
 * enough, and prefixes are the writer's choice.
 *
 * Not exifr's XMP parser: its run time grows with the square of the input (a 960 KB packet of
 * `<rdf:li>` took 82 s to parse, measured), so a hostile file could hold a worker for minutes.
 * This scan uses `indexOf` and windows of at most MAX_VALUE_CHARS, so it is linear.
 */
export function readXmpValues(packet: string): XmpValue[] {
  const values: XmpValue[] = [];
  for (const property of XMP_PROPERTIES) {
    const needle = `:${property}`;
    let from = 0;
    for (let hit = 0; hit < MAX_HITS_PER_PROPERTY; hit++) {
      const at = packet.indexOf(needle, from);
      if (at < 0) break;
      from = at + needle.length;
      const value = valueAfter(packet, from);
      if (value !== undefined && value !== "") values.push({ property, value });
    }
  }
  return values;
}

function valueAfter(packet: string, at: number): string | undefined {
  let i = at;
  while (i < packet.length && i < at + 16 && isSpace(packet.charCodeAt(i))) i++;
  const next = packet[i];
  if (next === "=") return quoted(packet, i + 1);
  const after = packet[at];
  if (after !== ">" && after !== "/" && !isSpace(packet.charCodeAt(at))) return undefined;
  // An element: the value is rdf:resource="…" inside the tag, or the text after it.
  const tagEnd = packet.indexOf(">", i);
  if (tagEnd < 0 || tagEnd - i > MAX_VALUE_CHARS) return undefined;
  const resource = packet.slice(i, tagEnd).indexOf("rdf:resource");
  if (resource >= 0) {
    const eq = packet.indexOf("=", i + resource);
    return eq < 0 || eq > tagEnd ? undefined : quoted(packet, eq + 1);
  }
  if (packet[tagEnd - 1] === "/") return undefined;
  const textEnd = packet.indexOf("<", tagEnd + 1);
  if (textEnd < 0 || textEnd - tagEnd > MAX_VALUE_CHARS) return undefined;
  return decodeEntities(packet.slice(tagEnd + 1, textEnd).trim());
}

function quoted(packet: string, at: number): string | undefined {
  let i = at;
  while (i < packet.length && i < at + 16 && isSpace(packet.charCodeAt(i))) i++;
  const quote = packet[i];
  if (quote !== '"' && quote !== "'") return undefined;
  const end = packet.indexOf(quote, i + 1);
  if (end < 0 || end - i > MAX_VALUE_CHARS) return undefined;
  return decodeEntities(packet.slice(i + 1, end).trim());
}

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

const ENTITIES: Readonly<Record<string, string>> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
};

function decodeEntities(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|apos|#\d{1,7}|#x[0-9a-fA-F]{1,6});/g, (_, name: string) => {
    if (name.startsWith("#x")) return safeCodePoint(Number.parseInt(name.slice(2), 16));
    if (name.startsWith("#")) return safeCodePoint(Number.parseInt(name.slice(1), 10));
    return ENTITIES[name] ?? "";
  });
}

function safeCodePoint(code: number): string {
  return code <= 0x10ffff ? String.fromCodePoint(code) : "";
}
