/**
 * verifyEvidence: an evidence archive and the public key it should be signed with in; the
 * manifest out, or a refusal — `compliance/evidence-invalid` with `details.reason`:
 *
 * - `unreadable`: not UTF-8 JSON, not in canonical form, or not a Vigil evidence package. The
 *   canonical form is required, not just tolerated: the bytes were written canonical, so any
 *   other spelling was edited, and a parser-dependent reading (duplicate keys) is never trusted.
 * - `key`: signed with another key than the one given (or the key given is not Ed25519).
 * - `signature`: the signature does not cover this manifest: something in it changed.
 * - `chain`: an audit event does not recompute to its hash or does not link to the one before
 *   it, or an event the package relies on is missing from it.
 * - `head`: the package says its events run to the chain head, and they do not.
 * - `media`: included bytes do not match their SHA-256.
 *
 * Offline and pure: nothing but the bytes and the key is consulted.
 */
import { createHash, createPublicKey, verify, type KeyObject } from "node:crypto";
import { canonicalJson, type AuditEvent } from "../store/index.js";
import type { JsonValue } from "../core/index.js";
import { VigilError } from "../core/index.js";
import { checkSegment } from "./audit-segment.js";
import { keyIdOf } from "./evidence-keys.js";
import { signedBytes } from "./evidence-pack.js";
import { EVIDENCE_FORMAT, type EvidenceEnvelope, type EvidenceManifest } from "./evidence-types.js";
import type { AuditHead } from "./ports.js";

export type EvidenceFailure = "unreadable" | "key" | "signature" | "chain" | "head" | "media";

export interface EvidenceVerification {
  readonly manifest: EvidenceManifest;
  readonly keyId: string;
  readonly audit: {
    readonly segments: number;
    readonly events: number;
    readonly reachesHead: boolean;
    readonly head: AuditHead | null;
  };
}

export function verifyEvidence(
  archive: Uint8Array | string,
  publicKey: string | KeyObject,
): EvidenceVerification {
  const envelope = readEnvelope(archive);
  const key = readKey(publicKey);
  const keyId = keyIdOf(key);
  if (keyId !== envelope.signature.keyId) refuse("key", "the package was signed with another key");
  const signature = Buffer.from(envelope.signature.value, "base64");
  if (!verify(null, signedBytes(envelope.manifest), key, signature)) {
    refuse("signature", "the signature does not match the manifest: the package was changed");
  }
  const audit = checkAudit(envelope.manifest);
  checkMedia(envelope.manifest);
  return { manifest: envelope.manifest, keyId, audit };
}

function readEnvelope(archive: Uint8Array | string): EvidenceEnvelope {
  let text: string;
  let parsed: unknown;
  try {
    text =
      typeof archive === "string"
        ? archive
        : new TextDecoder("utf-8", { fatal: true }).decode(archive);
    parsed = JSON.parse(text);
  } catch {
    refuse("unreadable", "the package is not UTF-8 JSON");
  }
  if (`${canonicalJson(parsed as JsonValue)}\n` !== text) {
    refuse("unreadable", "the package is not in its canonical form: it was edited");
  }
  const envelope = parsed as Partial<EvidenceEnvelope> | null;
  const signature = envelope?.signature;
  if (
    envelope?.format !== EVIDENCE_FORMAT ||
    typeof envelope.manifest !== "object" ||
    envelope.manifest === null ||
    envelope.manifest.format !== EVIDENCE_FORMAT ||
    signature?.alg !== "Ed25519" ||
    typeof signature.keyId !== "string" ||
    typeof signature.value !== "string"
  ) {
    refuse("unreadable", `not a ${EVIDENCE_FORMAT} package`);
  }
  return envelope as EvidenceEnvelope;
}

function readKey(publicKey: string | KeyObject): KeyObject {
  let key: KeyObject;
  try {
    key = typeof publicKey === "string" ? createPublicKey(publicKey) : publicKey;
  } catch {
    refuse("key", "the public key could not be read (SPKI PEM expected)");
  }
  if (key.asymmetricKeyType !== "ed25519" || key.type !== "public")
    refuse("key", "the key is not an Ed25519 public key");
  return key;
}

function checkAudit(manifest: EvidenceManifest): EvidenceVerification["audit"] {
  const audit = manifest.audit;
  if (
    typeof audit !== "object" ||
    audit === null ||
    !Array.isArray(audit.segments) ||
    !Array.isArray(audit.relevantIds)
  ) {
    refuse("unreadable", "the package has no audit section");
  }
  const seen = new Set<number>();
  let events = 0;
  for (const segment of audit.segments) {
    const list = segment?.events;
    if (!Array.isArray(list) || list.length === 0 || !list.every(isEvent)) {
      refuse("unreadable", "an audit segment is not a list of audit events");
    }
    const check = checkSegment(list);
    if (!check.ok)
      refuse("chain", `audit event ${check.eventId}: ${check.problem}`, { eventId: check.eventId });
    for (const event of list) seen.add(event.id);
    events += list.length;
  }
  const missing = audit.relevantIds.find((id) => !seen.has(id));
  if (missing !== undefined)
    refuse("chain", `audit event ${missing} is relied on but not in the package`, {
      eventId: missing,
    });
  if (audit.reachesHead) {
    const last = audit.segments.at(-1)?.events.at(-1);
    if (!audit.head || last?.id !== audit.head.id || last.hash !== audit.head.hash) {
      refuse("head", "the audit events do not run to the chain head the package names");
    }
  }
  return {
    segments: audit.segments.length,
    events,
    reachesHead: audit.reachesHead,
    head: audit.head,
  };
}

function checkMedia(manifest: EvidenceManifest): void {
  for (const media of Array.isArray(manifest.media) ? manifest.media : []) {
    const digest = createHash("sha256")
      .update(Buffer.from(String(media.base64), "base64"))
      .digest("hex");
    if (digest !== media.sha256)
      refuse("media", `the media of item ${String(media.itemId)} does not match its SHA-256`);
  }
}

function isEvent(value: unknown): value is AuditEvent {
  const e = value as Partial<AuditEvent> | null;
  return (
    typeof e === "object" &&
    e !== null &&
    Number.isInteger(e.id) &&
    typeof e.at === "string" &&
    typeof e.actor === "string" &&
    typeof e.action === "string" &&
    (e.subjectType === null || typeof e.subjectType === "string") &&
    (e.subjectId === null || typeof e.subjectId === "string") &&
    typeof e.details === "object" &&
    e.details !== null &&
    typeof e.prevHash === "string" &&
    typeof e.hash === "string"
  );
}

function refuse(
  reason: EvidenceFailure,
  message: string,
  details: Record<string, unknown> = {},
): never {
  throw new VigilError("compliance/evidence-invalid", message, { reason, ...details });
}
