import { useEffect, useState } from "react";
import { api, ApiError } from "../api.js";
import { useI18n } from "../i18n.js";
import { Link, navigate } from "../router.js";
import type { ReviewCase } from "../types.js";

/** Find cases by case id, content hash (PDQ, MD5, SHA-256) or author id. */
export function SearchPage() {
  const { t } = useI18n();
  const fromUrl = new URLSearchParams(location.search).get("q") ?? "";
  const [q, setQ] = useState(fromUrl);
  const [cases, setCases] = useState<readonly ReviewCase[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const search = async (query: string) => {
    setError(null);
    if (!query.trim()) return;
    try {
      const answer = await api<{ cases: ReviewCase[] }>(
        `/v1/cases/search?q=${encodeURIComponent(query.trim())}`,
      );
      setCases(answer.cases);
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : String(caught));
    }
  };
  useEffect(() => {
    if (fromUrl) void search(fromUrl);
  }, [fromUrl]);

  return (
    <>
      <h1>{t("tabSearch")}</h1>
      <form
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          navigate(`/console/search?q=${encodeURIComponent(q.trim())}`);
          void search(q);
        }}
      >
        <label>
          {t("searchLabel")}
          <input name="q" value={q} onChange={(e) => setQ(e.target.value)} />
        </label>
        <button type="submit">{t("tabSearch")}</button>
      </form>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {cases && cases.length === 0 && <p>{t("noResults")}</p>}
      {cases && cases.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">{t("caseId")}</th>
              <th scope="col">{t("status")}</th>
              <th scope="col">{t("severity")}</th>
              <th scope="col">{t("opened")}</th>
              <th scope="col">{t("decisions")}</th>
            </tr>
          </thead>
          <tbody>
            {cases.map((c) => (
              <tr key={c.id}>
                <td>
                  <Link to={`/console/cases/${encodeURIComponent(c.id)}`}>{c.id}</Link>
                </td>
                <td>{c.status}</td>
                <td>{c.severity}</td>
                <td>{new Date(c.createdAt).toLocaleString()}</td>
                <td>{c.lastDecision ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
