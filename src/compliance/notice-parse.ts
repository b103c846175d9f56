/**
 * Reading a notice's JSON body. Malformed input (a hash that is not hex, an unknown kind, a field
 * nobody defined) is refused with `compliance/invalid-notice` naming the field; a notice that is
 * well formed but lacks what its law requires is not refused here — notice.ts accepts it as
 * incomplete, because a victim's request must never bounce on a missing phone number.
 */
import { isPdqHex } from "../hash/index.js";
import { isJurisdiction } from "./jurisdictions.js";
import { NOTICE_KINDS, SUBMITTER_ROLES } from "./notice-kinds.js";
import {
  NOTICE_REASONS,
  type NoticeBody,
  type NoticeContact,
  type NoticeContent,
  type NoticeHashes,
  type NoticeSignature,
  type PlatformRef,
} from "./notice-types.js";
import { at, readerFor, type Reader } from "./read.js";

const read: Reader = readerFor("compliance/invalid-notice");
/** Per list: a notice names a handful of copies; a bulk list belongs in a bank import. */
const MAX_REFS = 100;
const MAX_URL = 2048;
const MAX_TEXT = 5000;
const MAX_FIELD = 500;
const MD5 = /^[0-9a-f]{32}$/;
const SHA256 = /^[0-9a-f]{64}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function parseNotice(value: unknown): NoticeBody {
  const body = read.object(
    value,
    "",
    ["jurisdiction", "kind", "content"],
    [
      "statement",
      "signature",
      "contact",
      "submitterRole",
      "trustedFlagger",
      "goodFaith",
      "reference",
      "reason",
    ],
  );
  const jurisdiction = read.string(body.jurisdiction, "jurisdiction", 2, 2).toUpperCase();
  if (!isJurisdiction(jurisdiction))
    read.fail("jurisdiction", "must be a two-letter country code or EU");
  return Object.freeze({
    jurisdiction,
    kind: read.oneOf(body.kind, "kind", NOTICE_KINDS),
    content: parseContent(body.content, "content"),
    reason: body.reason === undefined ? "ncii" : read.oneOf(body.reason, "reason", NOTICE_REASONS),
    statement: optionalText(body.statement, "statement", MAX_TEXT),
    signature: body.signature === undefined ? null : parseSignature(body.signature, "signature"),
    contact: body.contact === undefined ? null : parseContact(body.contact, "contact"),
    submitterRole:
      body.submitterRole === undefined
        ? "victim"
        : read.oneOf(body.submitterRole, "submitterRole", SUBMITTER_ROLES),
    trustedFlagger: optionalFlag(body.trustedFlagger, "trustedFlagger"),
    goodFaith: optionalFlag(body.goodFaith, "goodFaith"),
    reference: optionalText(body.reference, "reference", 200),
  });
}

function parseContent(value: unknown, path: string): NoticeContent {
  const content = read.object(value, path, [], ["urls", "platformIds", "hashes"]);
  const urls = list(content.urls, at(path, "urls"), readUrl);
  const platformIds = list(content.platformIds, at(path, "platformIds"), readPlatformRef);
  const hashes = parseHashes(content.hashes, at(path, "hashes"));
  const named =
    urls.length + platformIds.length + hashes.pdq.length + hashes.md5.length + hashes.sha256.length;
  if (named === 0) read.fail(path, "must name the content: urls, platformIds or hashes");
  return Object.freeze({ urls, platformIds, hashes });
}

function parseHashes(value: unknown, path: string): NoticeHashes {
  if (value === undefined) return Object.freeze({ pdq: [], md5: [], sha256: [] });
  const hashes = read.object(value, path, [], ["pdq", "md5", "sha256"]);
  // Lower case and each hash once: the normal form bank entries and item signals are kept in.
  const hex = (check: (text: string) => boolean, name: string, label: string) => {
    const values = list(hashes[name], at(path, name), (item, itemPath) => {
      const text = read.string(item, itemPath, 1, 64).trim().toLowerCase();
      if (!check(text)) read.fail(itemPath, `must be ${label}`);
      return text;
    });
    return Object.freeze([...new Set(values)]);
  };
  return Object.freeze({
    pdq: hex(isPdqHex, "pdq", "a PDQ hash (64 hex digits)"),
    md5: hex((text) => MD5.test(text), "md5", "an MD5 (32 hex digits)"),
    sha256: hex((text) => SHA256.test(text), "sha256", "a SHA-256 (64 hex digits)"),
  });
}

function readUrl(value: unknown, path: string): string {
  const text = read.string(value, path, 1, MAX_URL).trim();
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    read.fail(path, "must be a URL");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:")
    read.fail(path, "must be an http or https URL");
  return url.href;
}

function readPlatformRef(value: unknown, path: string): PlatformRef {
  const ref = read.object(value, path, ["platform", "externalId"], ["channelId"]);
  return Object.freeze({
    platform: read.string(ref.platform, at(path, "platform"), 1, 64),
    channelId: optionalText(ref.channelId, at(path, "channelId"), 256),
    externalId: read.string(ref.externalId, at(path, "externalId"), 1, 256),
  });
}

/** A string is a typed name: an electronic signature. */
function parseSignature(value: unknown, path: string): NoticeSignature | null {
  if (typeof value === "string") {
    const text = read.string(value, path, 0, MAX_FIELD).trim();
    return text ? Object.freeze({ type: "electronic", value: text }) : null;
  }
  const signature = read.object(value, path, ["type", "value"]);
  const text = read.string(signature.value, at(path, "value"), 0, MAX_FIELD).trim();
  const type = read.oneOf(signature.type, at(path, "type"), ["electronic", "physical"] as const);
  return text ? Object.freeze({ type, value: text }) : null;
}

function parseContact(value: unknown, path: string): NoticeContact | null {
  const contact = read.object(value, path, [], ["name", "email", "phone", "address"]);
  const email = optionalText(contact.email, at(path, "email"), 254);
  if (email !== null && !EMAIL.test(email))
    read.fail(at(path, "email"), "must be an email address");
  const parsed = {
    name: optionalText(contact.name, at(path, "name"), MAX_FIELD),
    email,
    phone: optionalText(contact.phone, at(path, "phone"), 64),
    address: optionalText(contact.address, at(path, "address"), MAX_FIELD),
  };
  return Object.values(parsed).some((v) => v !== null) ? Object.freeze(parsed) : null;
}

/** Absent or blank is null: a blank field is a missing element, not an error. */
function optionalText(value: unknown, path: string, max: number): string | null {
  if (value === undefined || value === null) return null;
  const text = read.string(value, path, 0, max).trim();
  return text === "" ? null : text;
}

function optionalFlag(value: unknown, path: string): boolean {
  return value === undefined ? false : read.boolean(value, path);
}

function list<T>(
  value: unknown,
  path: string,
  item: (value: unknown, path: string) => T,
): readonly T[] {
  if (value === undefined) return Object.freeze([]);
  const items = read
    .array(value, path, 0, MAX_REFS)
    .map((entry, index) => item(entry, at(path, index)));
  return Object.freeze(items);
}
