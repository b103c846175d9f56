/**
 * The banks the matcher knows, each with a small number so that an entry can name its bank in a
 * few bits of a typed array instead of holding a string. Also keeps the largest threshold of the
 * enabled banks: the index is searched once at that distance and the hits filtered per bank.
 */
import { VigilError } from "../../core/index.js";
import { MIH_MAX_DISTANCE } from "../../hash/index.js";
import type { MatcherBank } from "./matcher-types.js";

export interface BankSlot {
  readonly number: number;
  bank: MatcherBank;
}

/** Bank numbers fit in 29 bits beside a 2-bit signal code and a +1 in a uint32. */
const MAX_BANK_NUMBER = 2 ** 29 - 1;

export class BankRegistry {
  readonly #byId = new Map<string, BankSlot>();
  readonly #byNumber = new Map<number, BankSlot>();
  #next = 0;
  #maxThreshold = -1;

  get size(): number {
    return this.#byId.size;
  }

  /** Largest threshold of an enabled bank; -1 when no bank is enabled. */
  get maxThreshold(): number {
    return this.#maxThreshold;
  }

  byId(id: string): BankSlot | undefined {
    return this.#byId.get(id);
  }

  byNumber(number: number): BankSlot | undefined {
    return this.#byNumber.get(number);
  }

  banks(): MatcherBank[] {
    return [...this.#byId.values()].map((slot) => slot.bank);
  }

  /** Adds a bank or updates it in place (its entries keep pointing at it). */
  set(bank: MatcherBank): BankSlot {
    const copy = checkBank(bank);
    let slot = this.#byId.get(copy.id);
    if (slot) {
      slot.bank = copy;
    } else {
      if (this.#next > MAX_BANK_NUMBER) throw new RangeError("Too many banks over this run.");
      slot = { number: this.#next++, bank: copy };
      this.#byId.set(copy.id, slot);
      this.#byNumber.set(slot.number, slot);
    }
    this.#refresh();
    return slot;
  }

  delete(id: string): BankSlot | undefined {
    const slot = this.#byId.get(id);
    if (!slot) return undefined;
    this.#byId.delete(id);
    this.#byNumber.delete(slot.number);
    this.#refresh();
    return slot;
  }

  #refresh(): void {
    let max = -1;
    for (const { bank } of this.#byId.values()) {
      if (bank.enabled && bank.matchThreshold > max) max = bank.matchThreshold;
    }
    this.#maxThreshold = max;
  }
}

/** A frozen, checked copy: the caller's object may change later without the matcher knowing. */
function checkBank(bank: MatcherBank): MatcherBank {
  const fail = (why: string): never => {
    throw new VigilError("engine/invalid-bank", `The bank cannot be used: ${why}.`);
  };
  if (typeof bank !== "object" || bank === null) fail("it is not an object");
  if (typeof bank.id !== "string" || bank.id === "") fail("its id is not a non-empty string");
  if (typeof bank.enabled !== "boolean") fail("enabled is not a boolean");
  const t = bank.matchThreshold;
  if (!Number.isInteger(t) || t < 0 || t > MIH_MAX_DISTANCE) {
    fail(`matchThreshold is not an integer from 0 to ${MIH_MAX_DISTANCE}`);
  }
  if (bank.action !== "block" && bank.action !== "review") fail("action is not block or review");
  if (!Array.isArray(bank.labels) || !bank.labels.every((l) => typeof l === "string")) {
    fail("labels is not a list of strings");
  }
  return Object.freeze({
    id: bank.id,
    enabled: bank.enabled,
    matchThreshold: t,
    action: bank.action,
    labels: Object.freeze([...bank.labels]),
  });
}
