/**
 * The MTProto session string is the analyst account itself: whoever holds it reads, and could
 * write, as that account. It is stored only sealed with AES-256-GCM under a key from the settings
 * (VIGIL_MONITOR_SESSION_KEY), so a copy of the database alone opens nothing.
 *
 * Key derivation: HKDF-SHA256 over the setting's UTF-8 bytes, with a fresh random 16-byte salt
 * for every sealing and the info string below, gives the 32-byte AES key. HKDF and not a
 * password KDF (scrypt) because the setting must be a random secret of 32+ characters
 * (`openssl rand -base64 32`), not a password a person remembers: a work factor would add
 * nothing, and the info string binds the key to this one use. A random 12-byte IV per sealing;
 * the 16-byte tag and the additional data refuse a changed or transplanted envelope.
 *
 * Envelope: `v1.<salt>.<iv>.<ciphertext>.<tag>`, each part base64url.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { MIN_SESSION_KEY_LENGTH, MonitorSettingError } from "./settings.js";

const VERSION = "v1";
const INFO = "vigil/telegram-monitor/session/v1";
const AAD = Buffer.from("vigil:telegram-monitor:session:v1");
const SETTING = "VIGIL_MONITOR_SESSION_KEY";

export function sealSession(session: string, key: string): string {
  if (session.length === 0) throw new RangeError("An empty session is not worth sealing.");
  checkKey(key);
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", deriveKey(key, salt), iv);
  cipher.setAAD(AAD);
  const sealed = Buffer.concat([cipher.update(session, "utf8"), cipher.final()]);
  return [VERSION, salt, iv, sealed, cipher.getAuthTag()]
    .map((part) => (typeof part === "string" ? part : part.toString("base64url")))
    .join(".");
}

export function openSession(envelope: string, key: string): string {
  checkKey(key);
  const [version, salt, iv, sealed, tag, ...rest] = envelope.split(".");
  if (version !== VERSION || !salt || !iv || !sealed || !tag || rest.length > 0) {
    throw new MonitorSettingError(
      SETTING,
      "cannot open the stored session: it is not a v1 envelope",
    );
  }
  try {
    const decipher = createDecipheriv(
      "aes-256-gcm",
      deriveKey(key, Buffer.from(salt, "base64url")),
      Buffer.from(iv, "base64url"),
    );
    decipher.setAAD(AAD);
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([
      decipher.update(Buffer.from(sealed, "base64url")),
      decipher.final(),
    ]).toString("utf8");
  } catch {
    throw new MonitorSettingError(
      SETTING,
      "does not open the stored session (another key, or a changed envelope): set the key it was sealed with, or run `vigil monitor login` again",
    );
  }
}

/** For a key rotation: the same session sealed under the new key. */
export function resealSession(envelope: string, oldKey: string, newKey: string): string {
  return sealSession(openSession(envelope, oldKey), newKey);
}

function deriveKey(key: string, salt: Buffer): Buffer {
  return Buffer.from(hkdfSync("sha256", Buffer.from(key, "utf8"), salt, INFO, 32));
}

function checkKey(key: string): void {
  if (key.length < MIN_SESSION_KEY_LENGTH) {
    throw new MonitorSettingError(SETTING, `must be at least ${MIN_SESSION_KEY_LENGTH} characters`);
  }
}
