import { useEffect, useState } from "react";
import { api } from "../api.js";
import { useI18n } from "../i18n.js";
import { Link } from "../router.js";
import type { ReviewCase, Role } from "../types.js";

/** The open cases as the moderator's role sees them, highest severity first, then oldest. */
export function QueueList({ version, role }: { version: number; role: Role }) {
  const { t } = useI18n();
  const [cases, setCases] = useState<readonly ReviewCase[] | null>(null);
  useEffect(() => {
    let live = true;
    api<{ cases: ReviewCase[] }>("/v1/review/queue?limit=50")
      .then((answer) => live && setCases(answer.cases))
      .catch(() => live && setCases([]));
    return () => {
      live = false;
    };
  }, [version]);
  return (
    <aside className="queue" aria-labelledby="queue-title">
      <h2 id="queue-title">
        {t("queue")} ({role})
      </h2>
      {cases && cases.length === 0 && <p data-testid="queue-list-empty">{t("queueEmpty")}</p>}
      <ol data-testid="queue-list">
        {cases?.map((c) => (
          <li key={c.id}>
            <Link to={`/console/cases/${encodeURIComponent(c.id)}`}>{c.id.slice(-8)}</Link>{" "}
            {t("severity")} {c.severity} · {new Date(c.createdAt).toLocaleString()}
            {c.assignee && ` · ${t("held")}`}
          </li>
        ))}
      </ol>
    </aside>
  );
}
