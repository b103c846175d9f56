import { useEffect, useState } from "react";
import { api, ApiError } from "../api.js";
import { useI18n } from "../i18n.js";
import type { CaseView, ReviewCase, Session } from "../types.js";
import { CaseDetails } from "./CaseDetails.js";

/** Cases reopened by an appeal: a lead or admin (never the one who decided) upholds or overturns. */
export function AppealsPage({ session }: { session: Session }) {
  const { t } = useI18n();
  const [cases, setCases] = useState<readonly ReviewCase[] | null>(null);
  const [open, setOpen] = useState<CaseView | null>(null);
  const [note, setNote] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const mayDecide = session.moderator.role !== "moderator";

  useEffect(() => {
    api<{ cases: ReviewCase[] }>("/v1/review/queue?limit=200")
      .then((answer) => setCases(answer.cases.filter((c) => c.appealId !== null)))
      .catch(() => setCases([]));
  }, [version]);

  const look = async (id: string) => {
    setError(null);
    setOpen(await api<CaseView>(`/v1/cases/${encodeURIComponent(id)}`));
    setNote("");
  };

  const decide = async (outcome: "uphold" | "overturn") => {
    if (!open) return;
    setError(null);
    try {
      await api(`/v1/cases/${encodeURIComponent(open.id)}/appeal-decision`, {
        method: "POST",
        json: { outcome, ...(note.trim() ? { note: note.trim() } : {}) },
      });
      setOpen(null);
      setVersion((v) => v + 1);
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : String(caught));
    }
  };

  return (
    <>
      <h1>{t("tabAppeals")}</h1>
      {!mayDecide && <p>{t("appealsForLeads")}</p>}
      {cases && cases.length === 0 && <p>{t("noAppeals")}</p>}
      <ul>
        {cases?.map((c) => (
          <li key={c.id}>
            <button type="button" onClick={() => void look(c.id)}>
              {c.id}
            </button>{" "}
            {t("severity")} {c.severity} · {c.lastDecision}
          </li>
        ))}
      </ul>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {open && (
        <section aria-label={t("appealDecision")}>
          <CaseDetails view={open} />
          {mayDecide && (
            <form onSubmit={(e) => e.preventDefault()}>
              <label>
                {t("note")}
                <textarea value={note} onChange={(e) => setNote(e.target.value)} />
              </label>
              <div className="buttons">
                <button type="button" onClick={() => void decide("uphold")}>
                  {t("uphold")}
                </button>
                <button type="button" onClick={() => void decide("overturn")}>
                  {t("overturn")}
                </button>
              </div>
            </form>
          )}
        </section>
      )}
    </>
  );
}
