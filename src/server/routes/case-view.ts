import type { Decision, ReviewCase, Store } from "../../store/index.js";

/** How many of a case's reports one read returns; the store pages beyond. */
const REPORTS_SHOWN = 1000;

/**
 * A case as `GET /v1/cases/:id` shows it: its fields, its reports, the items rules linked, the
 * decisions and the appeals. Moderators' notes may hold personal data: only moderators and
 * admin keys read them, not the platform's report keys.
 */
export async function caseView(store: Store, found: ReviewCase, withNotes: boolean) {
  const [reports, items, decisions, appeals] = await Promise.all([
    store.reports.listByCase(found.id, { limit: REPORTS_SHOWN }),
    store.cases.items(found.id),
    store.decisions.listByCase(found.id),
    store.appeals.listByCase(found.id),
  ]);
  const hideNote = (decision: Decision) => {
    const { note, ...rest } = decision;
    void note;
    return rest;
  };
  return {
    ...found,
    reports: reports.items,
    moreReports: reports.next !== null,
    itemIds: items.map((item) => item.itemId),
    decisions: withNotes ? decisions : decisions.map(hideNote),
    appeals,
  };
}
