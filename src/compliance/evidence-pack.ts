/**
 * The archive: one file of canonical JSON (RFC 8785, the rule the audit chain already hashes
 * by) holding the manifest and an Ed25519 signature over `vigil-evidence/1\n` followed by the
 * manifest's canonical form.
 *
 * One canonical JSON file rather than a tar: there is nothing to normalise before signing (a
 * tar carries times, owners and member order that would all have to be pinned), no dependency,
 * any RFC 8785 implementation and any Ed25519 library can check it, and a package is hashes and
 * ids — small. Media, when included, is base64 inside the manifest with its SHA-256; a package
 * of large videos would want a tar-like layout with the manifest signing each member's hash.
 */
import { canonicalJson } from "../store/index.js";
import type { JsonValue } from "../core/index.js";
import type { EvidenceSigner } from "./evidence-keys.js";
import { EVIDENCE_FORMAT, type EvidenceEnvelope, type EvidenceManifest } from "./evidence-types.js";

/** What the signature covers: a domain tag, so the bytes can never be mistaken for another signed thing. */
export function signedBytes(manifest: EvidenceManifest): Uint8Array {
  return new TextEncoder().encode(
    `${EVIDENCE_FORMAT}\n${canonicalJson(manifest as unknown as JsonValue)}`,
  );
}

export function packEvidence(manifest: EvidenceManifest, signer: EvidenceSigner): Uint8Array {
  const envelope: EvidenceEnvelope = {
    format: EVIDENCE_FORMAT,
    manifest,
    signature: {
      alg: "Ed25519",
      keyId: signer.keyId,
      value: Buffer.from(signer.sign(signedBytes(manifest))).toString("base64"),
    },
  };
  return new TextEncoder().encode(`${canonicalJson(envelope as unknown as JsonValue)}\n`);
}
