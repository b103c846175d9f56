import type { ActionLogRepository, NewAction } from "../../store/index.js";

/**
 * Writes an action's latest outcome under its key: the record on the first attempt, an update
 * on later ones (a retry that now succeeds, a redelivered job). Recording first and updating
 * when the key was taken also holds when two processes write the same key at once.
 */
export async function saveActionOutcome(
  log: ActionLogRepository,
  action: NewAction,
): Promise<void> {
  const { created } = await log.record(action);
  if (created) return;
  await log.update(action.key, {
    outcome: action.outcome,
    ...(action.detail === undefined ? {} : { detail: action.detail }),
    ...(action.attempts === undefined ? {} : { attempts: action.attempts }),
  });
}
