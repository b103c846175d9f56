/**
 * The victim portal's cases. A person's hashes (never an image: the browser hashes) become
 * entries of the `victim-submissions` bank through the BankService, so the very next scan
 * matches them; the case is a random number and an 8-digit PIN shown once and kept as a slow
 * hash. Wrong PINs are counted per case: after 10 within an hour the case refuses every PIN
 * until the hour has passed, which bounds guessing to about 240 tries a day per case.
 */
import { randomBytes, randomInt } from "node:crypto";
import { VigilError } from "../../core/index.js";
import { BankService, PDQ_MIN_QUALITY, type BankMatcher } from "../matching/index.js";
import type { NewBankEntry, Store, VictimCase, VictimCaseSecret } from "../../store/index.js";
import { hashSecretSlowly, secretMatchesSlowHash, spendCheckTime } from "./passwords.js";

export const VICTIM_BANK_ID = "victim-submissions";
export const MAX_WRONG_PINS = 10;
const LOCK_WINDOW_MS = 60 * 60 * 1000;
const ACTOR = "victim-portal";
// Crockford's base32: no I, L, O, U to misread. 8 characters: 40 random bits.
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

export interface VictimHash {
  readonly pdq: string;
  readonly quality?: number;
  readonly md5?: string;
}

export interface NewVictimSubmission {
  readonly hashes: readonly VictimHash[];
  readonly labels?: readonly string[];
}

export interface VictimCaseStatusView {
  readonly caseNumber: string;
  readonly status: VictimCase["status"];
  readonly createdAt: string;
  readonly hashes: number;
  readonly blocked: number;
  readonly removed: number;
}

function randomCaseNumber(): string {
  const bytes = randomBytes(8);
  const chars = [...bytes].map((byte) => ALPHABET[byte & 31]!);
  return `VC-${chars.slice(0, 4).join("")}-${chars.slice(4).join("")}`;
}

function randomPin(): string {
  return String(randomInt(0, 100_000_000)).padStart(8, "0");
}

function badPin(): VigilError {
  return new VigilError("victim/bad-pin", "The case number or the PIN is wrong.");
}

export class VictimCaseService {
  private readonly banks: BankService;

  constructor(
    private readonly store: Store,
    matcher: BankMatcher,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.banks = new BankService(store, matcher);
  }

  async submit(
    input: NewVictimSubmission,
  ): Promise<{ caseNumber: string; pin: string; entries: number }> {
    const labels = input.labels && input.labels.length > 0 ? [...new Set(input.labels)] : ["ncii"];
    const entries = input.hashes.flatMap((hash, image): (NewBankEntry & { image: number })[] => [
      // A low-quality PDQ (a flat or tiny picture) would match unrelated images: its MD5 only.
      ...(hash.quality === undefined || hash.quality >= PDQ_MIN_QUALITY
        ? [{ signalType: "pdq" as const, value: hash.pdq, quality: hash.quality ?? null, image }]
        : []),
      ...(hash.md5 ? [{ signalType: "md5" as const, value: hash.md5, image }] : []),
    ]);
    if (entries.length === 0) {
      throw new VigilError(
        "request/invalid",
        "None of these images gives a hash precise enough to protect it (add the MD5).",
        { field: "hashes" },
      );
    }
    await this.ensureBank();
    const added = await this.banks.addEntries(
      VICTIM_BANK_ID,
      entries.map((entry) => ({
        signalType: entry.signalType,
        value: entry.value,
        quality: entry.quality ?? null,
        source: "victim",
        labels,
      })),
      ACTOR,
    );
    const pin = randomPin();
    const pinHash = await hashSecretSlowly(pin);
    const links = added.ids.map((entryId, i) => ({ entryId, image: entries[i]!.image }));
    // 40 random bits rarely collide; when they do, draw again.
    for (let attempt = 0; ; attempt++) {
      const caseNumber = randomCaseNumber();
      try {
        await this.store.victimCases.create({
          caseNumber,
          pinHash,
          images: input.hashes.length,
          entries: links,
        });
        return { caseNumber, pin, entries: new Set(added.ids).size };
      } catch (error) {
        if (attempt >= 4 || !(error instanceof VigilError) || error.code !== "store/conflict") {
          throw error;
        }
      }
    }
  }

  async status(caseNumber: string, pin: string): Promise<VictimCaseStatusView> {
    const found = await this.unlock(caseNumber, pin);
    const hits = await this.store.victimCases.hits(found.caseNumber);
    return {
      caseNumber: found.caseNumber,
      status: found.status,
      createdAt: found.createdAt,
      hashes: found.images,
      ...hits,
    };
  }

  /** Withdraws the case and, at once, its bank entries no other active case still holds. */
  async withdraw(
    caseNumber: string,
    pin: string,
  ): Promise<{ status: "withdrawn"; withdrawn: number }> {
    const found = await this.unlock(caseNumber, pin);
    const { releasedEntryIds } = await this.store.victimCases.withdraw(found.caseNumber);
    let withdrawn = 0;
    for (const entryId of releasedEntryIds) {
      try {
        const entry = await this.banks.withdraw(VICTIM_BANK_ID, entryId, ACTOR);
        if (entry.status === "withdrawn") withdrawn++;
      } catch (error) {
        // The bank or the entry was deleted meanwhile: nothing left to withdraw.
        if (!(error instanceof VigilError) || error.code !== "store/not-found") throw error;
      }
    }
    return { status: "withdrawn", withdrawn };
  }

  /** The case, when the PIN is right and the case is not locked; else 401 or 429. */
  private async unlock(caseNumber: string, pin: string): Promise<VictimCaseSecret> {
    const found = await this.store.victimCases.get(caseNumber);
    if (!found) {
      await spendCheckTime(pin);
      throw badPin();
    }
    const windowStart = new Date(this.clock().getTime() - LOCK_WINDOW_MS).toISOString();
    const inWindow = found.failedSince !== null && found.failedSince >= windowStart;
    if (inWindow && found.failedAttempts >= MAX_WRONG_PINS) {
      throw new VigilError(
        "victim/locked",
        "Too many wrong PINs for this case: try again in an hour.",
      );
    }
    if (!(await secretMatchesSlowHash(pin, found.pinHash))) {
      await this.store.victimCases.recordFailure(found.caseNumber, windowStart);
      throw badPin();
    }
    if (found.failedAttempts > 0) await this.store.victimCases.clearFailures(found.caseNumber);
    return found;
  }

  private async ensureBank(): Promise<void> {
    if (await this.store.banks.get(VICTIM_BANK_ID)) return;
    try {
      await this.banks.create(
        {
          id: VICTIM_BANK_ID,
          name: "Victim submissions",
          description: "Hashes people submitted through the victim portal to protect their images.",
          labels: ["ncii"],
          action: "block",
        },
        ACTOR,
      );
    } catch (error) {
      // Two first submissions at once: the other one created it.
      if (!(error instanceof VigilError) || error.code !== "store/conflict") throw error;
    }
  }
}
