import { useState } from "react";
import { useI18n } from "../i18n.js";
import { FaceProtection } from "./FaceProtection.js";
import { FollowCase } from "./FollowCase.js";
import { SubmitHashes } from "./SubmitHashes.js";

/**
 * The victim portal: hash images on the device and send only the hashes; follow or withdraw the
 * case with its number and PIN. Public, no account, nothing identifying is asked for.
 */
export function PortalPage() {
  const { t } = useI18n();
  const [caseNumber, setCaseNumber] = useState("");
  return (
    <main id="main" className="portal">
      <h1>{t("portalTitle")}</h1>
      <p className="promise" role="note">
        <strong>{t("portalPromise")}</strong> {t("portalPromiseDetail")}
      </p>
      <SubmitHashes onCase={setCaseNumber} />
      <FollowCase initialCaseNumber={caseNumber} />
      <FaceProtection />
    </main>
  );
}
