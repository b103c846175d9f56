/**
 * The shapes the app reads from the API (docs/API.md, docs/REVIEW.md, web-contract). Written out
 * here rather than imported from src/store: the web part talks to the server over HTTP only. The
 * values it sends come from the server's OpenAPI document (api-types.generated.ts).
 */
import type { ModeratorRole } from "./api-types.generated.js";

export {
  CASE_DECISIONS as DECISIONS,
  DECISION_REASONS as REASONS,
  type CaseDecision as Decision,
  type DecisionReason as Reason,
} from "./api-types.generated.js";
export type Role = ModeratorRole;

export interface Session {
  readonly moderator: { readonly id: string; readonly name: string; readonly role: Role };
  readonly csrfToken: string;
}

export interface ReviewCase {
  readonly id: string;
  readonly groupKey: string;
  readonly status: "open" | "closed";
  readonly severity: number;
  readonly reportCount: number;
  readonly itemCount: number;
  readonly assignee: string | null;
  readonly leaseUntil: string | null;
  readonly escalated: boolean;
  readonly lastDecision: string | null;
  readonly decidedBy: string | null;
  readonly appealId: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly closedAt: string | null;
}

export interface Report {
  readonly id: string;
  readonly contentRef: string;
  readonly contentHash: string | null;
  readonly reporter: string;
  readonly reason: string;
  readonly text: string;
  readonly createdAt: string;
}

export interface DecisionRecord {
  readonly id?: string | number;
  readonly decision: string;
  readonly reason: string | null;
  readonly note?: string;
  readonly moderatorId?: string;
  readonly createdAt: string;
}

export interface Appeal {
  readonly id: string;
  readonly appellant: string;
  readonly text: string;
  readonly status: string;
  readonly outcome: string | null;
  readonly createdAt: string;
}

export interface CaseView extends ReviewCase {
  readonly reports: readonly Report[];
  readonly moreReports: boolean;
  readonly itemIds: readonly string[];
  readonly decisions: readonly DecisionRecord[];
  readonly appeals: readonly Appeal[];
}

export interface HistoryEvent {
  readonly at: string;
  readonly type: string;
  readonly actor: string;
  readonly details: unknown;
}

export interface Bank {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly labels: readonly string[];
  readonly enabled: boolean;
  readonly matchThreshold: number;
  readonly action: string;
}

export interface ImportResult {
  readonly format: string;
  readonly added: number;
  readonly duplicates: number;
  readonly withdrawn: number;
  readonly errorCount: number;
  readonly errors: readonly { readonly line: number; readonly message: string }[];
}

export interface Stats {
  readonly period: string;
  readonly series: readonly {
    readonly bucket: string;
    readonly scanned: number;
    readonly matched: number;
    readonly removed: number;
  }[];
  readonly bySource: Readonly<Record<string, number>>;
  readonly byLabel: Readonly<Record<string, number>>;
  readonly medianReportToDecisionSeconds: number | null;
  readonly openCasesByAge: {
    readonly under24h: number;
    readonly under48h: number;
    readonly older: number;
  };
}
