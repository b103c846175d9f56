/**
 * Aho–Corasick over the distinct pattern parts of a lexicon: one pass over a message's skeleton
 * finds every occurrence of every part, so the cost is the text's length plus what is found,
 * not the text's length once per pattern (about 600 patterns and cues).
 */
export class PartAutomaton {
  readonly #next: Map<number, number>[] = [new Map()];
  readonly #fail: number[] = [0];
  /** Part ids that end at a node, and the nearest node down the fail chain that has some. */
  readonly #out: number[][] = [[]];
  readonly #dict: number[] = [-1];
  readonly #lengths: number[];

  constructor(parts: readonly string[]) {
    this.#lengths = parts.map((p) => p.length);
    parts.forEach((part, id) => this.#insert(part, id));
    this.#link();
  }

  get size(): number {
    return this.#lengths.length;
  }

  #insert(part: string, id: number): void {
    let node = 0;
    for (let i = 0; i < part.length; i++) {
      const c = part.charCodeAt(i);
      let child = this.#next[node]!.get(c);
      if (child === undefined) {
        child = this.#next.length;
        this.#next.push(new Map());
        this.#fail.push(0);
        this.#out.push([]);
        this.#dict.push(-1);
        this.#next[node]!.set(c, child);
      }
      node = child;
    }
    this.#out[node]!.push(id);
  }

  #link(): void {
    const queue: number[] = [];
    for (const child of this.#next[0]!.values()) queue.push(child);
    for (let head = 0; head < queue.length; head++) {
      const node = queue[head]!;
      for (const [c, child] of this.#next[node]!) {
        let f = this.#fail[node]!;
        while (f !== 0 && !this.#next[f]!.has(c)) f = this.#fail[f]!;
        const target = this.#next[f]!.get(c);
        this.#fail[child] = target !== undefined && target !== child ? target : 0;
        const fail = this.#fail[child]!;
        this.#dict[child] = this.#out[fail]!.length > 0 ? fail : this.#dict[fail]!;
        queue.push(child);
      }
    }
  }

  /** Start offsets of each part in `codes`, ascending, indexed by part id. */
  occurrences(codes: string): number[][] {
    const found: number[][] = this.#lengths.map(() => []);
    let node = 0;
    for (let i = 0; i < codes.length; i++) {
      const c = codes.charCodeAt(i);
      while (node !== 0 && !this.#next[node]!.has(c)) node = this.#fail[node]!;
      node = this.#next[node]!.get(c) ?? 0;
      for (
        let n = this.#out[node]!.length > 0 ? node : this.#dict[node]!;
        n > 0;
        n = this.#dict[n]!
      ) {
        for (const id of this.#out[n]!) found[id]!.push(i - this.#lengths[id]! + 1);
      }
    }
    return found;
  }
}
