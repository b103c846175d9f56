/**
 * Time-ordered UUIDs (version 7, RFC 9562) for the string ids: unguessable like any random UUID,
 * yet sorting by id sorts by creation, so lists page by id without a separate timestamp index.
 */

let lastMillis = -1;
let sequence = 0;

export function newId(now: Date = new Date()): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  let millis = now.getTime();
  // Within one millisecond (or if the clock steps back) keep ids increasing in this process:
  // reuse the last time and count up in the 12 bits of `rand_a`.
  if (millis <= lastMillis) {
    millis = lastMillis;
    sequence++;
    if (sequence > 0xfff) {
      millis = ++lastMillis;
      sequence = 0;
    }
  } else {
    lastMillis = millis;
    sequence = 0;
  }
  for (let i = 5; i >= 0; i--) {
    bytes[i] = millis % 256;
    millis = Math.floor(millis / 256);
  }
  bytes[6] = 0x70 | (sequence >>> 8);
  bytes[7] = sequence & 0xff;
  bytes[8] = 0x80 | (bytes[8]! & 0x3f);
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
