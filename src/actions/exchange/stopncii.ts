/**
 * StopNCII.org hash-exchange records, as its FetchHashes API returns them (field names and values
 * from python-threatexchange's StopNCII client):
 *
 *   { "lastModtimestamp": 1625175071, "signalType": "ImagePDQ", "hashValue": "9def…a038",
 *     "hashStatus": "Active", "caseNumbers": { "cc592711-…": "Active" },
 *     "CSPFeedbacks": [{ "source": "…", "feedbackValue": "Blocked", "tags": ["…"] }] }
 *
 * `hashStatus` is the aggregate of the cases: Received and Active hold the hash; Withdrawn and
 * Deleted mean every holder must delete it. StopNCII knows ImagePDQ, VideoMD5, VideoTMK, Text and
 * URL; Vigil reads ImagePDQ and VideoMD5 (an MD5 of the file), and adds two types of its own for
 * exchange between Vigil instances: SHA256 and VideoVPDQ (vPDQ text). `quality` is also ours.
 */
import { normaliseValue } from "./hex-values.js";
import type { ExchangeEntry, ExchangeSignalType, ExchangeStatus, HashRecord } from "./types.js";

const TYPE_BY_NAME: ReadonlyMap<string, ExchangeSignalType> = new Map([
  ["imagepdq", "pdq"],
  ["pdq", "pdq"],
  ["videomd5", "md5"],
  ["md5", "md5"],
  ["sha256", "sha256"],
  ["sha-256", "sha256"],
  ["videovpdq", "video"],
  ["vpdq", "video"],
]);
export const STOPNCII_TYPE: Readonly<Record<ExchangeSignalType, string>> = {
  pdq: "ImagePDQ",
  md5: "VideoMD5",
  sha256: "SHA256",
  video: "VideoVPDQ",
};
const STATUS_BY_NAME: ReadonlyMap<string, ExchangeStatus> = new Map([
  ["received", "active"],
  ["active", "active"],
  ["unknown", "active"],
  ["withdrawn", "withdrawn"],
  ["deleted", "withdrawn"],
]);

type Json = Record<string, unknown>;

/** One record of a JSON list, checked field by field. */
export function parseStopNciiRecord(input: unknown, line: number): HashRecord | { error: string } {
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    return { error: "a record must be a JSON object" };
  }
  const record = input as Json;
  for (const field of ["signalType", "hashValue", "hashStatus"]) {
    if (record[field] === undefined) return { error: `the record has no ${field} field` };
    if (typeof record[field] !== "string") return { error: `${field} must be a string` };
  }
  const typeName = record["signalType"] as string;
  const type = TYPE_BY_NAME.get(typeName.toLowerCase());
  if (!type) return { error: `signal type ${JSON.stringify(typeName)} is not supported` };
  const status = STATUS_BY_NAME.get((record["hashStatus"] as string).toLowerCase());
  if (!status) return { error: "hashStatus is not one of Received, Active, Withdrawn, Deleted" };
  const checked = normaliseValue(type, record["hashValue"] as string);
  if ("error" in checked) return checked;
  const caseNumbers = readCaseNumbers(record["caseNumbers"]);
  if ("error" in caseNumbers) return caseNumbers;
  const out: { -readonly [K in keyof HashRecord]: HashRecord[K] } = {
    line,
    signalType: type,
    value: checked.value,
    status,
    caseNumbers: caseNumbers.cases,
  };
  const quality = record["quality"];
  if (quality !== undefined && quality !== null) {
    if (!Number.isInteger(quality) || (quality as number) < 0 || (quality as number) > 100) {
      return { error: "quality must be an integer from 0 to 100" };
    }
    out.quality = quality as number;
  }
  const time = record["lastModtimestamp"];
  if (time !== undefined && time !== null) {
    if (!Number.isSafeInteger(time) || (time as number) < 0) {
      return { error: "lastModtimestamp must be a non-negative integer (seconds since 1970)" };
    }
    out.updatedAt = (time as number) * 1000;
  }
  return out;
}

/**
 * StopNCII sends `{ "case id": "status" }`; an empty list (`[]`) also occurs. A case that was
 * withdrawn or deleted no longer holds the hash, so it is left out. A list of ids is accepted.
 */
function readCaseNumbers(value: unknown): { cases: string[] } | { error: string } {
  if (value === undefined || value === null) return { cases: [] };
  const bad = { error: "caseNumbers must map case numbers to statuses" };
  if (Array.isArray(value)) {
    return value.every((c) => typeof c === "string" && c !== "") ? { cases: value } : bad;
  }
  if (typeof value !== "object") return bad;
  const cases: string[] = [];
  for (const [id, status] of Object.entries(value as Json)) {
    if (id === "" || typeof status !== "string") return bad;
    if (STATUS_BY_NAME.get(status.toLowerCase()) !== "withdrawn") cases.push(id);
  }
  return { cases };
}

/** One entry in StopNCII's shape; `value` is already checked and `seconds` already derived. */
export function formatStopNciiRecord(
  entry: ExchangeEntry,
  value: string,
  seconds: number | undefined,
): Json {
  const status = entry.status === "withdrawn" ? "Withdrawn" : "Active";
  const record: Json = {};
  if (seconds !== undefined) record["lastModtimestamp"] = seconds;
  record["signalType"] = STOPNCII_TYPE[entry.signalType];
  record["hashValue"] = value;
  record["hashStatus"] = status;
  record["caseNumbers"] = Object.fromEntries((entry.caseNumbers ?? []).map((c) => [c, status]));
  if (entry.quality !== undefined && entry.quality !== null) record["quality"] = entry.quality;
  return record;
}
