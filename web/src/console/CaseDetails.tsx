import { forwardRef, useImperativeHandle, useRef } from "react";
import { useI18n } from "../i18n.js";
import { Link } from "../router.js";
import type { CaseView } from "../types.js";
import { ItemDetails } from "./ItemDetails.js";
import type { MediaHandle } from "./MediaItem.js";

const SEVERITY = ["", "other", "ncii / deepfake", "minor"];

/** Everything about one case a moderator needs to decide it. */
export const CaseDetails = forwardRef<MediaHandle, { view: CaseView }>(function CaseDetails(
  { view },
  ref,
) {
  const { t } = useI18n();
  const first = useRef<MediaHandle>(null);
  useImperativeHandle(ref, () => ({ toggle: () => first.current?.toggle() }), []);
  return (
    <div className="case" data-testid="case" data-case-id={view.id}>
      <dl className="facts">
        <dt>{t("caseId")}</dt>
        <dd>
          <Link to={`/console/cases/${encodeURIComponent(view.id)}`}>{view.id}</Link>
        </dd>
        <dt>{t("severity")}</dt>
        <dd>
          {view.severity} ({SEVERITY[view.severity] ?? "?"})
        </dd>
        <dt>{t("status")}</dt>
        <dd>
          {view.status}
          {view.escalated && ` · ${t("escalated")}`}
          {view.appealId && ` · ${t("underAppeal")}`}
        </dd>
        <dt>{t("opened")}</dt>
        <dd>{new Date(view.createdAt).toLocaleString()}</dd>
        <dt>{t("groupKey")}</dt>
        <dd className="hex">{view.groupKey}</dd>
      </dl>
      <section aria-label={t("items")}>
        <h3>{t("itemsCount", { count: view.itemIds.length })}</h3>
        {view.itemIds.map((id, i) => (
          <ItemDetails key={id} itemId={id} caseId={view.id} ref={i === 0 ? first : undefined} />
        ))}
      </section>
      <section aria-label={t("reports")}>
        <h3>{t("reportsCount", { count: view.reportCount })}</h3>
        {view.reports.length > 0 && (
          <table>
            <thead>
              <tr>
                <th scope="col">{t("when")}</th>
                <th scope="col">{t("reason")}</th>
                <th scope="col">{t("reporter")}</th>
                <th scope="col">{t("content")}</th>
                <th scope="col">{t("text")}</th>
              </tr>
            </thead>
            <tbody>
              {view.reports.map((r) => (
                <tr key={r.id}>
                  <td>{new Date(r.createdAt).toLocaleString()}</td>
                  <td>{r.reason}</td>
                  <td>{r.reporter}</td>
                  <td className="hex">{r.contentHash ?? r.contentRef}</td>
                  <td>{r.text}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {view.decisions.length > 0 && (
        <section aria-label={t("decisions")}>
          <h3>{t("decisions")}</h3>
          <ul>
            {view.decisions.map((d, i) => (
              <li key={i}>
                {new Date(d.createdAt).toLocaleString()}: <strong>{d.decision}</strong>
                {d.reason && ` (${d.reason})`}
                {d.note && ` — ${d.note}`}
              </li>
            ))}
          </ul>
        </section>
      )}
      {view.appeals.length > 0 && (
        <section aria-label={t("tabAppeals")}>
          <h3>{t("tabAppeals")}</h3>
          <ul>
            {view.appeals.map((a) => (
              <li key={a.id}>
                {new Date(a.createdAt).toLocaleString()}: {a.appellant} — {a.text} ({a.status}
                {a.outcome && `, ${a.outcome}`})
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
});
