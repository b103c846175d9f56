import { useEffect, useState } from "react";
import { api, ApiError } from "../api.js";
import { useI18n } from "../i18n.js";
import type { Session } from "../types.js";

type Mode = "live" | "shadow" | "off";

interface Policies {
  readonly version: number | null;
  readonly createdAt: string | null;
  readonly ruleSet: { readonly rules: readonly { readonly id: string; readonly mode: Mode }[] };
  readonly rules: readonly {
    readonly id: string;
    readonly version: number;
    readonly mode: Mode;
    readonly explanation: string;
  }[];
}

interface Backtest {
  readonly items?: number;
  readonly changed?: number;
  readonly transitions?: Readonly<Record<string, number>>;
  readonly rulesAfter?: readonly { ruleId: string; mode: Mode; fired: number }[];
}

interface SavedBacktest {
  readonly at: string;
  readonly report: Backtest;
}

const BACKTEST_KEY = "vigil.lastBacktest";

/**
 * The rule set in force: each rule's mode (an admin may switch it, which stores a new version)
 * and the last backtest run from this browser over recorded history.
 */
export function RulesPage({ session }: { session: Session }) {
  const { t } = useI18n();
  const [policies, setPolicies] = useState<Policies | null>(null);
  const [last, setLast] = useState<SavedBacktest | null>(() => {
    const saved = localStorage.getItem(BACKTEST_KEY);
    return saved ? (JSON.parse(saved) as SavedBacktest) : null;
  });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const admin = session.moderator.role === "admin";

  useEffect(() => {
    api<Policies>("/v1/policies")
      .then(setPolicies)
      .catch((caught) => setError(caught instanceof ApiError ? caught.message : "?"));
  }, [version]);

  const setMode = async (ruleId: string, mode: Mode) => {
    if (!policies) return;
    setError(null);
    const ruleSet = {
      ...policies.ruleSet,
      rules: policies.ruleSet.rules.map((rule) => (rule.id === ruleId ? { ...rule, mode } : rule)),
    };
    try {
      await api("/v1/policies", {
        method: "PUT",
        json: { ruleSet, comment: `${ruleId} → ${mode} (console, ${session.moderator.name})` },
      });
      setVersion((v) => v + 1);
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : String(caught));
    }
  };

  const backtest = async () => {
    setBusy(true);
    setError(null);
    try {
      const report = await api<Backtest>("/v1/policies/backtest", { method: "POST", json: {} });
      const saved = { at: new Date().toISOString(), report };
      localStorage.setItem(BACKTEST_KEY, JSON.stringify(saved));
      setLast(saved);
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : String(caught));
    } finally {
      setBusy(false);
    }
  };

  const fired = new Map(last?.report.rulesAfter?.map((r) => [r.ruleId, r.fired]) ?? []);
  return (
    <>
      <h1>{t("tabRules")}</h1>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {policies && (
        <p>
          {t("policyVersion", { version: policies.version ?? "—" })}
          {policies.createdAt && ` · ${new Date(policies.createdAt).toLocaleString()}`}
        </p>
      )}
      {policies && (
        <table data-testid="rules">
          <thead>
            <tr>
              <th scope="col">{t("rule")}</th>
              <th scope="col">{t("mode")}</th>
              <th scope="col">{t("explanation")}</th>
              <th scope="col">{t("firedInBacktest")}</th>
            </tr>
          </thead>
          <tbody>
            {policies.rules.map((rule) => (
              <tr key={rule.id}>
                <td>
                  {rule.id} <span className="muted">v{rule.version}</span>
                </td>
                <td>
                  <select
                    aria-label={t("modeOf", { rule: rule.id })}
                    value={rule.mode}
                    disabled={!admin}
                    onChange={(e) => void setMode(rule.id, e.target.value as Mode)}
                  >
                    <option value="live">live</option>
                    <option value="shadow">shadow</option>
                    <option value="off">off</option>
                  </select>
                </td>
                <td>{rule.explanation}</td>
                <td>{fired.get(rule.id) ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <section aria-labelledby="backtest-title">
        <h2 id="backtest-title">{t("lastBacktest")}</h2>
        <button type="button" disabled={busy} onClick={() => void backtest()}>
          {t("runBacktest")}
        </button>
        {!last && <p className="muted">{t("noBacktest")}</p>}
        {last && (
          <div>
            <p>
              {t("backtestSummary", {
                at: new Date(last.at).toLocaleString(),
                items: last.report.items ?? 0,
                changed: last.report.changed ?? 0,
              })}
            </p>
            <ul>
              {Object.entries(last.report.transitions ?? {}).map(([move, n]) => (
                <li key={move}>
                  {move}: {n}
                </li>
              ))}
            </ul>
          </div>
        )}
      </section>
    </>
  );
}
