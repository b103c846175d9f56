/**
 * Aho–Corasick over the distinct pattern parts of a lexicon: one pass over a message's skeleton
 * finds every occurrence of every part, so the cost is the text's length plus what is found,
 * not the text's length once per pattern (thousands of parts, with their censored spellings).
 *
 * All edges sit in one Map keyed `node * alphabet + letter`, letters numbered by the parts'
 * alphabet (a few hundred code units): one small integer key per edge instead of a Map per node,
 * which made building the automaton for ~40,000 letters of parts the slow part of compiling.
 */
export class PartAutomaton {
  /** Code unit → its number in the parts' alphabet. */
  readonly #letter = new Map<number, number>();
  readonly #edges = new Map<number, number>();
  /** Each node's children, and the letter that leads to each node. */
  readonly #children: number[][] = [[]];
  readonly #via: number[] = [-1];
  readonly #fail: number[] = [0];
  /** Part ids that end at a node, and the nearest node down the fail chain that has some. */
  readonly #out: number[][] = [[]];
  readonly #dict: number[] = [-1];
  readonly #lengths: number[];
  readonly #alphabet: number;

  constructor(parts: readonly string[]) {
    this.#lengths = parts.map((p) => p.length);
    for (const part of parts) {
      for (let i = 0; i < part.length; i++) {
        const c = part.charCodeAt(i);
        if (!this.#letter.has(c)) this.#letter.set(c, this.#letter.size);
      }
    }
    this.#alphabet = Math.max(1, this.#letter.size);
    parts.forEach((part, id) => this.#insert(part, id));
    this.#link();
  }

  get size(): number {
    return this.#lengths.length;
  }

  #child(node: number, letter: number): number | undefined {
    return this.#edges.get(node * this.#alphabet + letter);
  }

  #insert(part: string, id: number): void {
    let node = 0;
    for (let i = 0; i < part.length; i++) {
      const letter = this.#letter.get(part.charCodeAt(i))!;
      let child = this.#child(node, letter);
      if (child === undefined) {
        child = this.#via.length;
        this.#edges.set(node * this.#alphabet + letter, child);
        this.#children[node]!.push(child);
        this.#children.push([]);
        this.#via.push(letter);
        this.#fail.push(0);
        this.#out.push([]);
        this.#dict.push(-1);
      }
      node = child;
    }
    this.#out[node]!.push(id);
  }

  #link(): void {
    const queue = [...this.#children[0]!];
    for (let head = 0; head < queue.length; head++) {
      const node = queue[head]!;
      for (const child of this.#children[node]!) {
        const letter = this.#via[child]!;
        let f = this.#fail[node]!;
        while (f !== 0 && this.#child(f, letter) === undefined) f = this.#fail[f]!;
        const target = this.#child(f, letter);
        this.#fail[child] = target !== undefined && target !== child ? target : 0;
        const fail = this.#fail[child]!;
        this.#dict[child] = this.#out[fail]!.length > 0 ? fail : this.#dict[fail]!;
        queue.push(child);
      }
    }
  }

  /**
   * Start offsets of the parts found in `codes`, ascending, keyed by part id. Sparse on purpose:
   * a message finds a handful of the thousands of parts.
   */
  occurrences(codes: string): Map<number, number[]> {
    const found = new Map<number, number[]>();
    let node = 0;
    for (let i = 0; i < codes.length; i++) {
      const letter = this.#letter.get(codes.charCodeAt(i));
      if (letter === undefined) {
        // A letter no part has: every match so far is broken.
        node = 0;
        continue;
      }
      let next = this.#child(node, letter);
      while (next === undefined && node !== 0) {
        node = this.#fail[node]!;
        next = this.#child(node, letter);
      }
      node = next ?? 0;
      for (
        let n = this.#out[node]!.length > 0 ? node : this.#dict[node]!;
        n > 0;
        n = this.#dict[n]!
      ) {
        for (const id of this.#out[n]!) {
          const start = i - this.#lengths[id]! + 1;
          const list = found.get(id);
          if (list) list.push(start);
          else found.set(id, [start]);
        }
      }
    }
    return found;
  }
}
