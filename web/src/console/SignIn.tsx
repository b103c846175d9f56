import { useState } from "react";
import { api, ApiError } from "../api.js";
import { useI18n } from "../i18n.js";
import type { Session } from "../types.js";

export function SignIn({ onSignedIn }: { onSignedIn(session: Session): void }) {
  const { t } = useI18n();
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await api<Session>("/v1/session", { method: "POST", json: { name, password } }));
    } catch (caught) {
      const bad = caught instanceof ApiError && caught.code === "auth/bad-credentials";
      setError(bad ? t("badCredentials") : caught instanceof Error ? caught.message : "");
    } finally {
      setBusy(false);
    }
  };
  return (
    <main id="main" className="sign-in">
      <h1>{t("consoleTitle")}</h1>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <label>
          {t("name")}
          <input
            name="name"
            autoComplete="username"
            value={name}
            onChange={(e) => setName(e.target.value)}
            required
          />
        </label>
        <label>
          {t("password")}
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
          />
        </label>
        <button type="submit" disabled={busy}>
          {t("signIn")}
        </button>
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
      </form>
    </main>
  );
}
