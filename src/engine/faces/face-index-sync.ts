/**
 * Keeps a worker's face index in step with protected people registered or deleted by other
 * processes. Every change is an audit event on a `protected_person` subject (the
 * ProtectedPeopleService writes one), so the worker reads the events newer than the last it
 * applied and replays them: a registration adds that person's references (read from the store),
 * a deletion or expiry removes her. Unlike the bank matcher it does not rebuild: fitting the
 * index over 100,000 references takes seconds, replaying one change takes microseconds.
 * Replaying an event twice changes nothing, so the mark is taken before the index is loaded.
 */
import type { EmbeddingModel, Store } from "../../store/index.js";
import type { FaceIndex } from "./face-index.js";
import { refreshInBackground } from "../shared/index.js";
import { addToIndex, loadFaceIndex, PROTECTED_PERSON_SUBJECT } from "./protected-people.js";

export interface FaceIndexSync {
  readonly index: FaceIndex;
  /** Applies the changes made since the last call; says how many events it applied. */
  refresh(): Promise<number>;
  stop(): void;
}

export async function syncFaceIndex(
  store: Store,
  options: {
    readonly dimension: number;
    readonly threshold: number;
    readonly model?: EmbeddingModel;
    readonly intervalMs?: number;
    readonly onError?: (error: unknown) => void;
  },
): Promise<FaceIndexSync> {
  let mark = (await newEvents(store, 0, 1))[0]?.id ?? 0;
  const index = await loadFaceIndex(store, options);
  const apply = async (): Promise<number> => {
    const events = await newEvents(store, mark);
    for (const event of events.reverse()) {
      const personId = event.subjectId;
      if (personId === null) continue;
      if (event.action === "protected_person.create") {
        for await (const page of store.protectedPeople.iterateActive({ personId })) {
          addToIndex(index, page, options.model);
        }
      } else {
        index.removePerson(personId);
      }
      mark = event.id;
    }
    return events.length;
  };
  return { index, ...refreshInBackground(apply, options) };
}

/** Events on protected people newer than `after`, newest first (at most `limit`, else all). */
async function newEvents(store: Store, after: number, limit?: number) {
  const events = [];
  let before: number | undefined;
  for (;;) {
    const page = await store.audit.list({
      subjectType: PROTECTED_PERSON_SUBJECT,
      limit: limit ?? 500,
      ...(before === undefined ? {} : { before }),
    });
    for (const event of page.items) {
      if (event.id <= after) return events;
      events.push(event);
      if (limit !== undefined && events.length >= limit) return events;
    }
    if (page.next === null) return events;
    before = page.next;
  }
}
