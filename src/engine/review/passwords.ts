/**
 * Slow hashes for what a person types: moderators' passwords and victims' case PINs. scrypt
 * (node:crypto) with a random salt per hash, the parameters stored with it so they can be raised
 * later; the check compares in constant time. A PIN has only 10^8 values, so it is the slowness
 * here together with the per-case lockout that protects it, never the hash alone.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from "node:crypto";

const COST_LOG2 = 14;
const BLOCK_SIZE = 8;
const PARALLEL = 1;
const KEY_BYTES = 32;
// N = 2^14, r = 8 needs 16 MiB: slow enough with the lockouts, light enough for a small server.
const MAX_MEMORY = 64 * 1024 * 1024;

function derive(secret: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(secret.normalize("NFKC"), salt, KEY_BYTES, options, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

/** `scrypt$<log2 N>$<r>$<p>$<salt>$<key>`, salt and key in base64url. */
export async function hashSecretSlowly(secret: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(secret, salt, {
    N: 2 ** COST_LOG2,
    r: BLOCK_SIZE,
    p: PARALLEL,
    maxmem: MAX_MEMORY,
  });
  return [
    "scrypt",
    COST_LOG2,
    BLOCK_SIZE,
    PARALLEL,
    salt.toString("base64url"),
    key.toString("base64url"),
  ].join("$");
}

/** False for a wrong secret and for a stored value that is not one of our hashes. */
export async function secretMatchesSlowHash(secret: string, stored: string): Promise<boolean> {
  const parts = stored.split("$");
  if (parts.length !== 6 || parts[0] !== "scrypt") return false;
  const [, cost, block, parallel, salt, key] = parts as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  const expected = Buffer.from(key, "base64url");
  const n = Number(cost);
  if (!Number.isInteger(n) || n < 10 || n > 20 || expected.length !== KEY_BYTES) return false;
  const actual = await derive(secret, Buffer.from(salt, "base64url"), {
    N: 2 ** n,
    r: Number(block),
    p: Number(parallel),
    maxmem: MAX_MEMORY,
  });
  return timingSafeEqual(actual, expected);
}

let decoy: Promise<string> | undefined;

/**
 * Spends the time a real check would when there is nothing to check (an unknown name or case
 * number), so the response time does not tell which names or case numbers exist.
 */
export async function spendCheckTime(secret: string): Promise<false> {
  decoy ??= hashSecretSlowly("decoy: no account has this");
  await secretMatchesSlowHash(secret, await decoy);
  return false;
}

/** A generated password for the CLI: 24 characters of base64url (144 random bits). */
export function generatePassword(): string {
  return randomBytes(18).toString("base64url");
}
