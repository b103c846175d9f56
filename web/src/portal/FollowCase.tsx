import { useEffect, useState } from "react";
import { api, ApiError } from "../api.js";
import { useI18n, type MessageKey } from "../i18n.js";

interface Status {
  readonly caseNumber: string;
  readonly status: "active" | "withdrawn";
  readonly createdAt: string;
  readonly hashes: number;
  readonly blocked: number;
  readonly removed: number;
}

const ERRORS: Readonly<Record<string, MessageKey>> = {
  "victim/bad-pin": "portalBadPin",
  "victim/locked": "portalLocked",
  "store/not-found": "portalBadPin",
};

/** Status and withdrawal with the case number and PIN, the only things that identify a case. */
export function FollowCase({ initialCaseNumber }: { initialCaseNumber: string }) {
  const { t } = useI18n();
  const [caseNumber, setCaseNumber] = useState(initialCaseNumber);
  const [pin, setPin] = useState("");
  const [status, setStatus] = useState<Status | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setCaseNumber(initialCaseNumber), [initialCaseNumber]);

  const run = async (action: "status" | "withdraw") => {
    setError(null);
    setMessage(null);
    try {
      const body = { caseNumber: caseNumber.trim(), pin: pin.trim() };
      if (action === "status") {
        setStatus(await api<Status>("/v1/victim/cases/status", { method: "POST", json: body }));
      } else {
        if (!window.confirm(t("portalWithdrawConfirm"))) return;
        const answer = await api<{ withdrawn: number }>("/v1/victim/cases/withdraw", {
          method: "POST",
          json: body,
        });
        setStatus(null);
        setMessage(t("portalWithdrawn", { count: answer.withdrawn }));
      }
    } catch (caught) {
      const key = caught instanceof ApiError ? ERRORS[caught.code] : undefined;
      setError(key ? t(key) : caught instanceof ApiError ? caught.message : t("networkError"));
    }
  };

  return (
    <section aria-labelledby="follow-title">
      <h2 id="follow-title">{t("portalFollowTitle")}</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void run("status");
        }}
      >
        <label>
          {t("caseNumber")}
          <input
            name="caseNumber"
            value={caseNumber}
            onChange={(e) => setCaseNumber(e.target.value)}
            autoComplete="off"
            placeholder="VC-XXXX-XXXX"
            required
          />
        </label>
        <label>
          PIN
          <input
            name="pin"
            value={pin}
            onChange={(e) => setPin(e.target.value)}
            inputMode="numeric"
            autoComplete="off"
            pattern="[0-9]{8}"
            required
          />
        </label>
        <div className="buttons">
          <button type="submit">{t("portalCheck")}</button>
          <button type="button" className="danger" onClick={() => void run("withdraw")}>
            {t("portalWithdraw")}
          </button>
        </div>
      </form>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {message && (
        <p role="status" data-testid="withdrawn">
          {message}
        </p>
      )}
      {status && (
        <dl className="status" role="status" data-testid="status">
          <dt>{t("portalStatus")}</dt>
          <dd>{t(status.status === "active" ? "portalActive" : "portalWithdrawnState")}</dd>
          <dt>{t("portalCreatedAt")}</dt>
          <dd>{new Date(status.createdAt).toLocaleString()}</dd>
          <dt>{t("portalHashCount")}</dt>
          <dd>{status.hashes}</dd>
          <dt>{t("portalBlocked")}</dt>
          <dd data-testid="blocked">{status.blocked}</dd>
          <dt>{t("portalRemoved")}</dt>
          <dd>{status.removed}</dd>
        </dl>
      )}
    </section>
  );
}
