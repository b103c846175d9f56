import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { ConsoleApp } from "./console/ConsoleApp.js";
import { DashboardPage } from "./dashboard/DashboardPage.js";
import { I18nProvider, LanguageSwitch, useI18n } from "./i18n.js";
import { PortalPage } from "./portal/PortalPage.js";
import { Link, usePath } from "./router.js";
import "./styles.css";

function Home() {
  const { t } = useI18n();
  return (
    <main id="main" className="home">
      <h1>Vigil</h1>
      <p>{t("homeIntro")}</p>
      <ul className="home-links">
        <li>
          <Link to="/portal">{t("portalTitle")}</Link> — {t("homePortal")}
        </li>
        <li>
          <Link to="/console">{t("consoleTitle")}</Link> — {t("homeConsole")}
        </li>
        <li>
          <Link to="/dashboard">{t("dashboardTitle")}</Link> — {t("homeDashboard")}
        </li>
      </ul>
    </main>
  );
}

function App() {
  const path = usePath();
  const { t } = useI18n();
  let page;
  if (path === "/portal" || path.startsWith("/portal/")) page = <PortalPage />;
  else if (path === "/console" || path.startsWith("/console/")) page = <ConsoleApp path={path} />;
  else if (path === "/dashboard" || path.startsWith("/dashboard/")) page = <DashboardPage />;
  else page = <Home />;
  return (
    <>
      <a className="skip" href="#main">
        {t("skipToContent")}
      </a>
      <header className="top">
        <Link to="/">Vigil</Link>
        <LanguageSwitch />
      </header>
      {page}
    </>
  );
}

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <I18nProvider>
      <App />
    </I18nProvider>
  </StrictMode>,
);
