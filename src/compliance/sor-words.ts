/**
 * The words of a statement of reasons: what a reason means, what an action did, where the
 * content came from. Fixed sentences rather than anything the content or a person wrote, so a
 * statement says why without saying who.
 */
import type { PolicyReason } from "../store/index.js";
import type { DecisionRecord, RestrictiveAction } from "./decision-record.js";

export const REASON_EXPLANATIONS: Readonly<Record<PolicyReason, string>> = {
  ncii: "The content is an intimate image or video of a person, shared without that person's consent.",
  deepfake:
    "The content is sexual material made or altered by software to depict a real person without that person's consent (a sexual deepfake).",
  minor: "The content is sexual material involving a minor.",
  harassment:
    "The content harasses a person, including by threatening to share intimate images of them.",
  other: "The content breaks the platform's rules on intimate and sexual content.",
};

const ACTIONS: Readonly<Record<RestrictiveAction, string>> = {
  block: "The upload was blocked before it was published",
  remove: "The content was removed",
  remove_and_ban: "The content was removed and the account that posted it was restricted",
};

export function decisionSentence(record: DecisionRecord): string {
  const by =
    record.decidedBy === "automation"
      ? "by automated means, without human review"
      : "by a human moderator";
  return `${ACTIONS[record.action]} ${by}.`;
}

export function sourceSentence(record: DecisionRecord): string {
  switch (record.source.kind) {
    case "own-initiative":
      return "Vigil found the content on the platform's own initiative.";
    case "report":
      return "A user reported the content.";
    case "notice":
      return record.source.trustedFlagger
        ? "A trusted flagger sent a notice about the content."
        : `A removal notice (${record.source.noticeKind}) named the content.`;
  }
}
