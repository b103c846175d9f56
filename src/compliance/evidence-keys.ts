/**
 * The server's Ed25519 key for evidence packages: made once, kept by a port (a file under the
 * data directory, or the store in phase 2), its public half exportable so anyone can verify a
 * package offline. Two processes starting at once must end with one key: the port saves only
 * if no key is there yet and hands back whichever key won.
 */
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomBytes,
  sign,
  type KeyObject,
} from "node:crypto";
import { link, mkdir, readFile, unlink, writeFile } from "node:fs/promises";
import { dirname } from "node:path";

/** Where the private key lives, as PKCS#8 PEM. */
export interface SigningKeyStore {
  load(): Promise<string | null>;
  /** Saves the key unless one is there already; returns the key that is there afterwards. */
  saveIfAbsent(privateKeyPem: string): Promise<string>;
}

export interface EvidenceSigner {
  /** Hex SHA-256 of the public key (DER, SubjectPublicKeyInfo): names the key in a package. */
  readonly keyId: string;
  /** SPKI PEM: what a verifier needs, safe to publish. */
  readonly publicKeyPem: string;
  sign(data: Uint8Array): Uint8Array;
}

export async function loadOrCreateSigner(store: SigningKeyStore): Promise<EvidenceSigner> {
  const existing = await store.load();
  const pem =
    existing ??
    (await store.saveIfAbsent(
      generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    ));
  return signerFrom(pem);
}

export function signerFrom(privateKeyPem: string): EvidenceSigner {
  const privateKey = createPrivateKey(privateKeyPem);
  if (privateKey.asymmetricKeyType !== "ed25519")
    throw new RangeError("the evidence key must be Ed25519");
  const publicKey = createPublicKey(privateKey);
  return Object.freeze({
    keyId: keyIdOf(publicKey),
    publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString(),
    sign: (data: Uint8Array) => new Uint8Array(sign(null, data, privateKey)),
  });
}

export function keyIdOf(publicKey: KeyObject): string {
  return createHash("sha256")
    .update(publicKey.export({ type: "spki", format: "der" }))
    .digest("hex");
}

/**
 * The key in a file, readable by its owner only. The key is written whole to a temporary file
 * and then hard-linked into place: the link fails if the file exists, which is the "only if
 * absent" that keeps two starting processes on one key, and no reader ever sees half a key.
 */
export function fileKeyStore(path: string): SigningKeyStore {
  const load = async () => {
    try {
      return await readFile(path, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw error;
    }
  };
  return {
    load,
    async saveIfAbsent(privateKeyPem) {
      await mkdir(dirname(path), { recursive: true, mode: 0o700 });
      const temporary = `${path}.${randomBytes(6).toString("hex")}.tmp`;
      await writeFile(temporary, privateKeyPem, { flag: "wx", mode: 0o600 });
      try {
        await link(temporary, path);
        return privateKeyPem;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
        return (await load())!;
      } finally {
        await unlink(temporary);
      }
    },
  };
}
