/** The dashboard's numbers, counted by the database (docs/WEB-API.md, "Dashboard"). */
import type { IsoTimestamp } from "../types.js";

export const STATS_PERIODS = ["day", "week", "month"] as const;
export type StatsPeriod = (typeof STATS_PERIODS)[number];

export interface StatsOptions {
  readonly period: StatsPeriod;
  /** How many periods back from the current one, the current one included (1..366). */
  readonly buckets: number;
}

export interface StatsBucket {
  /** `2026-11-27` (day), the Monday `2026-11-23` (week, ISO), `2026-11` (month); UTC. */
  readonly bucket: string;
  /** Content items (scans stored, streamed, Telegram) first seen in the bucket. */
  readonly scanned: number;
  /** Of those, the ones that matched a bank entry. */
  readonly matched: number;
  /** Of those, the ones taken down (by their verdict or by a moderator's removal). */
  readonly removed: number;
}

export interface Stats {
  readonly period: StatsPeriod;
  /** From `since` (the start of the oldest bucket) to now. */
  readonly since: IsoTimestamp;
  readonly series: readonly StatsBucket[];
  /** Items by source in the range, plus `report` (reports) and `victim` (images hashed in the portal). */
  readonly bySource: Readonly<Record<string, number>>;
  /** Items in the range that matched a bank carrying the label. */
  readonly byLabel: Readonly<Record<string, number>>;
  /** Over the cases decided in the range: their first report to their first decision. */
  readonly medianReportToDecisionSeconds: number | null;
  /** Open cases now, by age. */
  readonly openCasesByAge: {
    readonly under24h: number;
    readonly under48h: number;
    readonly older: number;
  };
}

export interface StatsRepository {
  summary(options: StatsOptions): Promise<Stats>;
  /** Ids of the cases (newest first, at most 50) whose id, content hash or author id is `q`. */
  searchCases(q: string): Promise<string[]>;
}
