/**
 * Fixed-size neighbour lists for NN-descent: row i of an n × k table holds the k best candidates
 * found so far, sorted by increasing key, with a "new" flag per entry (Dong, Moses & Li 2011).
 * Internal to the knn folder.
 */
export interface NeighbourTable {
  /** Rows. */
  readonly n: number;
  /** Slots per row. */
  readonly k: number;
  /** n × k indices, −1 for an empty slot. */
  readonly indices: Int32Array;
  /** n × k keys (squared distances or random priorities), +∞ for an empty slot. */
  readonly keys: Float64Array;
  /** n × k flags: 1 when the entry has not yet taken part in a local join. */
  readonly flags: Uint8Array;
}

/** An empty table. */
export function createTable(n: number, k: number): NeighbourTable {
  return {
    n,
    k,
    indices: new Int32Array(n * k).fill(-1),
    keys: new Float64Array(n * k).fill(Number.POSITIVE_INFINITY),
    flags: new Uint8Array(n * k),
  };
}

/**
 * Inserts `j` with `key` into row `i` if it beats the row's worst entry and is not already present;
 * returns whether the row changed.
 */
export function tablePush(t: NeighbourTable, i: number, j: number, key: number, flag: number): boolean {
  const k = t.k;
  const base = i * k;
  const keys = t.keys;
  const idx = t.indices;
  if (!(key < keys[base + k - 1]!)) return false;
  for (let s = base; s < base + k; s++) if (idx[s] === j) return false;
  let s = base + k - 1;
  while (s > base && keys[s - 1]! > key) {
    keys[s] = keys[s - 1]!;
    idx[s] = idx[s - 1]!;
    t.flags[s] = t.flags[s - 1]!;
    s--;
  }
  keys[s] = key;
  idx[s] = j;
  t.flags[s] = flag;
  return true;
}

/**
 * Squared euclidean distance between rows a and b of the row-major `data` (dimension `dim`), abandoned
 * early (returning a value > `bound`) once the partial sum exceeds `bound`.
 */
export function sqDistBounded(data: Float64Array, dim: number, a: number, b: number, bound: number): number {
  let pa = a * dim;
  let pb = b * dim;
  const end = pa + dim;
  let s = 0;
  while (pa < end) {
    const stop = Math.min(end, pa + 64);
    const stop4 = stop - ((stop - pa) & 3);
    while (pa < stop4) {
      const d0 = data[pa]! - data[pb]!;
      const d1 = data[pa + 1]! - data[pb + 1]!;
      const d2 = data[pa + 2]! - data[pb + 2]!;
      const d3 = data[pa + 3]! - data[pb + 3]!;
      s += d0 * d0 + d1 * d1 + d2 * d2 + d3 * d3;
      pa += 4;
      pb += 4;
    }
    while (pa < stop) {
      const d = data[pa++]! - data[pb++]!;
      s += d * d;
    }
    if (s > bound) return s;
  }
  return s;
}
