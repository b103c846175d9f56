/**
 * The rule set in force until someone stores one (docs/POLICY.md, "The default rule set"). It is
 * deliberately modest: it acts only on facts that are near certain (a copy of banked NCII or
 * deepfakes) or that a person asked about (reports), and it watches the signals that do not exist
 * yet (classifiers, text findings) in shadow, so their would-be effect shows in the evaluation
 * record before anyone makes them live.
 */
import { parseRuleSet, type RuleSet } from "../policy/index.js";

export const DEFAULT_RULE_SET: RuleSet = parseRuleSet({
  description: "Vigil's built-in default; store a rule set of your own to replace it",
  rules: [
    {
      id: "known-ncii",
      version: 1,
      mode: "live",
      description: "A copy of an image a victim or a moderator banked as NCII",
      severity: 5,
      when: { kind: "bank_match", labels: ["ncii"] },
      then: [{ kind: "remove" }],
    },
    {
      id: "known-deepfake",
      version: 1,
      mode: "live",
      description: "A copy of a banked sexual deepfake",
      severity: 5,
      when: { kind: "bank_match", labels: ["deepfake"] },
      then: [{ kind: "remove" }],
    },
    {
      id: "minor-reported",
      version: 1,
      mode: "live",
      description: "Anyone says the person shown is a minor: a moderator looks first, urgently",
      severity: 5,
      when: { kind: "report_reason", reasons: ["minor"] },
      then: [{ kind: "review", queue: "urgent", severity: 5 }],
    },
    {
      id: "ncii-reported",
      version: 1,
      mode: "live",
      description: "Three or more reports of NCII or a sexual deepfake",
      severity: 4,
      when: { kind: "report_reason", reasons: ["ncii", "deepfake"], atLeast: 3 },
      then: [{ kind: "review", severity: 4 }],
    },
    {
      id: "sextortion-text",
      version: 1,
      mode: "shadow",
      description: "Sextortion wording; shadow until the text signals are measured",
      when: { kind: "text_finding", categories: ["sextortion"], minWeight: 0.7 },
      then: [{ kind: "review", queue: "sextortion" }],
    },
    {
      id: "nudity-protected-face",
      version: 1,
      mode: "shadow",
      description: "Nudity showing a protected face; shadow until the classifiers are measured",
      when: {
        kind: "all",
        of: [
          { kind: "classifier", name: "nsfw.porn", atLeast: 0.8 },
          { kind: "classifier", name: "face.protected", atLeast: 0.6 },
        ],
      },
      then: [{ kind: "review", queue: "protected-faces", severity: 4 }],
    },
    {
      id: "deepfake-classifier",
      version: 1,
      mode: "shadow",
      description: "A sexual deepfake by classifier alone; shadow until measured",
      when: { kind: "classifier", name: "deepfake.sexual", atLeast: 0.97 },
      then: [{ kind: "review", queue: "deepfakes", severity: 4 }],
    },
  ],
});
