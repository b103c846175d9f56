/**
 * CSV as RFC 4180 and the 2024/2835 templates ask: comma-separated, CRLF line ends, UTF-8, a
 * field quoted when it holds a comma, a quote or a line break (quotes doubled). Numbers are
 * written plainly (no thousands separators, a dot for decimals), empty cells for "not
 * applicable". A text cell that a spreadsheet would run as a formula (=, +, -, @ first) gets a
 * leading apostrophe: reports are opened in spreadsheets, and no cell of ours is a formula.
 */

export type Cell = string | number | boolean | null;

export function toCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return [header, ...rows].map((row) => row.map(cell).join(",")).join("\r\n") + "\r\n";
}

function cell(value: Cell): string {
  if (value === null) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  if (typeof value === "boolean") return value ? "true" : "false";
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
