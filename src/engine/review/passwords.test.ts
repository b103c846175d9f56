import { describe, expect, it } from "vitest";
import {
  generatePassword,
  hashSecretSlowly,
  secretMatchesSlowHash,
  spendCheckTime,
} from "./passwords.js";

describe("slow secret hashes", () => {
  it("accepts the secret and refuses any other", async () => {
    const stored = await hashSecretSlowly("correct horse battery");
    expect(stored).toMatch(/^scrypt\$14\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(await secretMatchesSlowHash("correct horse battery", stored)).toBe(true);
    expect(await secretMatchesSlowHash("correct horse batterY", stored)).toBe(false);
    expect(await secretMatchesSlowHash("", stored)).toBe(false);
  });

  it("salts each hash", async () => {
    expect(await hashSecretSlowly("12345678")).not.toBe(await hashSecretSlowly("12345678"));
  });

  it("refuses a stored value that is not one of its hashes", async () => {
    expect(await secretMatchesSlowHash("x", "plain")).toBe(false);
    expect(await secretMatchesSlowHash("x", "scrypt$99$8$1$AAAA$AAAA")).toBe(false);
    expect(await spendCheckTime("x")).toBe(false);
  });

  it("generates distinct long passwords", () => {
    const a = generatePassword();
    expect(a).toHaveLength(24);
    expect(generatePassword()).not.toBe(a);
  });
});
