import type { Store } from "../../store/index.js";
import { BankMatcher } from "./bank-matcher.js";

/** Every bank, then every active entry a page at a time (millions load without a full copy). */
export async function loadMatcher(store: Store): Promise<BankMatcher> {
  const matcher = new BankMatcher();
  for (const bank of await store.banks.list()) matcher.setBank(bank);
  await matcher.addEntryPages(store.entries.iterateActive({ pageSize: 50_000 }));
  return matcher;
}
