import type { CliIo } from "../io.js";
import { openConfiguredStore } from "../open-store.js";

/**
 * `vigil audit verify`: recomputes the audit hash chain (docs/AUDIT.md). Exit 0 when intact,
 * 1 when broken, so a cron job or a monitor can alert on it; the head hash it prints is what
 * to publish or keep elsewhere.
 */
export async function runAuditVerify(
  options: { readonly data?: string },
  io: CliIo,
): Promise<number> {
  const store = await openConfiguredStore(options.data);
  try {
    const result = await store.audit.verify();
    if (result.ok) {
      io.stdout(`audit chain intact: ${result.events} events, head ${result.head}\n`);
      return 0;
    }
    io.stdout(`audit chain broken at event ${result.brokenAt}: ${result.reason}\n`);
    return 1;
  } finally {
    await store.close();
  }
}
