/**
 * ReviewService: the review queue's rules on top of the store. Moderators claim cases under a
 * lease, decide them with a policy reason, and a lead takes escalations and appeals. A removal
 * for NCII or a deepfake adds the case's hashes to the confirmed bank (the `ConfirmedHashes`
 * port); overturning it on appeal withdraws them. Every decision is an audit event and an
 * event on the sink.
 *
 * Notes are free text and may hold personal data: they stay in the store, and never go into
 * the audit log or an event (both leave the moderators' hands: exports, webhooks).
 */
import { VigilError } from "../../core/index.js";
import type { Appeal, Decision, ReviewCase, StoreRepositories } from "../../store/index.js";
import { CASE_DECISIONS, POLICY_REASONS } from "../../store/index.js";
import type { EventType } from "../shared/index.js";
import { caseHashes } from "./review-hashes.js";
import type {
  AppealDecisionInput,
  AppealInput,
  DecideInput,
  ReviewActor,
  ReviewServiceOptions,
} from "./review-types.js";
import { CONFIRMING_REASONS, REMOVING_DECISIONS } from "./review-types.js";
import type { JsonObject } from "../../core/index.js";

const DEFAULT_LEASE_MS = 15 * 60 * 1000;

export interface DecideResult {
  readonly decision: Decision;
  readonly case: ReviewCase;
}

export interface AppealDecisionResult extends DecideResult {
  readonly appeal: Appeal;
  readonly withdrawnEntryIds: readonly number[];
}

export class ReviewService {
  private readonly options: ReviewServiceOptions;
  readonly leaseMs: number;

  constructor(options: ReviewServiceOptions) {
    const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
    if (!Number.isInteger(leaseMs) || leaseMs < 1000 || leaseMs > 86_400_000) {
      throw new RangeError("leaseMs must be an integer from 1000 to 86400000");
    }
    this.options = options;
    this.leaseMs = leaseMs;
  }

  private get store() {
    return this.options.store;
  }

  private now(): Date {
    return (this.options.clock ?? (() => new Date()))();
  }

  queue(moderator: ReviewActor, limit?: number): Promise<ReviewCase[]> {
    return this.store.cases.queue({ role: moderator.role, ...(limit ? { limit } : {}) });
  }

  claimNext(moderator: ReviewActor): Promise<ReviewCase | null> {
    return this.store.cases.claimNext(moderator.id, {
      leaseMs: this.leaseMs,
      role: moderator.role,
      excludeDecidedBy: true,
    });
  }

  claim(caseId: string, moderator: ReviewActor): Promise<ReviewCase> {
    return this.store.cases.claim(caseId, moderator.id, {
      leaseMs: this.leaseMs,
      role: moderator.role,
    });
  }

  renew(caseId: string, moderator: ReviewActor): Promise<ReviewCase> {
    return this.store.cases.renewLease(caseId, moderator.id, this.leaseMs);
  }

  release(caseId: string, moderator: ReviewActor): Promise<ReviewCase> {
    return this.store.cases.release(caseId, moderator.id, privileged(moderator));
  }

  async decide(caseId: string, moderator: ReviewActor, input: DecideInput): Promise<DecideResult> {
    const decision = oneOf(input.decision, "decision", CASE_DECISIONS);
    const reason = oneOf(input.reason, "reason", POLICY_REASONS);
    const current = await this.mayDecide(caseId, moderator);
    if (current.appealId !== null) {
      throw new VigilError("review/appeal-open", "The case is under appeal: decide the appeal.", {
        caseId,
        appealId: current.appealId,
      });
    }
    const confirms = REMOVING_DECISIONS.includes(decision) && CONFIRMING_REASONS.includes(reason);
    const hashes = confirms ? await caseHashes(this.store, caseId) : [];
    const entryIds =
      hashes.length > 0 ? await this.options.confirmed.add({ caseId, reason, hashes }) : [];
    let result: DecideResult;
    try {
      result = await this.store.transaction(async (tx) => {
        const recorded = await tx.decisions.record({
          caseId,
          moderatorId: moderator.id,
          decision,
          reason,
          note: input.note ?? "",
          addedEntryIds: entryIds,
          privileged: privileged(moderator),
        });
        await audit(tx, moderator, "case.decide", caseId, {
          decisionId: recorded.decision.id,
          decision,
          reason,
          addedEntryIds: entryIds,
        });
        // The authors of the removed items have a takedown more (policies read their history).
        if (REMOVING_DECISIONS.includes(decision)) await markItems(tx, caseId, true);
        return recorded;
      });
    } catch (error) {
      // The lease was lost between the check and the write: the hashes were not confirmed.
      if (entryIds.length > 0) await this.options.confirmed.withdraw(entryIds, caseId);
      throw error;
    }
    await this.emit("case.decided", `decision:${result.decision.id}`, {
      caseId,
      decisionId: result.decision.id,
      decision,
      reason,
      moderatorId: moderator.id,
      addedEntryIds: entryIds,
    });
    return result;
  }

  /** Files the author's appeal of a decided case: it reopens for a lead other than the decider. */
  async appeal(
    caseId: string,
    input: AppealInput,
    actor: string,
  ): Promise<{ appeal: Appeal; case: ReviewCase }> {
    const result = await this.store
      .transaction(async (tx) => {
        const filed = await tx.appeals.create({
          caseId,
          appellant: input.appellant,
          text: input.text ?? "",
        });
        await tx.audit.append({
          actor,
          action: "case.appeal",
          subjectType: "case",
          subjectId: caseId,
          details: { appealId: filed.appeal.id },
        });
        return filed;
      })
      .catch((error: unknown) => {
        throw appealRefusal(error, caseId);
      });
    await this.emit("case.appealed", `appeal:${result.appeal.id}`, {
      caseId,
      appealId: result.appeal.id,
    });
    return result;
  }

  async decideAppeal(
    caseId: string,
    moderator: ReviewActor,
    input: AppealDecisionInput,
  ): Promise<AppealDecisionResult> {
    const outcome = oneOf(input.outcome, "outcome", ["uphold", "overturn"] as const);
    await this.mayDecide(caseId, moderator);
    const result = await this.store.transaction(async (tx) => {
      const recorded = await tx.decisions.recordAppeal({
        caseId,
        moderatorId: moderator.id,
        outcome: outcome === "uphold" ? "upheld" : "overturned",
        note: input.note ?? "",
        privileged: privileged(moderator),
      });
      await audit(tx, moderator, "appeal.decide", caseId, {
        appealId: recorded.appeal.id,
        decisionId: recorded.decision.id,
        outcome: recorded.appeal.outcome,
      });
      if (outcome === "overturn") await markItems(tx, caseId, false);
      return recorded;
    });
    const withdrawn = outcome === "overturn" ? await this.addedByAppealed(caseId) : [];
    if (withdrawn.length > 0) await this.options.confirmed.withdraw(withdrawn, caseId);
    await this.emit("appeal.decided", `appeal:${result.appeal.id}:decided`, {
      caseId,
      appealId: result.appeal.id,
      decisionId: result.decision.id,
      outcome: result.appeal.outcome,
      withdrawnEntryIds: withdrawn,
    });
    return { ...result, withdrawnEntryIds: withdrawn };
  }

  /** The entries the decision under appeal added: the last final decision before the appeal. */
  private async addedByAppealed(caseId: string): Promise<number[]> {
    const decisions = await this.store.decisions.listByCase(caseId);
    const appealed = decisions
      .filter((d) => d.appealId === null && d.decision !== "escalate")
      .at(-1);
    return appealed && REMOVING_DECISIONS.includes(appealed.decision as never)
      ? [...appealed.addedEntryIds]
      : [];
  }

  /**
   * Fails early — before any hash is added — unless the case is open and the moderator holds
   * its lease or is a lead or admin. The store checks again when it writes.
   */
  private async mayDecide(caseId: string, moderator: ReviewActor): Promise<ReviewCase> {
    const found = await this.store.cases.getReview(caseId);
    if (!found) throw new VigilError("store/not-found", "There is no such case.", { caseId });
    const conflict = (reason: string, message: string) =>
      new VigilError("store/conflict", message, { caseId, reason });
    if (found.status === "closed") throw conflict("closed", "The case is closed.");
    const holds =
      found.assignee === moderator.id &&
      found.leaseUntil !== null &&
      Date.parse(found.leaseUntil) > this.now().getTime();
    if (!holds && !privileged(moderator)) {
      throw conflict(
        "not-holder",
        "Only the moderator holding the case (or a lead) may decide it; claim it first.",
      );
    }
    return found;
  }

  private async emit(type: EventType, id: string, data: JsonObject): Promise<void> {
    await this.options.events.emit({ id, type, at: this.now().toISOString(), data });
  }
}

function privileged(moderator: ReviewActor): boolean {
  return moderator.role === "lead" || moderator.role === "admin";
}

function oneOf<T extends string>(value: unknown, field: string, options: readonly T[]): T {
  if (typeof value !== "string" || !(options as readonly string[]).includes(value)) {
    throw new VigilError(
      "review/invalid",
      `Invalid ${field}: expected one of ${options.join(", ")}.`,
      {
        field,
      },
    );
  }
  return value as T;
}

async function audit(
  tx: StoreRepositories,
  moderator: ReviewActor,
  action: string,
  caseId: string,
  details: JsonObject,
): Promise<void> {
  await tx.audit.append({
    actor: `moderator:${moderator.id}`,
    action,
    subjectType: "case",
    subjectId: caseId,
    details,
  });
}

/** The store's conflicts, as the clear codes an appeal's caller branches on. */
function appealRefusal(error: unknown, caseId: string): unknown {
  if (!(error instanceof VigilError) || error.code !== "store/conflict") return error;
  const reason = (error.details as { reason?: unknown } | undefined)?.reason;
  if (reason === "open") {
    return new VigilError(
      "review/case-open",
      "The case is still under review: only a decided case can be appealed.",
      { caseId },
    );
  }
  if (reason === "appeal-open") {
    return new VigilError("review/appeal-open", "The case already has an open appeal.", {
      caseId,
    });
  }
  return error;
}

async function markItems(tx: StoreRepositories, caseId: string, takenDown: boolean): Promise<void> {
  const linked = await tx.cases.items(caseId);
  await tx.items.setTakenDown(
    linked.map((link) => link.itemId),
    takenDown,
  );
}
