/**
 * Evidence: the facts of an item that made a condition hold, kept with the verdict so a
 * moderator, an appeal or a statement of reasons can see exactly what a rule saw.
 */
import type { ClassifierScore, PolicyBankMatch, TextFinding } from "./item.js";
import type { Condition, Visibility } from "./rule-types.js";

export type Evidence =
  | { readonly kind: "bank_match"; readonly match: PolicyBankMatch }
  | { readonly kind: "classifier"; readonly classifier: ClassifierScore; readonly atLeast: number }
  | { readonly kind: "text_finding"; readonly finding: TextFinding }
  | { readonly kind: "report_count"; readonly count: number; readonly atLeast: number }
  | {
      readonly kind: "report_reason";
      readonly reasons: readonly string[];
      readonly count: number;
      readonly atLeast: number;
    }
  | { readonly kind: "author_history"; readonly priorTakedowns: number; readonly atLeast: number }
  | {
      readonly kind: "source";
      readonly source: string;
      readonly platform?: string;
      readonly visibility?: Visibility;
    }
  /** A `not` held: the inner condition did not. */
  | { readonly kind: "absent"; readonly condition: Condition };

export interface ConditionResult {
  readonly holds: boolean;
  /** Empty when the condition does not hold. */
  readonly evidence: readonly Evidence[];
}
