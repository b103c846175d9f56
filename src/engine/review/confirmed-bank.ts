/**
 * The confirmed bank: where a moderator's confirmed NCII or deepfake decision puts the content's
 * hashes, so a re-upload is blocked on every scan. It goes through BankService, so the matcher
 * follows at once and every entry change is in the audit log, as for any other bank.
 */
import { VigilError } from "../../core/index.js";
import type { Store } from "../../store/index.js";
import type { BankService } from "../matching/index.js";
import type { ConfirmedHash, ConfirmedHashes } from "./review-types.js";

export class ConfirmedBank implements ConfirmedHashes {
  constructor(
    private readonly store: Store,
    private readonly banks: BankService,
    private readonly bankId: string,
  ) {}

  async add(input: {
    caseId: string;
    reason: string;
    hashes: readonly ConfirmedHash[];
  }): Promise<number[]> {
    await this.ensureBank(input.reason);
    const result = await this.banks.addEntries(
      this.bankId,
      input.hashes.map((hash) => ({
        signalType: hash.signalType,
        value: hash.value,
        quality: hash.quality ?? null,
        source: "review",
        labels: [input.reason],
        caseNumbers: [input.caseId],
      })),
      `review:case:${input.caseId}`,
    );
    return [...new Set(result.ids)];
  }

  /**
   * Withdraws only entries this case created: a value another case confirmed first was returned
   * as that case's entry (adding an active value again does not add it), and stays.
   */
  async withdraw(entryIds: readonly number[], caseId: string): Promise<void> {
    for (const id of entryIds) {
      const entry = await this.store.entries.get(id);
      if (!entry || entry.bankId !== this.bankId || entry.status !== "active") continue;
      if (!entry.caseNumbers.includes(caseId)) continue;
      await this.banks.withdraw(this.bankId, id, `review:case:${caseId}`);
    }
  }

  /** Created on first use, blocking, labelled with the first confirming reason. */
  private async ensureBank(reason: string): Promise<void> {
    if (await this.store.banks.get(this.bankId)) return;
    try {
      await this.banks.create(
        {
          id: this.bankId,
          name: "Confirmed by review",
          description: "Hashes of content moderators confirmed as NCII or a sexual deepfake.",
          labels: [reason],
          action: "block",
        },
        "system",
      );
    } catch (error) {
      // Another decision created it a moment ago: that one is as good.
      if (!(error instanceof VigilError && error.code === "store/conflict")) throw error;
    }
  }
}
