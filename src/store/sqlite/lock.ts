/**
 * One SQLite connection runs one transaction at a time, but the store's methods are async: a
 * transaction that awaits between statements would let another call's statements slip into it.
 * So every operation waits its turn on a lock. Connections to the same file in one process share
 * the lock too — otherwise one would block the thread in busy_timeout while the other, holding
 * the write lock, waits for that same thread.
 */

export class Lock {
  #tail: Promise<unknown> = Promise.resolve();

  run<T>(work: () => T | Promise<T>): Promise<T> {
    const result = this.#tail.then(work);
    // The next caller waits for this one to settle, whether it succeeded or not.
    this.#tail = result.catch(() => undefined);
    return result;
  }
}

const sharedLocks = new Map<string, { readonly lock: Lock; users: number }>();

/** The lock for a database file (resolved path), shared while any connection to it is open. */
export function acquireFileLock(path: string): { readonly lock: Lock; release(): void } {
  let shared = sharedLocks.get(path);
  if (!shared) {
    shared = { lock: new Lock(), users: 0 };
    sharedLocks.set(path, shared);
  }
  shared.users++;
  const entry = shared;
  let released = false;
  return {
    lock: entry.lock,
    release() {
      if (released) return;
      released = true;
      if (--entry.users === 0) sharedLocks.delete(path);
    },
  };
}
