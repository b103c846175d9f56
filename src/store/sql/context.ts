/** What every SQL repository is built from: where to run statements, and the time. */
import type { SqlExecutor } from "./executor.js";

export interface RepositoryContext {
  readonly db: SqlExecutor;
  readonly clock: () => Date;
}

export function nowIso(context: RepositoryContext): string {
  return context.clock().toISOString();
}

/** Asks for one row more than the page holds: its presence says whether a next page exists. */
export function pageOf<T, Cursor>(
  items: readonly T[],
  limit: number,
  cursorOf: (item: T) => Cursor,
): { items: T[]; next: Cursor | null } {
  const page = items.slice(0, limit);
  const last = page[page.length - 1];
  return { items: page, next: items.length > limit && last !== undefined ? cursorOf(last) : null };
}
