/**
 * Every migration, in order. Append new ones at the end with the next version; never edit or
 * reorder one that has shipped — databases in the field have already run it.
 */
import type { Migration } from "../sql/migrate.js";
import { banksMigration } from "./001-banks.js";
import { scansMigration } from "./002-scans.js";
import { reportsMigration } from "./003-reports.js";
import { apiKeysMigration } from "./004-api-keys.js";
import { auditMigration } from "./005-audit.js";
import { auditChainMigration } from "./006-audit-chain.js";
import { contentIngestMigration } from "./007-content-ingest.js";
import { policiesMigration } from "./008-policies.js";
import { reviewMigration } from "./009-review.js";
import { webhooksMigration } from "./010-webhooks.js";
import { authorHistoryMigration } from "./011-author-history.js";
import { protectedPeopleMigration } from "./012-protected-people.js";
import { webMigration } from "./013-web.js";
import { contentAnalysisMigration } from "./014-content-analysis.js";

export const MIGRATIONS: readonly Migration[] = [
  banksMigration,
  scansMigration,
  reportsMigration,
  apiKeysMigration,
  auditMigration,
  auditChainMigration,
  contentIngestMigration,
  policiesMigration,
  reviewMigration,
  webhooksMigration,
  authorHistoryMigration,
  protectedPeopleMigration,
  webMigration,
  contentAnalysisMigration,
];
