/**
 * PolicyService: the rule set in force, and every change to it. The store is the truth; each
 * process keeps the parsed rule set for `refreshMs` (default 2 s) and then reads the newest
 * version again, so workers in other processes pick up a change within a couple of seconds with
 * no message between them. The process that makes a change sees it at once.
 *
 * A change is parsed first (a bad rule is refused with the path of the bad field and nothing is
 * stored), then stored as the next version together with its `policy.update` audit event, in one
 * transaction: there is never a version without its audit event.
 */
import {
  diffRuleSets,
  parseRuleSet,
  parseRuleSetText,
  type RuleFileFormat,
  type RuleSet,
  type RuleSetDiff,
} from "../../policy/index.js";
import type { StoredPolicy, Store } from "../../store/index.js";
import { DEFAULT_RULE_SET } from "./default-policy.js";
import type { JsonObject } from "../../core/index.js";

export interface PolicyServiceOptions {
  readonly store: Store;
  /** How long a read of the rule set in force is reused (default 2000 ms). */
  readonly refreshMs?: number;
  readonly clock?: () => Date;
}

export interface ActivePolicy {
  /** The stored version in force; null while the built-in default applies. */
  readonly version: number | null;
  readonly ruleSet: RuleSet;
}

export interface PolicyUpdate {
  readonly policy: StoredPolicy;
  readonly ruleSet: RuleSet;
  /** Against the rule set in force before (the default, when none was stored). */
  readonly diff: RuleSetDiff;
}

/** Rule ids named in an audit event's details; the rest are counted (details stay small). */
const MAX_IDS_IN_AUDIT = 20;

export class PolicyService {
  private readonly store: Store;
  private readonly refreshMs: number;
  private readonly clock: () => Date;
  private cached: { readonly policy: ActivePolicy; readonly readAt: number } | undefined;
  private reading: Promise<ActivePolicy> | undefined;

  constructor(options: PolicyServiceOptions) {
    this.store = options.store;
    this.refreshMs = options.refreshMs ?? 2000;
    this.clock = options.clock ?? (() => new Date());
    if (!Number.isFinite(this.refreshMs) || this.refreshMs < 0) {
      throw new RangeError("refreshMs must be a number of milliseconds, 0 or more");
    }
  }

  /** The rule set in force: cached, read again once older than `refreshMs`. */
  async current(): Promise<ActivePolicy> {
    const now = this.clock().getTime();
    if (this.cached && now - this.cached.readAt < this.refreshMs) return this.cached.policy;
    // Callers arriving while a read is under way share it rather than each querying the store.
    this.reading ??= this.read(now).finally(() => {
      this.reading = undefined;
    });
    return this.reading;
  }

  /** A stored version, parsed; null when there is no such version. */
  async version(version: number): Promise<ActivePolicy | null> {
    const stored = await this.store.policies.get(version);
    return stored ? { version: stored.version, ruleSet: parseRuleSet(stored.ruleSet) } : null;
  }

  /**
   * Parses `input` (rule set JSON, or the text of a JSON or YAML rule file), stores it as the
   * next version with an audit event, and makes it current in this process.
   */
  async update(
    input: unknown,
    options: {
      readonly actor: string;
      readonly comment?: string;
      readonly format?: RuleFileFormat;
    },
  ): Promise<PolicyUpdate> {
    const ruleSet =
      typeof input === "string" ? parseRuleSetText(input, options.format) : parseRuleSet(input);
    const update = await this.store.transaction(async (tx) => {
      const previous = await tx.policies.current();
      const before = previous ? parseRuleSet(previous.ruleSet) : DEFAULT_RULE_SET;
      const diff = diffRuleSets(before, ruleSet);
      const policy = await tx.policies.save({
        ruleSet: ruleSet as unknown as JsonObject,
        createdBy: options.actor,
        comment: options.comment ?? null,
      });
      await tx.audit.append({
        actor: options.actor,
        action: "policy.update",
        subjectType: "policy",
        subjectId: String(policy.version),
        details: auditDetails(policy, previous?.version ?? null, ruleSet, diff),
      });
      return { policy, ruleSet, diff };
    });
    this.cached = {
      policy: { version: update.policy.version, ruleSet },
      readAt: this.clock().getTime(),
    };
    return update;
  }

  /** Forget the cached rule set: the next `current()` reads the store. */
  invalidate(): void {
    this.cached = undefined;
  }

  private async read(now: number): Promise<ActivePolicy> {
    const stored = await this.store.policies.current();
    const policy: ActivePolicy = stored
      ? { version: stored.version, ruleSet: parseRuleSet(stored.ruleSet) }
      : { version: null, ruleSet: DEFAULT_RULE_SET };
    this.cached = { policy, readAt: now };
    return policy;
  }
}

function auditDetails(
  policy: StoredPolicy,
  previousVersion: number | null,
  ruleSet: RuleSet,
  diff: RuleSetDiff,
): JsonObject {
  const ids = (list: readonly string[]) =>
    list.length > MAX_IDS_IN_AUDIT
      ? [...list.slice(0, MAX_IDS_IN_AUDIT), `and ${list.length - MAX_IDS_IN_AUDIT} more`]
      : [...list];
  return {
    version: policy.version,
    previousVersion,
    rules: ruleSet.rules.length,
    ...(policy.comment === null ? {} : { comment: policy.comment }),
    added: ids(diff.added),
    removed: ids(diff.removed),
    modeChanged: ids(diff.modeChanged.map((c) => `${c.ruleId}: ${c.from} → ${c.to}`)),
    versionChanged: ids(diff.versionChanged.map((c) => `${c.ruleId}: v${c.from} → v${c.to}`)),
    changedWithoutVersion: ids(diff.changedWithoutVersion),
  };
}
