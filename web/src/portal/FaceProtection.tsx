import { useI18n } from "../i18n.js";

/**
 * Face protection runs on the server (a support centre registers reference embeddings through
 * /v1/protected-people), so the portal only explains it: no face model runs here and no photo
 * is uploaded from this page.
 */
export function FaceProtection() {
  const { t } = useI18n();
  return (
    <section aria-labelledby="face-title">
      <h2 id="face-title">{t("faceTitle")}</h2>
      <p>{t("faceIntro")}</p>
      <ul>
        <li>{t("faceStep1")}</li>
        <li>{t("faceStep2")}</li>
        <li>{t("faceStep3")}</li>
      </ul>
    </section>
  );
}
