import { describe, expect, it } from "vitest";
import { exponentialBackoff } from "./backoff.js";

describe("exponentialBackoff", () => {
  it("doubles from the first delay up to the cap", () => {
    const backoff = exponentialBackoff({ initialMs: 1000, maxMs: 5000, jitter: 0 });
    expect([1, 2, 3, 4, 5, 40].map(backoff)).toEqual([1000, 2000, 4000, 5000, 5000, 5000]);
  });

  it("spreads delays by the jitter fraction either way", () => {
    const low = exponentialBackoff({ initialMs: 1000, jitter: 0.2, random: () => 0 });
    const high = exponentialBackoff({ initialMs: 1000, jitter: 0.2, random: () => 0.999999 });
    expect(low(1)).toBe(800);
    expect(high(1)).toBe(1200);
  });
});
