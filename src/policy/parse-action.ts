/** parseAction: one action of a rule's `then`, as data; executing it is the actions part's job. */
import type { Action, ActionKind } from "./rule-types.js";
import { at, optional, readInteger, readKind, readObject, readSlug, readString } from "./read.js";

const KINDS: readonly ActionKind[] = [
  "block",
  "remove",
  "remove_and_ban",
  "review",
  "allow",
  "webhook",
  "add_to_bank",
];

export function parseAction(value: unknown, path: string): Action {
  const kind = readKind(value, path, KINDS);
  switch (kind) {
    case "block":
    case "remove":
    case "remove_and_ban":
    case "allow":
      readObject(value, path, ["kind"]);
      return { kind };
    case "review": {
      const f = readObject(value, path, ["kind"], ["queue", "severity"]);
      return {
        kind,
        ...optional(f, "queue", path, readSlug),
        ...optional(f, "severity", path, (v, p) => readInteger(v, p, 1, 5)),
      };
    }
    case "webhook": {
      const f = readObject(value, path, ["kind"], ["event"]);
      return { kind, ...optional(f, "event", path, readSlug) };
    }
    case "add_to_bank": {
      const f = readObject(value, path, ["kind", "bank"]);
      return { kind, bank: readString(f["bank"], at(path, "bank")) };
    }
  }
}
