/**
 * The Store, assembled from the SQL repositories over one executor. Both backends are this same
 * class; only the executor they hand it differs.
 */
import type { AppliedMigration, Store, StoreRepositories } from "../store.js";
import { SqlActionLog } from "../actions/action-log.js";
import { SqlApiKeys } from "../auth/api-keys.js";
import { SqlAudit } from "../audit/audit.js";
import { SqlBanks } from "../banks/banks.js";
import { SqlCases } from "../review/cases.js";
import { SqlAppeals, SqlDecisions } from "../review/decisions.js";
import { SqlModerators } from "../review/moderators.js";
import type { RepositoryContext } from "./context.js";
import { SqlEntries } from "../banks/entries.js";
import { SqlItems } from "../content/items.js";
import { SqlEvaluations } from "../policies/evaluations.js";
import type { SqlExecutor } from "./executor.js";
import { appliedMigrations } from "./migrate.js";
import { SqlPolicies } from "../policies/policies.js";
import { SqlProtectedPeople } from "../protected-people/protected-people.js";
import { SqlReports } from "../review/reports.js";
import { SqlScans } from "../content/scans.js";
import { SqlWebhooks } from "../actions/webhooks.js";
import { SqlSessions } from "../auth/sessions.js";
import { SqlVictimCases } from "../victims/victim-cases.js";
import { SqlEntryHits } from "../victims/entry-hits.js";
import { SqlStats } from "../stats/stats.js";

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
