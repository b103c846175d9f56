import { PolicyService, runPolicyBacktest as backtest } from "../../engine/index.js";
import { describeRule, parseRuleSetText, type RuleSet } from "../../policy/index.js";
import type { Store } from "../../store/index.js";
import type { CliIo } from "../io.js";
import { openConfiguredStore } from "../open-store.js";
import { formatBacktest } from "./policy-report.js";
import { readRuleFile, reportPolicyError } from "./policy-file.js";

/**
 * `vigil policy …`: rule files checked, stored as versions, shown and backtested against the
 * configured store (docs/POLICY.md). A refused rule prints its path and exits 1, so the commands
 * fit a CI check of a repository of rule files.
 */

/** `vigil policy validate FILE`: parse only; prints each rule in words. */
export async function runPolicyValidate(file: string, io: CliIo): Promise<number> {
  try {
    const { text, format } = await readRuleFile(file);
    const ruleSet = parseRuleSetText(text, format);
    io.stdout(`${file}: ${ruleSet.rules.length} rules, valid\n${listRules(ruleSet)}`);
    return 0;
  } catch (error) {
    return reportPolicyError("validate", file, error, io);
  }
}

/** `vigil policy apply FILE`: stores the file as the next version (with an audit event). */
export async function runPolicyApply(
  file: string,
  options: { readonly comment?: string; readonly data?: string },
  io: CliIo,
): Promise<number> {
  try {
    const { text, format } = await readRuleFile(file);
    // Parsed before the store is opened, so a bad file never touches the database.
    parseRuleSetText(text, format);
    return await withStore(options.data, async (store) => {
      const update = await new PolicyService({ store }).update(text, {
        actor: "cli",
        ...(options.comment === undefined ? {} : { comment: options.comment }),
        ...(format === undefined ? {} : { format }),
      });
      const d = update.diff;
      const changes = [
        ...d.added.map((id) => `added \`${id}\``),
        ...d.removed.map((id) => `removed \`${id}\``),
        ...d.modeChanged.map((c) => `\`${c.ruleId}\` ${c.from} → ${c.to}`),
        ...d.versionChanged.map((c) => `\`${c.ruleId}\` v${c.from} → v${c.to}`),
        ...d.changedWithoutVersion.map((id) => `\`${id}\` changed without a new version`),
      ];
      io.stdout(
        `stored policy version ${update.policy.version} (${update.ruleSet.rules.length} rules)\n` +
          (changes.length > 0 ? changes.map((c) => `  ${c}\n`).join("") : "  no rule changed\n"),
      );
      return 0;
    });
  } catch (error) {
    return reportPolicyError("apply", file, error, io);
  }
}

/** `vigil policy show [--version N]`: the rule set in force, or a stored version. */
export async function runPolicyShow(
  options: { readonly version?: number; readonly json?: boolean; readonly data?: string },
  io: CliIo,
): Promise<number> {
  try {
    return await withStore(options.data, async (store) => {
      const policies = new PolicyService({ store });
      const active =
        options.version === undefined
          ? await policies.current()
          : await policies.version(options.version);
      if (!active) {
        io.stderr(`vigil policy show: there is no policy version ${options.version}\n`);
        return 1;
      }
      if (options.json) {
        io.stdout(`${JSON.stringify(active.ruleSet, null, 2)}\n`);
        return 0;
      }
      const stored = active.version === null ? null : await store.policies.get(active.version);
      const header =
        stored === null
          ? "the built-in default rule set (no version stored)"
          : `policy version ${stored.version}, stored ${stored.createdAt} by ${stored.createdBy}` +
            (stored.comment === null ? "" : `: ${stored.comment}`);
      io.stdout(`${header}\n${listRules(active.ruleSet)}`);
      return 0;
    });
  } catch (error) {
    return reportPolicyError("show", undefined, error, io);
  }
}

/** `vigil policy backtest FILE`: the file against a stored version, over recorded evaluations. */
export async function runPolicyBacktest(
  file: string,
  options: {
    readonly against?: number;
    readonly limit?: number;
    readonly since?: string;
    readonly json?: boolean;
    readonly data?: string;
  },
  io: CliIo,
): Promise<number> {
  try {
    const { text, format } = await readRuleFile(file);
    parseRuleSetText(text, format);
    return await withStore(options.data, async (store) => {
      const summary = await backtest(store, new PolicyService({ store }), {
        candidate: text,
        ...(format === undefined ? {} : { format }),
        ...(options.against === undefined ? {} : { against: options.against }),
        ...(options.limit === undefined ? {} : { limit: options.limit }),
        ...(options.since === undefined ? {} : { since: options.since }),
      });
      io.stdout(options.json ? `${JSON.stringify(summary, null, 2)}\n` : formatBacktest(summary));
      return 0;
    });
  } catch (error) {
    return reportPolicyError("backtest", file, error, io);
  }
}

function listRules(ruleSet: RuleSet): string {
  return ruleSet.rules.map((rule) => `  ${describeRule(rule)}\n`).join("");
}

async function withStore<T>(data: string | undefined, work: (store: Store) => Promise<T>) {
  const store = await openConfiguredStore(data);
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}
