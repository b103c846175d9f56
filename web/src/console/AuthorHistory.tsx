import { useEffect, useState } from "react";
import { api } from "../api.js";
import { useI18n } from "../i18n.js";
import { Link } from "../router.js";
import type { ReviewCase } from "../types.js";

/** The author's record at a glance: other cases and how many ended in a removal. */
export function AuthorHistory({ authorId, caseId }: { authorId: string; caseId?: string }) {
  const { t } = useI18n();
  const [cases, setCases] = useState<readonly ReviewCase[] | null>(null);
  useEffect(() => {
    let live = true;
    api<{ cases: ReviewCase[] }>(`/v1/cases/search?q=${encodeURIComponent(authorId)}`)
      .then((found) => live && setCases(found.cases.filter((c) => c.id !== caseId)))
      .catch(() => live && setCases(null));
    return () => {
      live = false;
    };
  }, [authorId, caseId]);
  const removed = cases?.filter((c) => c.lastDecision?.startsWith("remove")).length ?? 0;
  return (
    <p data-testid="author-history">
      {t("author")}: {authorId}
      {cases && ` — ${t("authorRecord", { cases: cases.length, removed })}`} ·{" "}
      <Link to={`/console/search?q=${encodeURIComponent(authorId)}`}>{t("authorHistory")}</Link>
    </p>
  );
}
