/**
 * A sleep that can be cut short: idle consumers wake as soon as a job is enqueued in this
 * process or they are told to stop, instead of at the next poll.
 */
export class Wakeable {
  readonly #sleepers = new Set<() => void>();
  #pending = false;

  /** Resolves after `ms`, or at once when wake() was called while nobody slept. */
  sleep(ms: number): Promise<void> {
    if (this.#pending) {
      this.#pending = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.#sleepers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.#sleepers.add(done);
    });
  }

  /** Wakes every sleeper. */
  wake(): void {
    if (this.#sleepers.size === 0) this.#pending = true;
    for (const done of [...this.#sleepers]) done();
  }
}
