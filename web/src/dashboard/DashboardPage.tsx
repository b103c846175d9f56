import { useEffect, useState } from "react";
import { api, ApiError } from "../api.js";
import { useI18n } from "../i18n.js";
import { Link } from "../router.js";
import type { StatsPeriod as Period } from "../api-types.generated.js";
import type { Stats } from "../types.js";
import { CategoryBars, TimeBars } from "./charts.js";

/** The numbers leads, police and regulators ask for, as charts with tables beside them. */
export function DashboardPage() {
  const { t } = useI18n();
  const [period, setPeriod] = useState<Period>("day");
  const [stats, setStats] = useState<Stats | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    let live = true;
    setError(null);
    api<Stats>(`/v1/stats?period=${period}&buckets=30`)
      .then((found) => live && setStats(found))
      .catch((caught) => live && caught instanceof ApiError && setError(caught));
    return () => {
      live = false;
    };
  }, [period]);

  const buckets = stats?.series.map((s) => s.bucket) ?? [];
  const series = [
    { name: t("scanned"), values: stats?.series.map((s) => s.scanned) ?? [] },
    { name: t("matched"), values: stats?.series.map((s) => s.matched) ?? [] },
    { name: t("removed"), values: stats?.series.map((s) => s.removed) ?? [] },
  ];
  const median = stats?.medianReportToDecisionSeconds;
  return (
    <main id="main" className="dashboard">
      <h1>{t("dashboardTitle")}</h1>
      {error && (
        <p role="alert" className="error">
          {error.status === 401 ? (
            <>
              {t("dashboardSignIn")} <Link to="/console">{t("consoleTitle")}</Link>
            </>
          ) : (
            error.message
          )}
        </p>
      )}
      <label>
        {t("period")}{" "}
        <select value={period} onChange={(e) => setPeriod(e.target.value as Period)}>
          <option value="day">{t("byDay")}</option>
          <option value="week">{t("byWeek")}</option>
          <option value="month">{t("byMonth")}</option>
        </select>
      </label>
      {stats && (
        <>
          <TimeBars title={t("itemsOverTime")} buckets={buckets} series={series} />
          <div className="chart-row">
            <CategoryBars title={t("bySource")} data={stats.bySource} />
            <CategoryBars title={t("byLabel")} data={stats.byLabel} />
            <CategoryBars
              title={t("openCasesByAge")}
              data={{
                [t("under24h")]: stats.openCasesByAge.under24h,
                [t("under48h")]: stats.openCasesByAge.under48h,
                [t("older")]: stats.openCasesByAge.older,
              }}
            />
          </div>
          <p data-testid="median">
            {t("medianReportToDecision")}:{" "}
            <strong>
              {median === null || median === undefined ? "—" : formatDuration(median)}
            </strong>
          </p>
          <table>
            <caption>{t("itemsOverTime")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("period")}</th>
                <th scope="col">{t("scanned")}</th>
                <th scope="col">{t("matched")}</th>
                <th scope="col">{t("removed")}</th>
              </tr>
            </thead>
            <tbody>
              {stats.series.map((s) => (
                <tr key={s.bucket}>
                  <th scope="row">{s.bucket}</th>
                  <td>{s.scanned}</td>
                  <td>{s.matched}</td>
                  <td>{s.removed}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </main>
  );
}

function formatDuration(seconds: number): string {
  if (seconds < 60) return `${Math.round(seconds)} s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  if (seconds < 172_800) return `${(seconds / 3600).toFixed(1)} h`;
  return `${(seconds / 86_400).toFixed(1)} d`;
}
