import { useEffect, useState } from "react";
import { api, ApiError } from "../api.js";
import { useI18n } from "../i18n.js";
import type { Bank, Session } from "../types.js";
import { ImportForm } from "./ImportForm.js";

interface BankRow extends Bank {
  readonly entries?: { readonly active: number; readonly withdrawn: number };
}

/** Hash banks: entry counts, on/off, and importing hash lists (changes need an admin). */
export function BanksPage({ session }: { session: Session }) {
  const { t } = useI18n();
  const [banks, setBanks] = useState<readonly BankRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const admin = session.moderator.role === "admin";

  useEffect(() => {
    let live = true;
    (async () => {
      const { banks: list } = await api<{ banks: Bank[] }>("/v1/banks");
      const rows = await Promise.all(
        list.map((bank) => api<BankRow>(`/v1/banks/${encodeURIComponent(bank.id)}`)),
      );
      if (live) setBanks(rows);
    })().catch((caught) => live && setError(caught instanceof ApiError ? caught.message : "?"));
    return () => {
      live = false;
    };
  }, [version]);

  const toggle = async (bank: BankRow) => {
    setError(null);
    try {
      await api(`/v1/banks/${encodeURIComponent(bank.id)}`, {
        method: "PATCH",
        json: { enabled: !bank.enabled },
      });
      setVersion((v) => v + 1);
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : String(caught));
    }
  };

  return (
    <>
      <h1>{t("tabBanks")}</h1>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {banks && (
        <table data-testid="banks">
          <thead>
            <tr>
              <th scope="col">{t("bank")}</th>
              <th scope="col">{t("labels")}</th>
              <th scope="col">{t("action")}</th>
              <th scope="col">{t("threshold")}</th>
              <th scope="col">{t("activeEntries")}</th>
              <th scope="col">{t("withdrawnEntries")}</th>
              <th scope="col">{t("enabled")}</th>
            </tr>
          </thead>
          <tbody>
            {banks.map((bank) => (
              <tr key={bank.id}>
                <td>
                  <strong>{bank.name}</strong> <span className="muted">{bank.id}</span>
                </td>
                <td>{bank.labels.join(", ")}</td>
                <td>{bank.action}</td>
                <td>{bank.matchThreshold}</td>
                <td>{bank.entries?.active ?? "—"}</td>
                <td>{bank.entries?.withdrawn ?? "—"}</td>
                <td>
                  <button
                    type="button"
                    role="switch"
                    aria-checked={bank.enabled}
                    aria-label={t("enableBank", { name: bank.name })}
                    disabled={!admin}
                    onClick={() => void toggle(bank)}
                  >
                    {bank.enabled ? t("on") : t("off")}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {!admin && <p className="muted">{t("banksAdminOnly")}</p>}
      {admin && banks && banks.length > 0 && (
        <ImportForm banks={banks} onDone={() => setVersion((v) => v + 1)} />
      )}
    </>
  );
}
