/**
 * parseCondition: one reader per condition kind. The kind is read first so a mistake in it is
 * reported as such, rather than as the fields of some other kind being unknown. Depth is capped
 * so a hostile rule file cannot exhaust the stack here or in evaluation.
 */
import type { BankSignalType, Condition, Visibility } from "./rule-types.js";
import {
  at,
  fail,
  optional,
  readArray,
  readCount,
  readNumber,
  readObject,
  readKind,
  readOneOf,
  readOneOfList,
  readString,
  readStrings,
  type Fields,
} from "./read.js";

/** How deeply `all` / `any` / `not` may nest; real rules stay under 5. */
export const MAX_DEPTH = 16;
/** Most children of one `all` or `any`. */
const MAX_CHILDREN = 64;

const KINDS = [
  "bank_match",
  "classifier",
  "text_finding",
  "report_count",
  "report_reason",
  "author_history",
  "source",
  "all",
  "any",
  "not",
] as const;

const SIGNAL_TYPES: readonly BankSignalType[] = ["pdq", "md5", "sha256", "video"];
const VISIBILITIES: readonly Visibility[] = ["public", "private"];
const MAX_PDQ_DISTANCE = 47;

export function parseCondition(value: unknown, path: string, depth = 1): Condition {
  if (depth > MAX_DEPTH) fail(path, `nests deeper than ${MAX_DEPTH} conditions`);
  const kind = readKind(value, path, KINDS);
  switch (kind) {
    case "bank_match": {
      const f = readObject(
        value,
        path,
        ["kind"],
        ["labels", "banks", "maxDistance", "signalTypes"],
      );
      return {
        kind,
        ...optional(f, "labels", path, readStrings),
        ...optional(f, "banks", path, readStrings),
        ...optional(f, "maxDistance", path, (v, p) => readNumber(v, p, 0, MAX_PDQ_DISTANCE)),
        ...optional(f, "signalTypes", path, (v, p) => readOneOfList(v, p, SIGNAL_TYPES)),
      };
    }
    case "classifier": {
      const f = readObject(value, path, ["kind", "name", "atLeast"]);
      const name = readString(f["name"], at(path, "name"));
      return { kind, name, atLeast: readNumber(f["atLeast"], at(path, "atLeast"), 0, 1) };
    }
    case "text_finding": {
      const f = readObject(value, path, ["kind"], ["categories", "minWeight"]);
      return {
        kind,
        ...optional(f, "categories", path, readStrings),
        ...optional(f, "minWeight", path, (v, p) => readNumber(v, p, 0, 1_000_000)),
      };
    }
    case "report_count": {
      const f = readObject(value, path, ["kind", "atLeast"]);
      return { kind, atLeast: readCount(f["atLeast"], at(path, "atLeast")) };
    }
    case "report_reason": {
      const f = readObject(value, path, ["kind", "reasons"], ["atLeast"]);
      const reasons = readStrings(f["reasons"], at(path, "reasons"));
      return { kind, reasons, ...optional(f, "atLeast", path, readCount) };
    }
    case "author_history": {
      const f = readObject(value, path, ["kind", "priorTakedownsAtLeast"]);
      const p = at(path, "priorTakedownsAtLeast");
      return { kind, priorTakedownsAtLeast: readCount(f["priorTakedownsAtLeast"], p) };
    }
    case "source":
      return parseSource(
        readObject(value, path, ["kind"], ["visibility", "platforms", "sources"]),
        path,
      );
    case "all":
    case "any": {
      const f = readObject(value, path, ["kind", "of"]);
      const list = readArray(f["of"], at(path, "of"), 1, MAX_CHILDREN);
      return { kind, of: list.map((c, i) => parseCondition(c, at(at(path, "of"), i), depth + 1)) };
    }
    case "not": {
      const f = readObject(value, path, ["kind", "condition"]);
      return { kind, condition: parseCondition(f["condition"], at(path, "condition"), depth + 1) };
    }
  }
}

function parseSource(f: Fields, path: string): Condition {
  if (f["visibility"] === undefined && f["platforms"] === undefined && f["sources"] === undefined) {
    // With no filter it would hold for every item, which is never what the author meant.
    fail(path, "must give at least one of visibility, platforms, sources");
  }
  return {
    kind: "source",
    ...optional(f, "visibility", path, (v, p) => readOneOf(v, p, VISIBILITIES)),
    ...optional(f, "platforms", path, readStrings),
    ...optional(f, "sources", path, readStrings),
  };
}
