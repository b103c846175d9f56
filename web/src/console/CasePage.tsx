import { useEffect, useState } from "react";
import { api, ApiError } from "../api.js";
import { useI18n } from "../i18n.js";
import type { CaseView, HistoryEvent } from "../types.js";
import { CaseDetails } from "./CaseDetails.js";

/** One case and the full audit of what happened to it. */
export function CasePage({ caseId }: { caseId: string }) {
  const { t } = useI18n();
  const [view, setView] = useState<CaseView | null>(null);
  const [events, setEvents] = useState<readonly HistoryEvent[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    const id = encodeURIComponent(caseId);
    api<CaseView>(`/v1/cases/${id}`)
      .then((found) => live && setView(found))
      .catch((caught) => live && setError(caught instanceof ApiError ? caught.message : "?"));
    api<{ events: HistoryEvent[] }>(`/v1/cases/${id}/history`)
      .then((found) => live && setEvents(found.events))
      .catch(() => live && setEvents([]));
    return () => {
      live = false;
    };
  }, [caseId]);
  return (
    <>
      <h1>{t("caseTitle")}</h1>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {view && <CaseDetails view={view} />}
      <section aria-labelledby="history-title">
        <h2 id="history-title">{t("history")}</h2>
        {events && events.length === 0 && <p className="muted">{t("noHistory")}</p>}
        {events && events.length > 0 && (
          <table data-testid="history">
            <thead>
              <tr>
                <th scope="col">{t("when")}</th>
                <th scope="col">{t("event")}</th>
                <th scope="col">{t("actor")}</th>
                <th scope="col">{t("details")}</th>
              </tr>
            </thead>
            <tbody>
              {events.map((e, i) => (
                <tr key={i}>
                  <td>{new Date(e.at).toLocaleString()}</td>
                  <td>{e.type}</td>
                  <td>{e.actor}</td>
                  <td className="hex">{e.details ? JSON.stringify(e.details) : ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
