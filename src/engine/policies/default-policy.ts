/**
 * The rule set in force until someone stores one (docs/POLICY.md, "The default rule set"). It is
 * deliberately modest: it takes content down only for facts that are near certain (a copy of
 * banked NCII or deepfakes); what the AI signals find (a protected person's face in a sexual
 * image, solicitation or threats in text) goes to a moderator, never straight to removal; and
 * the one unmeasured combination (generator metadata on an explicit image) is watched in shadow.
 */
import { parseRuleSet, type RuleSet } from "../../policy/index.js";

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
      id: "solicitation-text",
      version: 1,
      mode: "live",
      description:
        "Asking for a sexual deepfake of someone, a nudify tool, or trading such material: a moderator looks",
      severity: 3,
      when: {
        kind: "text_finding",
        categories: ["solicitation", "nudify_tool", "trade"],
        minWeight: 0.5,
      },
      then: [{ kind: "review", queue: "text", severity: 3 }],
    },
    {
      id: "threat-text",
      version: 1,
      mode: "live",
      description: "A threat to spread someone's intimate images: a moderator looks soon",
      severity: 4,
      when: { kind: "text_finding", categories: ["threat"], minWeight: 0.5 },
      then: [{ kind: "review", queue: "text", severity: 4 }],
    },
    {
      id: "nudity-protected-face",
      version: 2,
      mode: "live",
      description:
        "A sexual image showing the face of a person who asked for protection: a moderator looks first, urgently",
      severity: 5,
      when: {
        kind: "all",
        of: [
          { kind: "classifier", name: "nsfw.sexual", atLeast: 0.5 },
          { kind: "classifier", name: "face.protected", atLeast: 0 },
        ],
      },
      then: [{ kind: "review", queue: "protected-faces", severity: 5 }],
    },
    {
      id: "synthetic-explicit",
      version: 1,
      mode: "shadow",
      description:
        "An explicit image whose metadata says a generator made it; shadow until measured",
      when: {
        kind: "all",
        of: [
          { kind: "classifier", name: "nsfw.explicit", atLeast: 0.8 },
          { kind: "classifier", name: "provenance.synthetic", atLeast: 1 },
        ],
      },
      then: [{ kind: "review", queue: "deepfakes", severity: 4 }],
    },
  ],
});
