import { useState } from "react";
import { api, ApiError } from "../api.js";
import { useI18n } from "../i18n.js";
import type { Bank, ImportResult } from "../types.js";
import { chunkHashList, isJsonDocument } from "./import-chunks.js";

interface Totals {
  added: number;
  duplicates: number;
  withdrawn: number;
  errors: { line: number; message: string }[];
  errorCount: number;
}

/** Imports a hash list piece by piece: a progress bar, then a report of every bad line. */
export function ImportForm({ banks, onDone }: { banks: readonly Bank[]; onDone(): void }) {
  const { t } = useI18n();
  const [bankId, setBankId] = useState(banks[0]!.id);
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [totals, setTotals] = useState<Totals | null>(null);
  const [error, setError] = useState<string | null>(null);

  const run = async () => {
    if (!file) return;
    setError(null);
    setTotals(null);
    const text = await file.text();
    const chunks = chunkHashList(text);
    const json = isJsonDocument(text) || text.trimStart().startsWith("{");
    const sum: Totals = { added: 0, duplicates: 0, withdrawn: 0, errors: [], errorCount: 0 };
    let format: string | undefined;
    setProgress({ done: 0, total: chunks.length });
    try {
      for (const [i, chunk] of chunks.entries()) {
        const query = format ? `?format=${format}` : "";
        const result = await api<ImportResult>(
          `/v1/banks/${encodeURIComponent(bankId)}/import${query}`,
          {
            method: "POST",
            text: { body: chunk.text, contentType: json ? "application/json" : "text/plain" },
          },
        );
        // Later pieces keep the format the first was read as (a CSV's header is in the first).
        format ??= result.format;
        sum.added += result.added;
        sum.duplicates += result.duplicates;
        sum.withdrawn += result.withdrawn;
        sum.errorCount += result.errorCount;
        for (const e of result.errors) sum.errors.push({ ...e, line: e.line + chunk.lineOffset });
        setProgress({ done: i + 1, total: chunks.length });
      }
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : String(caught));
    }
    setTotals(sum);
    onDone();
  };

  return (
    <section aria-labelledby="import-title">
      <h2 id="import-title">{t("importTitle")}</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void run();
        }}
      >
        <label>
          {t("bank")}
          <select value={bankId} onChange={(e) => setBankId(e.target.value)}>
            {banks.map((b) => (
              <option key={b.id} value={b.id}>
                {b.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("importFile")}
          <input
            type="file"
            accept=".txt,.csv,.json,text/plain,text/csv,application/json"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
        </label>
        <button type="submit" disabled={!file}>
          {t("importButton")}
        </button>
      </form>
      {progress && (
        <p>
          <label>
            {t("importProgress", { done: progress.done, total: progress.total })}
            <progress value={progress.done} max={progress.total} />
          </label>
        </p>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {totals && (
        <div role="status">
          <p>
            {t("importResult", {
              added: totals.added,
              duplicates: totals.duplicates,
              withdrawn: totals.withdrawn,
              errors: totals.errorCount,
            })}
          </p>
          {totals.errors.length > 0 && (
            <table>
              <caption>{t("importErrors")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("line")}</th>
                  <th scope="col">{t("problem")}</th>
                </tr>
              </thead>
              <tbody>
                {totals.errors.map((e, i) => (
                  <tr key={i}>
                    <td>{e.line}</td>
                    <td>{e.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
    </section>
  );
}
