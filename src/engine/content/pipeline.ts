/**
 * The path of one ingested item, as a worker runs it: signals (hashes of the media), matches
 * against every bank, the one decide step the scan runs too (decide.ts) with the item's reports
 * and its author's history, the actions that follow, and the record of all of it. Delivery is at least once, so every step is idempotent and the item is marked done only
 * after its actions: a worker killed half-way leaves a queued item whose job comes back, and the
 * rerun finds every action already taken (same case, same action-log key, same event id).
 */
import { VigilError } from "../../core/index.js";
import type { FetchUrlOptions } from "../../media/index.js";
import type { Evaluation, PolicyVerdict } from "../../policy/index.js";
import type { IngestedItem, NewContentSignal, Store } from "../../store/index.js";
import type { BankMatch, BankMatcher } from "../matching/index.js";
import type { EventSink } from "../shared/index.js";
import type { ContentAnalyser } from "./content-analysis.js";
import {
  decideContent,
  matchAll,
  type ContentHistory,
  type DecideInput,
  type PolicySource,
} from "./decide.js";
import { signalsOfItem } from "./item-signals.js";
import type { JsonObject, JsonValue } from "../../core/index.js";

/** Where a rule's `add_to_bank` puts an item's hashes (the server's BankService: store, index, audit). */
export interface BankWriter {
  addHashes(
    bankId: string,
    hashes: readonly NewContentSignal[],
    context: { readonly itemId: string; readonly ruleIds: readonly string[] },
  ): Promise<void>;
}

export interface PipelineDeps {
  readonly store: Store;
  /** The matcher to use now: a worker's is swapped when the banks change elsewhere. */
  readonly matcher: () => BankMatcher;
  readonly policies: PolicySource;
  readonly events: EventSink;
  readonly fetchOptions: FetchUrlOptions;
  /** Without one, an `add_to_bank` action is recorded as failed in the action log. */
  readonly banks?: BankWriter;
  /** The AI signal providers; without them an item is judged by its hashes, reports and history. */
  readonly analyser?: ContentAnalyser;
  readonly clock?: () => Date;
}

export interface ProcessResult {
  readonly itemId: string;
  readonly verdict: string;
  readonly reasons: readonly string[];
  /** False when the item had been processed already (a redelivered job): nothing was done. */
  readonly processed: boolean;
}

/** Reports read per case for their reasons (the page limit of the store). */
const REPORTS_READ = 500;

/** A case a bank's `review` action opens, when no rule gives a severity (a report of ncii: 2). */
const DEFAULT_REVIEW_SEVERITY = 2;

/** Verdicts that take content down; each is one action per item, whatever the redeliveries. */
const TAKEDOWNS: ReadonlySet<string> = new Set(["block", "remove", "remove_and_ban"]);

export class ContentPipeline {
  private readonly clock: () => Date;

  constructor(private readonly deps: PipelineDeps) {
    this.clock = deps.clock ?? (() => new Date());
  }

  async process(itemId: string): Promise<ProcessResult> {
    const { store } = this.deps;
    const record = await store.items.get(itemId);
    if (!record) {
      throw new VigilError("store/not-found", `There is no content item "${itemId}".`);
    }
    const { item } = record;
    if (item.status === "done") {
      return { itemId, verdict: item.verdict ?? "allow", reasons: item.reasons, processed: false };
    }
    const signals = await signalsOfItem(record, this.deps.fetchOptions, this.deps.analyser);
    const allSignals = [...record.signals, ...signals.computed];
    const hashes = allSignals.map((signal) => signal.value);
    const matcher = this.deps.matcher();
    const { matches } = matchAll(matcher, signals.queries);
    const banks = matcher.banks();
    const policy = await this.deps.policies.current();
    const { facts, evaluation, verdict, reasons } = decideContent({
      origin: originOf(item),
      matches,
      banks,
      analysis: signals.analysis,
      history: await this.historyOf(item, hashes),
      ruleSet: policy.ruleSet,
      nothingFound: "no bank matched and no rule fired",
    });
    // The record a backtest replays; shadow rules show here what they would have done.
    await store.evaluations.record({
      itemId: item.id,
      policyVersion: policy.version,
      facts: toJson(facts),
      verdict: evaluation.verdict,
      fired: toJson(evaluation.fired),
      shadow: toJson(evaluation.shadow),
    });

    await this.addToBanks(item, allSignals, evaluation);
    await this.act(item, verdict, reasons, matches, evaluation, policy.version, hashes);
    await store.items.complete(item.id, {
      signals: signals.computed,
      analysis: signals.analysis,
      matches: matches.map(({ bankId, entryId, signalType, distance }) => ({
        bankId,
        entryId,
        signalType,
        distance,
      })),
      verdict,
      reasons,
    });
    return { itemId, verdict, reasons, processed: true };
  }

  /**
   * Carries out the live rules' `add_to_bank` actions: the item's hashes go to the bank, once
   * per item and bank (the action log's key), its outcome recorded. A missing bank fails the
   * action, not the item: the rest of the path still runs.
   */
  private async addToBanks(
    item: IngestedItem,
    signals: readonly NewContentSignal[],
    evaluation: Evaluation,
  ): Promise<void> {
    const { store } = this.deps;
    for (const action of evaluation.actions) {
      if (action.kind !== "add_to_bank") continue;
      const key = `item:${item.id}:add_to_bank:${action.bank}`;
      const existing = await store.actionLog.getByKey(key);
      if (existing?.outcome === "ok") continue;
      const ruleIds = evaluation.fired
        .filter((rule) =>
          rule.actions.some((a) => a.kind === "add_to_bank" && a.bank === action.bank),
        )
        .map((rule) => rule.ruleId);
      let outcome: { outcome: "ok" | "failed"; detail: JsonObject };
      try {
        if (!this.deps.banks) throw new Error("this process has no bank writer");
        await this.deps.banks.addHashes(action.bank, signals, { itemId: item.id, ruleIds });
        outcome = { outcome: "ok", detail: { hashes: signals.length, rules: ruleIds } };
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        outcome = { outcome: "failed", detail: { error: message } };
      }
      await store.actionLog.save({
        key,
        kind: "bank.add",
        subjectType: "item",
        subjectId: item.id,
        target: action.bank,
        ...outcome,
      });
    }
  }

  /**
   * Opens the review case for the item's content, or joins the open one: grouped by its first
   * hash (PDQ first: the same image re-encoded joins the same case only if the hash is equal,
   * which exact grouping needs), else by the item itself. Linking is idempotent.
   */
  private async openCase(
    item: IngestedItem,
    hashes: readonly string[],
    evaluation: Evaluation,
  ): Promise<string> {
    const reviews = evaluation.fired.filter((rule) =>
      rule.actions.some((action) => action.kind === "review"),
    );
    const severity = Math.max(
      DEFAULT_REVIEW_SEVERITY,
      ...reviews.flatMap((rule) => [
        rule.severity ?? 0,
        ...rule.actions.map((action) => (action.kind === "review" ? (action.severity ?? 0) : 0)),
      ]),
    );
    const opened = await this.deps.store.cases.openForItem({
      groupKey: hashes[0] ?? `item:${item.id}`,
      itemId: item.id,
      severity,
      ...(reviews[0] ? { ruleId: reviews[0].ruleId } : {}),
    });
    // Emitted on every run, not only when `created`: a rerun after a crash must still announce
    // the case; the event's id is the case's, so receivers and the delivery log drop repeats.
    await this.deps.events.emit({
      id: `case-opened:${opened.case.id}`,
      type: "case.opened",
      at: this.clock().toISOString(),
      data: { caseId: opened.case.id, itemId: item.id, severity: opened.case.severity },
    });
    return opened.case.id;
  }

  /** What an item's rules may ask about its past: reports about its content, its author's record. */
  private async historyOf(item: IngestedItem, hashes: readonly string[]): Promise<ContentHistory> {
    return {
      ...(await this.reportsAbout(hashes)),
      authorPriorTakedowns:
        item.authorId === null
          ? 0
          : await this.deps.store.items.authorTakedowns(item.platform, item.authorId, item.id),
    };
  }

  /** Reports already filed about this content (by any of its hashes): the open case's count. */
  private async reportsAbout(
    hashes: readonly string[],
  ): Promise<{ reportCount: number; reportReasons: string[] }> {
    const { store } = this.deps;
    let best: { reportCount: number; reportReasons: string[] } = {
      reportCount: 0,
      reportReasons: [],
    };
    for (const hash of new Set(hashes)) {
      const open = await store.cases.findOpen(hash);
      if (!open || open.reportCount <= best.reportCount) continue;
      // The reasons of the first page of reports: enough for "at least N reports said…" rules.
      const reports = await store.reports.listByCase(open.id, { limit: REPORTS_READ });
      best = {
        reportCount: open.reportCount,
        reportReasons: reports.items.map((report) => report.reason),
      };
    }
    return best;
  }

  private async act(
    item: IngestedItem,
    verdict: PolicyVerdict,
    reasons: readonly string[],
    matches: readonly BankMatch[],
    evaluation: Evaluation,
    policyVersion: number | null,
    hashes: readonly string[],
  ): Promise<void> {
    const wantsWebhook = evaluation.actions.some((action) => action.kind === "webhook");
    if (verdict === "allow" && !wantsWebhook) return;
    const eventId = `verdict:${item.id}`;
    const caseId = verdict === "review" ? await this.openCase(item, hashes, evaluation) : null;
    if (TAKEDOWNS.has(verdict)) {
      // One record per item and verdict, first writer wins: a rerun after a crash finds it.
      const logged = await this.deps.store.actionLog.record({
        key: `item:${item.id}:${verdict}`,
        kind: `item.${verdict}`,
        subjectType: "item",
        subjectId: item.id,
        target: item.platform,
        outcome: "ok",
        detail: { eventId, externalId: item.externalId, channelId: item.channelId },
      });
      // Counted once per item (the first record of its takedown), for victims' case status.
      if (logged.created) {
        const outcome = verdict === "block" ? "blocked" : "removed";
        await this.deps.store.entryHits.record(
          matches.map((m) => m.entryId),
          outcome,
        );
      }
    }
    const data: JsonObject = {
      itemId: item.id,
      source: item.source,
      platform: item.platform,
      channelId: item.channelId,
      externalId: item.externalId,
      authorId: item.authorId,
      verdict,
      takedown: TAKEDOWNS.has(verdict),
      reasons: [...reasons],
      matches: matches.map((m) => ({
        bankId: m.bankId,
        entryId: m.entryId,
        signalType: m.signalType,
        distance: m.distance,
        labels: [...m.labels],
      })),
      rules: evaluation.fired.map((rule) => ({ id: rule.ruleId, version: rule.version })),
      policyVersion,
      caseId,
      // What the rules' `webhook` actions asked for, for receivers that route on it.
      webhookEvents: evaluation.actions.flatMap((action) =>
        action.kind === "webhook" && action.event !== undefined ? [action.event] : [],
      ),
    };
    await this.deps.events.emit({
      id: eventId,
      type: "item.verdict",
      at: this.clock().toISOString(),
      data,
    });
  }
}

/** Where an item came from, as its rules see it (absent fields stay absent, not null). */
function originOf(item: IngestedItem): DecideInput["origin"] {
  return {
    source: item.source,
    ...(item.platform === null ? {} : { platform: item.platform }),
    ...(item.visibility === null ? {} : { visibility: item.visibility }),
  };
}

/** Policy facts and evaluations are plain data; a round trip makes them the store's JSON. */
function toJson<T>(value: T): T extends readonly unknown[] ? JsonValue : JsonObject {
  return JSON.parse(JSON.stringify(value)) as T extends readonly unknown[] ? JsonValue : JsonObject;
}
