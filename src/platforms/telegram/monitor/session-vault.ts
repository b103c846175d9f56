/**
 * Where the sealed session lives is the store's business (phase 2: a row beside the watch list);
 * the vault is the only code that sees it open. The port stores envelopes only, so no backend,
 * log or backup ever holds the session in the clear.
 */
import { openSession, sealSession } from "./session-crypto.js";

/** The analyst account a session belongs to: what the console may show. Never the phone number. */
export interface SignedInAccount {
  readonly id: string;
  readonly username: string | null;
}

export interface SessionSecretStore {
  /** The sealed envelope, or null before the first sign-in. */
  load(): Promise<{ readonly envelope: string; readonly account: SignedInAccount } | null>;
  save(envelope: string, account: SignedInAccount): Promise<void>;
  /** After a revoked session: the next start asks for `vigil monitor login`. */
  clear(): Promise<void>;
}

export class SessionVault {
  constructor(
    private readonly store: SessionSecretStore,
    private readonly key: string,
  ) {}

  /** The open session string, or null when nobody has signed in yet. */
  async read(): Promise<string | null> {
    const found = await this.store.load();
    return found ? openSession(found.envelope, this.key) : null;
  }

  async account(): Promise<SignedInAccount | null> {
    return (await this.store.load())?.account ?? null;
  }

  async write(session: string, account: SignedInAccount): Promise<void> {
    await this.store.save(sealSession(session, this.key), account);
  }

  clear(): Promise<void> {
    return this.store.clear();
  }
}
