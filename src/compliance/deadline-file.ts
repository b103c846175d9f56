/**
 * Where deadline rules come from: the rules shipped in deadlines.json, and an operator's file
 * (JSON or YAML) applied over them. The shipped file is checked by the same validator when this
 * module loads, so a bad edit to it fails every test at once rather than setting a wrong clock.
 *
 * YAML is read defensively, as rule files are (docs/POLICY.md): core schema, no tags, unique
 * keys, few aliases.
 */
import { parseDocument } from "yaml";
import { VigilError } from "../core/index.js";
import shipped from "./deadlines.json" with { type: "json" };
import { mergeDeadlineRules, parseDeadlineRules, type DeadlineRules } from "./deadline-rules.js";

export const DEFAULT_DEADLINE_RULES: DeadlineRules = parseDeadlineRules(shipped as unknown);

/** A deadline file is a few rules; a megabyte is far beyond any real one. */
const MAX_TEXT = 1024 * 1024;
const MAX_ALIASES = 50;

/** The shipped rules, with an operator file's text (JSON or YAML) applied when given. */
export function loadDeadlineRules(operatorText?: string): DeadlineRules {
  if (operatorText === undefined) return DEFAULT_DEADLINE_RULES;
  return mergeDeadlineRules(DEFAULT_DEADLINE_RULES, parseDeadlineRules(readText(operatorText)));
}

function readText(text: string): unknown {
  if (text.length > MAX_TEXT) fail(`the deadline file is larger than ${MAX_TEXT} characters`);
  const doc = parseDocument(text, {
    schema: "core",
    merge: false,
    resolveKnownTags: false,
    customTags: [],
    uniqueKeys: true,
    strict: true,
    prettyErrors: true,
    stringKeys: true,
  });
  const problem = doc.errors[0] ?? doc.warnings[0];
  if (problem) {
    const pos = problem.linePos?.[0];
    const where = pos ? `line ${pos.line}, column ${pos.col}: ` : "";
    fail(`${where}not valid JSON or YAML: ${problem.message.split(" at line ")[0]}`);
  }
  try {
    return doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (error) {
    fail(
      `the deadline file could not be read: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

function fail(message: string): never {
  throw new VigilError("compliance/invalid-rules", message, { path: "" });
}
