/**
 * parseRuleSetText: a rule file's text (JSON or YAML) in, a parsed rule set out. The text is only
 * turned into plain JSON values here; every check on the rules is parseRuleSet's, so a YAML file
 * and the same rules in JSON are refused with the same paths.
 *
 * YAML is read defensively: the core schema only (no `!!binary`, no timestamps, no merge keys),
 * any tag it does not know refused rather than read as a string, one document, unique keys, and a
 * cap on aliases so a "billion laughs" file fails at once instead of exhausting memory.
 */
import { parseDocument, type YAMLError } from "yaml";
import { VigilError } from "../core/index.js";
import { parseRuleSet } from "./parse-rule.js";
import type { RuleSet } from "./rule-types.js";

export type RuleFileFormat = "json" | "yaml";

/** Largest rule file read: 1000 rules of a few hundred bytes each fit many times over. */
export const MAX_RULE_TEXT = 4 * 1024 * 1024;
/** Aliases expanded while reading YAML; real rule files use a handful, an attack millions. */
const MAX_ALIASES = 100;

export function parseRuleSetText(text: string, format?: RuleFileFormat): RuleSet {
  if (typeof text !== "string") syntax("the rule file must be text");
  if (text.length > MAX_RULE_TEXT)
    syntax(`the rule file is larger than ${MAX_RULE_TEXT} characters`);
  const chosen = format ?? guessFormat(text);
  return parseRuleSet(chosen === "json" ? readJson(text) : readYaml(text));
}

/** JSON text opens with `{` or `[` (after blanks); anything else is read as YAML. */
export function guessFormat(text: string): RuleFileFormat {
  return /^\s*[{[]/.test(text) ? "json" : "yaml";
}

function readJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // JSON.parse names no line (and quotes the input, which may be long); JSON is YAML 1.2, so
    // the YAML reader locates the fault instead.
    const problem = parseDocument(text, { strict: true, prettyErrors: true }).errors[0];
    const pos = problem?.linePos?.[0];
    syntax("not valid JSON", pos ? { line: pos.line, column: pos.col } : undefined);
  }
}

function readYaml(text: string): unknown {
  const doc = parseDocument(text, {
    schema: "core",
    merge: false,
    // Without this, `!!binary` and `!!timestamp` would still be read under the core schema.
    resolveKnownTags: false,
    customTags: [],
    uniqueKeys: true,
    strict: true,
    prettyErrors: true,
    stringKeys: true,
  });
  // Warnings include unknown tags (`!!js/function`, `!!binary`): refused, not read as strings.
  const problem = doc.errors[0] ?? doc.warnings[0];
  if (problem) yamlFail(problem);
  try {
    return doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    syntax(`YAML could not be read: ${message}`);
  }
}

function yamlFail(problem: YAMLError): never {
  const head = problem.message.split(" at line ")[0] ?? problem.message;
  const pos = problem.linePos?.[0];
  syntax(`not valid YAML: ${head}`, pos ? { line: pos.line, column: pos.col } : undefined);
}

function syntax(problem: string, where?: { line: number; column: number }): never {
  const prefix = where ? `line ${where.line}, column ${where.column}: ` : "";
  throw new VigilError("policy/invalid-rule", `${prefix}${problem}`, { path: "", ...where });
}
