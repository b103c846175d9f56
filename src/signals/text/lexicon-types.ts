/**
 * The lexicon's shape: plain data, so it can be reviewed, diffed and replaced without touching the
 * matcher. docs/signals/text.md explains how to add a term.
 */
import type { TextLanguage } from "../types.js";

export const TEXT_CATEGORIES = ["solicitation", "nudify_tool", "trade", "threat"] as const;
export type TextCategory = (typeof TEXT_CATEGORIES)[number];

export interface LexiconEntry {
  /** Stable id, quoted in findings (`TextSignal.term`): `ko.solicit.jiin-neungyok`. */
  readonly id: string;
  readonly language: TextLanguage;
  readonly category: TextCategory;
  /** How much the entry alone says, 0..1. Below the report floor (0.5) it needs a request cue. */
  readonly weight: number;
  /** Spellings (see pattern.ts for `...` gaps and a trailing `*`). */
  readonly patterns: readonly string[];
  /**
   * Also match the initial consonants of each gap-free pattern (지인능욕 → ㅈㅇㄴㅇ) and, for
   * terms of 3–4 syllables, the forms that mix them with full syllables (지인ㄴㅇ, ㅈㅇ능욕).
   */
  readonly choseong?: boolean;
  /**
   * The entry is reported only when one of these is also in the message, anywhere: a threat's
   * "send … to your family" with the nudes, fakes or ultimatum it is about. Same syntax.
   */
  readonly requires?: readonly string[];
  /**
   * Words that give the entry's letters their innocent sense wherever they appear in the message
   * (껍질 for 벗기는 … 사이트): the entry is not reported there. Same syntax as `patterns`.
   */
  readonly unless?: readonly string[];
}

/**
 * Words around a finding that change what it means. `reporting` cues (news, police, victim
 * support) scale findings down; `request` cues (asking, selling, DM me) scale them up.
 */
export interface ContextCue {
  readonly id: string;
  readonly kind: "reporting" | "request";
  readonly factor: number;
  readonly patterns: readonly string[];
}

export interface Lexicon {
  readonly name: string;
  readonly version: string;
  readonly entries: readonly LexiconEntry[];
  readonly cues: readonly ContextCue[];
}
