/**
 * factsFromJson: a stored evaluation's facts back into a PolicyItem for replay. Lenient where it
 * costs nothing (unknown fields are ignored, missing lists are empty: records written by an older
 * Vigil still replay) and strict where a wrong value would change a verdict (a score that is not
 * a number). A record that fails throws `FactsError`; a backtest skips and counts it.
 */
import type {
  ClassifierScore,
  PolicyBankMatch,
  PolicyItem,
  TextFinding,
} from "../../policy/index.js";
import type { JsonObject } from "../../core/index.js";

export class FactsError extends Error {
  override readonly name = "FactsError";
}

type Fields = Readonly<Record<string, unknown>>;

const SIGNAL_TYPES = ["pdq", "md5", "sha256", "video"] as const;

export function factsFromJson(json: JsonObject): PolicyItem {
  const f = object(json, "facts");
  const visibility = f["visibility"];
  if (visibility !== undefined && visibility !== "public" && visibility !== "private") {
    bad("visibility", "must be public or private");
  }
  return {
    source: string(f["source"], "source"),
    ...(f["platform"] === undefined ? {} : { platform: string(f["platform"], "platform") }),
    ...(visibility === undefined ? {} : { visibility }),
    bankMatches: list(f["bankMatches"], "bankMatches", bankMatch),
    classifiers: list(f["classifiers"], "classifiers", classifier),
    textFindings: list(f["textFindings"], "textFindings", textFinding),
    reportCount: count(f["reportCount"] ?? 0, "reportCount"),
    reportReasons: list(f["reportReasons"], "reportReasons", string),
    authorPriorTakedowns: count(f["authorPriorTakedowns"] ?? 0, "authorPriorTakedowns"),
  };
}

function bankMatch(value: unknown, path: string): PolicyBankMatch {
  const f = object(value, path);
  const signalType = f["signalType"];
  if (!SIGNAL_TYPES.includes(signalType as (typeof SIGNAL_TYPES)[number])) {
    bad(`${path}.signalType`, `must be one of ${SIGNAL_TYPES.join(", ")}`);
  }
  return {
    bankId: string(f["bankId"], `${path}.bankId`),
    entryId: count(f["entryId"], `${path}.entryId`),
    signalType: signalType as PolicyBankMatch["signalType"],
    distance: number(f["distance"], `${path}.distance`),
    labels: list(f["labels"], `${path}.labels`, string),
  };
}

function classifier(value: unknown, path: string): ClassifierScore {
  const f = object(value, path);
  return {
    name: string(f["name"], `${path}.name`),
    score: number(f["score"], `${path}.score`),
    ...(f["model"] === undefined ? {} : { model: string(f["model"], `${path}.model`) }),
  };
}

function textFinding(value: unknown, path: string): TextFinding {
  const f = object(value, path);
  const span = f["span"];
  if (!Array.isArray(span) || span.length !== 2) bad(`${path}.span`, "must be [start, end]");
  return {
    category: string(f["category"], `${path}.category`),
    weight: number(f["weight"], `${path}.weight`),
    span: [count(span[0], `${path}.span[0]`), count(span[1], `${path}.span[1]`)],
    ...(f["text"] === undefined ? {} : { text: string(f["text"], `${path}.text`) }),
  };
}

function bad(path: string, problem: string): never {
  throw new FactsError(`${path}: ${problem}`);
}

function object(value: unknown, path: string): Fields {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    bad(path, "must be an object");
  }
  return value as Fields;
}

function list<T>(value: unknown, path: string, item: (v: unknown, p: string) => T): T[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) bad(path, "must be a list");
  return value.map((v, i) => item(v, `${path}[${i}]`));
}

function string(value: unknown, path: string): string {
  if (typeof value !== "string") bad(path, "must be a string");
  return value;
}

function number(value: unknown, path: string): number {
  if (typeof value !== "number" || !Number.isFinite(value)) bad(path, "must be a number");
  return value;
}

function count(value: unknown, path: string): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) {
    bad(path, "must be a whole number of at least 0");
  }
  return value;
}
