import { forwardRef, useImperativeHandle, useState } from "react";
import { useI18n } from "../i18n.js";

export interface MediaHandle {
  toggle(): void;
}

/**
 * One piece of media, blurred and greyscale until the moderator chooses to look: hover shows it
 * while the pointer stays, the button (or the `u` key) keeps it shown. Video is always muted.
 */
export const MediaItem = forwardRef<MediaHandle, { url: string; mimeType?: string; index: number }>(
  function MediaItem({ url, mimeType, index }, ref) {
    const { t } = useI18n();
    const [revealed, setRevealed] = useState(false);
    useImperativeHandle(ref, () => ({ toggle: () => setRevealed((r) => !r) }), []);
    const video = mimeType?.startsWith("video/") ?? /\.(mp4|webm|mov)$/i.test(url);
    const label = t("mediaLabel", { n: index + 1 });
    return (
      <figure className={revealed ? "media revealed" : "media"} data-testid="media">
        {video ? (
          <video src={url} muted controls preload="metadata" aria-label={label} />
        ) : (
          <img src={url} alt={label} referrerPolicy="no-referrer" loading="lazy" />
        )}
        <figcaption>
          <button type="button" aria-pressed={revealed} onClick={() => setRevealed(!revealed)}>
            {revealed ? t("mediaHide") : t("mediaShow")} (u)
          </button>
        </figcaption>
      </figure>
    );
  },
);
