/**
 * The repositories write `?` placeholders; PostgreSQL wants `$1, $2, …`. Quoted strings and
 * identifiers are copied as they are. Results are cached: the set of statements is fixed.
 */
const cache = new Map<string, string>();
const MAX_CACHED = 1000;

export function numberPlaceholders(sql: string): string {
  const cached = cache.get(sql);
  if (cached !== undefined) return cached;
  let out = "";
  let n = 0;
  let quote: string | null = null;
  for (const char of sql) {
    if (quote) {
      if (char === quote) quote = null;
      out += char;
    } else if (char === "'" || char === '"') {
      quote = char;
      out += char;
    } else {
      out += char === "?" ? `$${++n}` : char;
    }
  }
  if (cache.size >= MAX_CACHED) cache.clear();
  cache.set(sql, out);
  return out;
}
