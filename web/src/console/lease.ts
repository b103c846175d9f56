import { api } from "../api.js";

/**
 * Gives the held case back when the page goes away (tab closed, reload, another site): a
 * keepalive request outlives the page, so the case returns to the queue at once instead of
 * waiting out its lease. Returns the clean-up for a React effect.
 */
export function releaseOnLeave(heldCase: () => string | null): () => void {
  const onLeave = () => {
    const id = heldCase();
    if (!id) return;
    void api(`/v1/cases/${encodeURIComponent(id)}/release`, {
      method: "POST",
      keepalive: true,
    }).catch(() => {});
  };
  window.addEventListener("pagehide", onLeave);
  return () => window.removeEventListener("pagehide", onLeave);
}
