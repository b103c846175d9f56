import { useCallback, useEffect, useRef, useState } from "react";
import { api, ApiError } from "../api.js";
import { useI18n, type MessageKey } from "../i18n.js";
import {
  DECISIONS,
  REASONS,
  type CaseView,
  type Decision,
  type Reason,
  type ReviewCase,
  type Session,
} from "../types.js";
import { CaseDetails } from "./CaseDetails.js";
import { releaseOnLeave } from "./lease.js";
import type { MediaHandle } from "./MediaItem.js";
import { QueueList } from "./QueueList.js";
import { useShortcuts } from "./shortcuts.js";

/** Decision keys 1–4, in the order of DECISIONS. */
const DECISION_KEYS: Readonly<Record<Decision, string>> = {
  remove: "1",
  remove_and_ban: "2",
  no_violation: "3",
  escalate: "4",
};

/**
 * The review loop: take the next case (severity, then age), look, decide with a reason, go on.
 * The case is held under a lease; leaving the page or the case gives it back.
 */
export function ReviewPage({ session }: { session: Session }) {
  const { t } = useI18n();
  const [view, setView] = useState<CaseView | null>(null);
  const [empty, setEmpty] = useState(false);
  const [reason, setReason] = useState<Reason | "">("");
  const [note, setNote] = useState("");
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [queueVersion, setQueueVersion] = useState(0);
  const seen = useRef<string[]>([]);
  const held = useRef<string | null>(null);
  const media = useRef<MediaHandle>(null);
  const reasonField = useRef<HTMLSelectElement>(null);

  useEffect(() => releaseOnLeave(() => held.current), []);

  const release = async () => {
    const id = held.current;
    held.current = null;
    if (id)
      await api(`/v1/cases/${encodeURIComponent(id)}/release`, { method: "POST" }).catch(() => {});
  };

  const show = async (claimed: ReviewCase) => {
    held.current = claimed.id;
    const full = await api<CaseView>(`/v1/cases/${encodeURIComponent(claimed.id)}`);
    setView(full);
    setReason("");
    setNote("");
    setEmpty(false);
    if (seen.current.at(-1) !== claimed.id) seen.current.push(claimed.id);
    setQueueVersion((v) => v + 1);
  };

  const run = async (work: () => Promise<void>) => {
    setError(null);
    try {
      await work();
    } catch (caught) {
      setError(caught instanceof ApiError ? `${caught.message} (${caught.code})` : String(caught));
    }
  };

  const next = useCallback(
    () =>
      run(async () => {
        await release();
        const claimed = await api<ReviewCase | undefined>("/v1/review/next", { method: "POST" });
        if (!claimed) {
          setView(null);
          setEmpty(true);
          setQueueVersion((v) => v + 1);
          return;
        }
        await show(claimed);
      }),
    [],
  );

  const previous = () =>
    run(async () => {
      const index = view ? seen.current.indexOf(view.id) : seen.current.length;
      const before = seen.current[index - 1];
      if (!before) {
        setMessage(t("noPrevious"));
        return;
      }
      await release();
      seen.current = seen.current.slice(0, index);
      const claimed = await api<ReviewCase>(`/v1/cases/${encodeURIComponent(before)}/claim`, {
        method: "POST",
      });
      await show(claimed);
    });

  const decide = (decision: Decision) =>
    run(async () => {
      if (!view) return;
      if (!reason) {
        setError(t("chooseReason"));
        reasonField.current?.focus();
        return;
      }
      await api(`/v1/cases/${encodeURIComponent(view.id)}/decision`, {
        method: "POST",
        json: { decision, reason, ...(note.trim() ? { note: note.trim() } : {}) },
      });
      held.current = null;
      setMessage(t("decided", { decision: t(`decision_${decision}` as MessageKey), id: view.id }));
      await next();
    });

  useEffect(() => {
    void next();
    return () => void release();
  }, []);

  useShortcuts({
    ...Object.fromEntries(DECISIONS.map((d) => [DECISION_KEYS[d], () => void decide(d)])),
    n: () => void next(),
    p: () => void previous(),
    u: () => media.current?.toggle(),
    r: () => reasonField.current?.focus(),
  });

  return (
    <div className="review">
      <div className="review-main">
        <h1>{t("tabReview")}</h1>
        <p role="status" aria-live="polite" data-testid="review-status">
          {message}
        </p>
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        {empty && <p data-testid="queue-empty">{t("queueEmpty")}</p>}
        {view && (
          <>
            <CaseDetails view={view} ref={media} />
            <form className="decide" aria-label={t("decide")} onSubmit={(e) => e.preventDefault()}>
              <label>
                {t("reason")} (r)
                <select
                  ref={reasonField}
                  name="reason"
                  value={reason}
                  onChange={(e) => setReason(e.target.value as Reason)}
                >
                  <option value="">{t("chooseReasonOption")}</option>
                  {REASONS.map((r) => (
                    <option key={r} value={r}>
                      {t(`reason_${r}` as MessageKey)}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                {t("note")}
                <textarea name="note" value={note} onChange={(e) => setNote(e.target.value)} />
              </label>
              <div className="buttons">
                {DECISIONS.map((d) => (
                  <button
                    key={d}
                    type="button"
                    className={d.startsWith("remove") ? "danger" : undefined}
                    onClick={() => void decide(d)}
                    aria-keyshortcuts={DECISION_KEYS[d]}
                  >
                    {t(`decision_${d}` as MessageKey)} ({DECISION_KEYS[d]})
                  </button>
                ))}
              </div>
            </form>
          </>
        )}
        <div className="buttons">
          <button type="button" onClick={() => void previous()} aria-keyshortcuts="p">
            {t("previous")} (p)
          </button>
          <button type="button" onClick={() => void next()} aria-keyshortcuts="n">
            {t("next")} (n)
          </button>
        </div>
        <aside className="keys" aria-label={t("shortcuts")}>
          <h2>{t("shortcuts")}</h2>
          <ul>
            {DECISIONS.map((d) => (
              <li key={d}>
                <kbd>{DECISION_KEYS[d]}</kbd> {t(`decision_${d}` as MessageKey)}
              </li>
            ))}
            <li>
              <kbd>n</kbd> {t("next")} · <kbd>p</kbd> {t("previous")}
            </li>
            <li>
              <kbd>u</kbd> {t("mediaShow")} / {t("mediaHide")} · <kbd>r</kbd> {t("reason")} ·{" "}
              <kbd>Esc</kbd> {t("leaveField")}
            </li>
          </ul>
        </aside>
      </div>
      <QueueList version={queueVersion} role={session.moderator.role} />
    </div>
  );
}
