import { useEffect, useState } from "react";
import { api, ApiError, setCsrfToken } from "../api.js";
import { useI18n, type MessageKey } from "../i18n.js";
import { Link } from "../router.js";
import type { Session } from "../types.js";
import { AppealsPage } from "./AppealsPage.js";
import { BanksPage } from "./BanksPage.js";
import { CasePage } from "./CasePage.js";
import { ReviewPage } from "./ReviewPage.js";
import { RulesPage } from "./RulesPage.js";
import { SearchPage } from "./SearchPage.js";
import { SignIn } from "./SignIn.js";

const TABS: readonly { path: string; label: MessageKey }[] = [
  { path: "/console", label: "tabReview" },
  { path: "/console/appeals", label: "tabAppeals" },
  { path: "/console/search", label: "tabSearch" },
  { path: "/console/banks", label: "tabBanks" },
  { path: "/console/rules", label: "tabRules" },
];

/** The moderator console: signed in by session cookie, every change carries the CSRF token. */
export function ConsoleApp({ path }: { path: string }) {
  const { t } = useI18n();
  const [session, setSession] = useState<Session | null | undefined>(undefined);

  useEffect(() => {
    api<Session>("/v1/session")
      .then((found) => {
        setCsrfToken(found.csrfToken);
        setSession(found);
      })
      .catch(() => setSession(null));
  }, []);

  if (session === undefined) return <main id="main">{t("loading")}</main>;
  if (session === null) {
    return (
      <SignIn
        onSignedIn={(signed) => {
          setCsrfToken(signed.csrfToken);
          setSession(signed);
        }}
      />
    );
  }

  const signOut = async () => {
    try {
      await api("/v1/session", { method: "DELETE" });
    } catch (caught) {
      if (!(caught instanceof ApiError)) throw caught;
    }
    setCsrfToken(null);
    setSession(null);
  };

  const caseMatch = /^\/console\/cases\/([^/]+)$/.exec(path);
  let page;
  if (caseMatch) page = <CasePage caseId={decodeURIComponent(caseMatch[1]!)} />;
  else if (path === "/console/appeals") page = <AppealsPage session={session} />;
  else if (path === "/console/search") page = <SearchPage />;
  else if (path === "/console/banks") page = <BanksPage session={session} />;
  else if (path === "/console/rules") page = <RulesPage session={session} />;
  else page = <ReviewPage session={session} />;

  return (
    <div className="console">
      <nav aria-label={t("consoleNav")} className="tabs">
        {TABS.map((tab) => (
          <Link key={tab.path} to={tab.path} current={path === tab.path}>
            {t(tab.label)}
          </Link>
        ))}
        <Link to="/dashboard">{t("dashboardTitle")}</Link>
        <span className="who">
          {session.moderator.name} ({session.moderator.role})
        </span>
        <button type="button" onClick={() => void signOut()}>
          {t("signOut")}
        </button>
      </nav>
      <main id="main">{page}</main>
    </div>
  );
}
