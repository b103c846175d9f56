import { VigilError } from "../../core/index.js";
import type { BankMatcher } from "./bank-matcher.js";
import type {
  Bank,
  BankEntry,
  BankPatch,
  NewBank,
  NewBankEntry,
  SignalType,
  Store,
} from "../../store/index.js";
import type { JsonObject } from "../../core/index.js";

/**
 * Every change to banks goes through here: first the store (the truth), then the in-memory
 * matcher, at once — so a withdrawn hash stops matching with the very next scan, with no periodic
 * rebuild — and an audit event naming who did it.
 */
export class BankService {
  constructor(
    private readonly store: Store,
    private readonly matcher: BankMatcher,
  ) {}

  async create(input: NewBank, actor: string): Promise<Bank> {
    const bank = await this.store.banks.create(input);
    this.matcher.setBank(bank);
    await this.audit(actor, "bank.create", bank.id, { name: bank.name });
    return bank;
  }

  async update(id: string, patch: BankPatch, actor: string): Promise<Bank> {
    const bank = await this.store.banks.update(id, patch);
    this.matcher.setBank(bank);
    await this.audit(actor, "bank.update", id, { fields: Object.keys(patch) });
    return bank;
  }

  async delete(id: string, actor: string): Promise<number> {
    const { deletedEntries } = await this.store.banks.delete(id);
    this.matcher.removeBank(id);
    await this.audit(actor, "bank.delete", id, { deletedEntries });
    return deletedEntries;
  }

  async get(id: string): Promise<Bank> {
    const bank = await this.store.banks.get(id);
    if (!bank) throw new VigilError("store/not-found", `There is no bank \`${id}\`.`);
    return bank;
  }

  /** Adds entries in one transaction; values already active in the bank are not added twice. */
  async addEntries(
    bankId: string,
    entries: readonly NewBankEntry[],
    actor: string,
  ): Promise<{ ids: readonly number[]; added: number; duplicates: number }> {
    const result = await this.store.entries.addMany(bankId, entries);
    entries.forEach((entry, i) => {
      const id = result.ids[i]!;
      if (this.matcher.hasEntry(id)) return;
      this.matcher.addEntry({
        id,
        bankId,
        signalType: entry.signalType,
        value: entry.value,
        quality: entry.quality ?? null,
        labels: entry.labels ?? [],
      });
    });
    if (result.added > 0) {
      await this.audit(actor, "entry.add", bankId, {
        added: result.added,
        duplicates: result.duplicates,
      });
    }
    return result;
  }

  async withdraw(bankId: string, entryId: number, actor: string): Promise<BankEntry> {
    const existing = await this.store.entries.get(entryId);
    if (!existing || existing.bankId !== bankId) {
      throw new VigilError("store/not-found", `Bank \`${bankId}\` has no entry ${entryId}.`);
    }
    const entry = await this.store.entries.withdraw(entryId);
    this.matcher.removeEntry(entryId);
    await this.audit(actor, "entry.withdraw", bankId, { entryId });
    return entry;
  }

  /** Withdraws the active entry holding this value, if any (imports of withdrawn records). */
  async withdrawValue(
    bankId: string,
    signalType: SignalType,
    value: string,
    actor: string,
  ): Promise<BankEntry | null> {
    const entry = await this.store.entries.withdrawValue(bankId, signalType, value);
    if (entry) {
      this.matcher.removeEntry(entry.id);
      await this.audit(actor, "entry.withdraw", bankId, { entryId: entry.id });
    }
    return entry;
  }

  private async audit(actor: string, action: string, bankId: string, details: JsonObject) {
    await this.store.audit.append({
      actor,
      action,
      subjectType: "bank",
      subjectId: bankId,
      details,
    });
  }
}
