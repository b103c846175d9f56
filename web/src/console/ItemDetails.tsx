import { forwardRef, useEffect, useImperativeHandle, useRef, useState } from "react";
import { api, ApiError } from "../api.js";
import { useI18n } from "../i18n.js";
import { AuthorHistory } from "./AuthorHistory.js";
import { MediaItem, type MediaHandle } from "./MediaItem.js";

interface ItemRecord {
  readonly item: {
    readonly id: string;
    readonly source: string;
    readonly authorId: string | null;
    readonly text: string | null;
    readonly media: readonly { readonly url?: string; readonly mimeType?: string }[];
    readonly verdict: string | null;
    readonly reasons: readonly string[];
    /** What the AI signals learned (docs/SIGNALS.md); absent on servers older than it. */
    readonly analysis?: readonly AnalysisRecord[];
  };
  readonly signals: readonly { signalType: string; value: string; quality: number | null }[];
  readonly matches: readonly {
    bankId: string;
    entryId: number;
    signalType: string;
    distance: number;
  }[];
}

interface AnalysisRecord {
  readonly kind: string;
  readonly [field: string]: unknown;
}

/** One line per signal a moderator can read: the model's words, never an embedding. */
function describeSignal(record: AnalysisRecord): string {
  const media = typeof record.mediaIndex === "number" ? ` #${record.mediaIndex + 1}` : "";
  switch (record.kind) {
    case "nudity": {
      const scores = (record.scores ?? {}) as Record<string, number>;
      const top = Object.entries(scores)
        .sort((a, b) => b[1] - a[1])
        .slice(0, 2)
        .map(([name, score]) => `${name} ${score.toFixed(2)}`);
      return `nudity${media}: ${top.join(", ")}`;
    }
    case "protected_face":
      return `protected person${media}: ${String(record.personId)} (similarity ${Number(record.similarity).toFixed(2)})`;
    case "face":
      return `face${media} (confidence ${Number(record.confidence).toFixed(2)})`;
    case "text":
      return `text: ${String(record.category)} (${String(record.language)}, weight ${Number(record.weight).toFixed(2)}) “${String(record.text)}”`;
    case "provenance":
      return `provenance${media}: ${String(record.marker)} — ${String(record.detail)}`;
    case "provider_error":
      return `${String(record.provider)} could not run: ${String(record.code)}`;
    default:
      return record.kind;
  }
}

/**
 * A content item linked to the case: its media (blurred), the signals and matches that brought
 * it (hashes, bank matches, the AI signals with text spans), the verdict's reasons, and a link
 * to its author's other cases. Moderators and `ingest` keys read items; others see the id only.
 */
export const ItemDetails = forwardRef<MediaHandle, { itemId: string; caseId: string }>(
  function ItemDetails({ itemId, caseId }, ref) {
    const { t } = useI18n();
    const [record, setRecord] = useState<ItemRecord | null>(null);
    const [error, setError] = useState<"forbidden" | "missing" | null>(null);
    const first = useRef<MediaHandle>(null);
    useImperativeHandle(ref, () => ({ toggle: () => first.current?.toggle() }), []);
    useEffect(() => {
      let live = true;
      api<ItemRecord>(`/v1/content/${encodeURIComponent(itemId)}`)
        .then((found) => live && setRecord(found))
        .catch((caught) => {
          if (!live) return;
          const forbidden = caught instanceof ApiError && caught.status === 403;
          setError(forbidden ? "forbidden" : "missing");
        });
      return () => {
        live = false;
      };
    }, [itemId]);

    return (
      <article className="item" aria-label={t("itemLabel", { id: itemId })}>
        <h4>
          {t("itemLabel", { id: itemId })}
          {record && ` · ${record.item.source}`}
        </h4>
        {error && (
          <p className="muted">{t(error === "forbidden" ? "itemForbidden" : "itemMissing")}</p>
        )}
        {record && (
          <>
            <div className="media-row">
              {record.item.media.filter((m) => m.url).length === 0 && (
                <p className="muted">{t("noMedia")}</p>
              )}
              {record.item.media
                .filter((m) => m.url)
                .map((m, i) => (
                  <MediaItem
                    key={i}
                    ref={i === 0 ? first : undefined}
                    url={m.url!}
                    index={i}
                    {...(m.mimeType ? { mimeType: m.mimeType } : {})}
                  />
                ))}
            </div>
            {record.item.text && <blockquote>{record.item.text}</blockquote>}
            <p>
              {t("verdict")}: <strong>{record.item.verdict ?? "—"}</strong>
            </p>
            {record.item.reasons.length > 0 && (
              <ul>
                {record.item.reasons.map((reason, i) => (
                  <li key={i}>{reason}</li>
                ))}
              </ul>
            )}
            {(record.item.analysis ?? []).length > 0 && (
              <section aria-label={t("analysis")}>
                <h5>{t("analysis")}</h5>
                <ul>
                  {record.item.analysis!.map((signal, i) => (
                    <li key={i}>{describeSignal(signal)}</li>
                  ))}
                </ul>
              </section>
            )}
            {record.matches.length > 0 && (
              <table>
                <caption>{t("matches")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("bank")}</th>
                    <th scope="col">{t("signal")}</th>
                    <th scope="col">{t("distance")}</th>
                  </tr>
                </thead>
                <tbody>
                  {record.matches.map((m, i) => (
                    <tr key={i}>
                      <td>{m.bankId}</td>
                      <td>{m.signalType}</td>
                      <td>{m.distance}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            {record.signals.length > 0 && (
              <details>
                <summary>{t("signals", { count: record.signals.length })}</summary>
                <ul className="hex">
                  {record.signals.map((s, i) => (
                    <li key={i}>
                      {s.signalType}: {s.value}
                      {s.quality !== null && ` (q ${s.quality})`}
                    </li>
                  ))}
                </ul>
              </details>
            )}
            {record.item.authorId && (
              <AuthorHistory authorId={record.item.authorId} caseId={caseId} />
            )}
          </>
        )}
      </article>
    );
  },
);
