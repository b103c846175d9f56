import { useRef, useState } from "react";
import { api, ApiError } from "../api.js";
import { hashFile } from "../decode.js";
import type { PortalHashes } from "../hashing.js";
import { useI18n } from "../i18n.js";

/** Most images one case takes (the API's limit). */
const MAX_IMAGES = 50;

type Hashed =
  | { readonly name: string; readonly state: "hashing" }
  | { readonly name: string; readonly state: "done"; readonly hashes: PortalHashes }
  | { readonly name: string; readonly state: "failed"; readonly message: string };

interface Created {
  readonly caseNumber: string;
  readonly pin: string;
  readonly entries: number;
  /** Counted here: how many images the hashes came from. */
  readonly images?: number;
}

export function SubmitHashes({ onCase }: { onCase(caseNumber: string): void }) {
  const { t, language } = useI18n();
  const [files, setFiles] = useState<Hashed[]>([]);
  const [labels, setLabels] = useState({ ncii: true, deepfake: false });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<Created | null>(null);
  const input = useRef<HTMLInputElement>(null);

  const choose = async (list: FileList | null) => {
    setError(null);
    setCreated(null);
    const chosen = Array.from(list ?? []).slice(0, MAX_IMAGES);
    setFiles(chosen.map((file) => ({ name: file.name, state: "hashing" })));
    // One at a time: keeps memory low on phones, and the list fills in as it goes.
    for (const [index, file] of chosen.entries()) {
      let result: Hashed;
      try {
        result = { name: file.name, state: "done", hashes: await hashFile(file) };
      } catch {
        result = { name: file.name, state: "failed", message: t("portalNotAnImage") };
      }
      setFiles((current) => current.map((entry, i) => (i === index ? result : entry)));
    }
  };

  const done = files.flatMap((f) => (f.state === "done" ? [f.hashes] : []));
  const chosenLabels = (["ncii", "deepfake"] as const).filter((label) => labels[label]);

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const answer = await api<Created>("/v1/victim/cases", {
        method: "POST",
        json: {
          hashes: done.map(({ pdq, quality, md5 }) => ({ pdq, quality, md5 })),
          labels: chosenLabels,
          language,
        },
      });
      setCreated({ ...answer, images: done.length });
      onCase(answer.caseNumber);
      setFiles([]);
      if (input.current) input.current.value = "";
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : t("networkError"));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="submit-title">
      <h2 id="submit-title">{t("portalSubmitTitle")}</h2>
      <p>{t("portalSubmitHelp")}</p>
      <label className="file">
        {t("portalChoose")}
        <input
          ref={input}
          type="file"
          accept="image/*"
          multiple
          onChange={(e) => void choose(e.target.files)}
        />
      </label>
      {files.length > 0 && (
        <table className="hashes">
          <caption>{t("portalHashesCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("portalFile")}</th>
              <th scope="col">PDQ</th>
              <th scope="col">{t("portalQuality")}</th>
              <th scope="col">MD5</th>
            </tr>
          </thead>
          <tbody>
            {files.map((file, i) => (
              <tr key={i} data-state={file.state}>
                <td>{file.name}</td>
                {file.state === "done" ? (
                  <>
                    <td className="hex" data-testid="pdq">
                      {file.hashes.pdq}
                    </td>
                    <td>{file.hashes.quality}</td>
                    <td className="hex" data-testid="md5">
                      {file.hashes.md5}
                    </td>
                  </>
                ) : (
                  <td colSpan={3}>
                    {file.state === "hashing" ? t("portalHashing") : file.message}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <fieldset>
        <legend>{t("portalLabels")}</legend>
        <label>
          <input
            type="checkbox"
            checked={labels.ncii}
            onChange={(e) => setLabels({ ...labels, ncii: e.target.checked })}
          />{" "}
          {t("labelNcii")}
        </label>
        <label>
          <input
            type="checkbox"
            checked={labels.deepfake}
            onChange={(e) => setLabels({ ...labels, deepfake: e.target.checked })}
          />{" "}
          {t("labelDeepfake")}
        </label>
      </fieldset>
      <button
        type="button"
        disabled={busy || done.length === 0 || files.some((f) => f.state === "hashing")}
        onClick={() => void submit()}
      >
        {t("portalSend", { count: done.length })}
      </button>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {created && (
        <div className="created" role="status" aria-live="polite">
          <p className="warning">
            <strong>{t("portalWriteDown")}</strong>
          </p>
          <dl>
            <dt>{t("caseNumber")}</dt>
            <dd className="secret" data-testid="case-number">
              {created.caseNumber}
            </dd>
            <dt>PIN</dt>
            <dd className="secret" data-testid="pin">
              {created.pin}
            </dd>
          </dl>
          <p>{t("portalCreated", { images: created.images ?? 0, count: created.entries })}</p>
        </div>
      )}
    </section>
  );
}
