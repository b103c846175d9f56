/**
 * The Store, assembled from the SQL repositories over one executor. Both backends are this same
 * class; only the executor they hand it differs.
 */
import type { AppliedMigration, Store, StoreRepositories } from "../store.js";
import { SqlActionLog } from "./action-log.js";
import { SqlApiKeys } from "./api-keys.js";
import { SqlAudit } from "./audit.js";
import { SqlBanks } from "./banks.js";
import { SqlCases } from "./cases.js";
import { SqlAppeals, SqlDecisions } from "./decisions.js";
import { SqlModerators } from "./moderators.js";
import type { RepositoryContext } from "./context.js";
import { SqlEntries } from "./entries.js";
import { SqlItems } from "./items.js";
import { SqlEvaluations } from "./evaluations.js";
import type { SqlExecutor } from "./executor.js";
import { appliedMigrations } from "./migrate.js";
import { SqlPolicies } from "./policies.js";
import { SqlProtectedPeople } from "./protected-people.js";
import { SqlReports } from "./reports.js";
import { SqlScans } from "./scans.js";
import { SqlWebhooks } from "./webhooks.js";
import { SqlSessions } from "./sessions.js";
import { SqlVictimCases } from "./victim-cases.js";
import { SqlEntryHits } from "./entry-hits.js";
import { SqlStats } from "./stats.js";

function repositories(context: RepositoryContext): StoreRepositories {
  return {
    banks: new SqlBanks(context),
    entries: new SqlEntries(context),
    scans: new SqlScans(context),
    items: new SqlItems(context),
    reports: new SqlReports(context),
    cases: new SqlCases(context),
    apiKeys: new SqlApiKeys(context),
    audit: new SqlAudit(context),
    webhooks: new SqlWebhooks(context),
    actionLog: new SqlActionLog(context),
    moderators: new SqlModerators(context),
    decisions: new SqlDecisions(context),
    appeals: new SqlAppeals(context),
    policies: new SqlPolicies(context),
    evaluations: new SqlEvaluations(context),
    sessions: new SqlSessions(context),
    victimCases: new SqlVictimCases(context),
    entryHits: new SqlEntryHits(context),
    stats: new SqlStats(context),
    protectedPeople: new SqlProtectedPeople(context),
  };
}

export function sqlStore(db: SqlExecutor, clock: () => Date): Store {
  return {
    backend: db.dialect,
    ...repositories({ db, clock }),
    transaction: (work) => db.transaction((tx) => work(repositories({ db: tx, clock }))),
    appliedMigrations: (): Promise<AppliedMigration[]> => appliedMigrations(db),
    ping: async () => {
      await db.all("SELECT 1 AS ok");
    },
    close: () => db.close(),
  };
}
