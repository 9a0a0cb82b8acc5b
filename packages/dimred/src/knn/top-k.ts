/**
 * A bounded max-heap keeping the k smallest (distance, index) pairs seen, ties broken by the smaller
 * index (so results are deterministic). Internal helper of the neighbour searches.
 */
export class TopK {
  /** Capacity k. */
  readonly k: number;
  /** Stored distances (heap order until {@link TopK.sortInto}). */
  readonly dist: Float64Array;
  /** Stored indices, paired with `dist`. */
  readonly idx: Int32Array;
  /** Number of stored pairs. */
  size = 0;

  /** @param k - capacity (≥ 1) */
  constructor(k: number) {
    this.k = k;
    this.dist = new Float64Array(k);
    this.idx = new Int32Array(k);
  }

  /** Empties the heap. */
  clear(): void {
    this.size = 0;
  }

  /** The distance a candidate must beat to enter (∞ while not full). */
  get bound(): number {
    return this.size < this.k ? Number.POSITIVE_INFINITY : this.dist[0]!;
  }

  private worse(a: number, b: number): boolean {
    const da = this.dist[a]!;
    const db = this.dist[b]!;
    return da > db || (da === db && this.idx[a]! > this.idx[b]!);
  }

  private swap(a: number, b: number): void {
    const d = this.dist[a]!;
    this.dist[a] = this.dist[b]!;
    this.dist[b] = d;
    const i = this.idx[a]!;
    this.idx[a] = this.idx[b]!;
    this.idx[b] = i;
  }

  /** Offers a candidate; returns whether it was kept. */
  push(d: number, i: number): boolean {
    if (this.size < this.k) {
      let c = this.size++;
      this.dist[c] = d;
      this.idx[c] = i;
      while (c > 0) {
        const p = (c - 1) >> 1;
        if (!this.worse(c, p)) break;
        this.swap(c, p);
        c = p;
      }
      return true;
    }
    const top = this.dist[0]!;
    if (d > top || (d === top && i >= this.idx[0]!)) return false;
    this.dist[0] = d;
    this.idx[0] = i;
    let c = 0;
    for (;;) {
      const l = 2 * c + 1;
      if (l >= this.k) break;
      const r = l + 1;
      const m = r < this.k && this.worse(r, l) ? r : l;
      if (!this.worse(m, c)) break;
      this.swap(m, c);
      c = m;
    }
    return true;
  }

  /** Writes the stored pairs sorted by (distance, index) into the outputs at `offset`. */
  sortInto(dOut: Float64Array, iOut: Int32Array, offset: number): void {
    const order = Array.from({ length: this.size }, (_, j) => j);
    order.sort((a, b) => this.dist[a]! - this.dist[b]! || this.idx[a]! - this.idx[b]!);
    for (let j = 0; j < order.length; j++) {
      dOut[offset + j] = this.dist[order[j]!]!;
      iOut[offset + j] = this.idx[order[j]!]!;
    }
  }
}
