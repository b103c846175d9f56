/**
 * The last guard before text leaves Vigil for a public database: anything that looks like a way
 * to reach or name a person — an email address, a link, an @handle, a phone number or a long
 * numeric account id — is replaced by a placeholder. Statements of reasons are public (DSA art.
 * 24(5) forbids personal data in them); the facts they quote are built without personal data,
 * and this catches what a bank name or a rule description might still carry.
 */

const PATTERNS: readonly (readonly [RegExp, string])[] = [
  [/[^\s@<>()[\]]+@[^\s@<>()[\]]+\.[A-Za-z]{2,}/g, "[email]"],
  [/\b(?:https?|ftp|tg):\/\/\S+/gi, "[link]"],
  [/\bwww\.\S+/gi, "[link]"],
  [/(^|[^\w@])@[A-Za-z0-9_.]{3,}/g, "$1[handle]"],
  // Seven digits or more, single separators allowed: phone numbers and platform account ids.
  [/\+?\d(?:[\s().-]?\d){6,}/g, "[number]"],
];

export function scrubPersonalData(text: string): string {
  return PATTERNS.reduce((out, [pattern, placeholder]) => out.replace(pattern, placeholder), text);
}

export function looksPersonal(text: string): boolean {
  return scrubPersonalData(text) !== text;
}
