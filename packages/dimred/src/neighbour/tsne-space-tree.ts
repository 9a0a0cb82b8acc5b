/**
 * A 2^d-ary space-partitioning tree (quadtree for d = 2, octree for d = 3) over embedding points, with
 * the count, centre of mass and side length of every cell: the structure Barnes–Hut t-SNE summarises
 * far cells with (van der Maaten 2014). Built in O(n log n) by partitioning index arrays; leaves hold
 * one point, or several when they coincide (depth limit 48).
 */
export interface SpaceTree {
  /** Dimension. */
  readonly dim: number;
  /** Number of cells. */
  readonly size: number;
  /** Points per cell. */
  readonly count: Int32Array;
  /** Centre of mass per cell (size × dim). */
  readonly com: Float64Array;
  /** Squared largest side length per cell. */
  readonly width2: Float64Array;
  /** First child cell, −1 for a leaf. */
  readonly firstChild: Int32Array;
  /** Children per internal cell: consecutive cells firstChild … firstChild + nChildren − 1. */
  readonly nChildren: Int32Array;
  /** Leaf point ranges in {@link SpaceTree.order}: start. */
  readonly start: Int32Array;
  /** Point indices grouped by leaf. */
  readonly order: Int32Array;
}

const MAX_DEPTH = 48;

/** Builds the tree of the n points Y (n × dim, row-major). */
export function buildSpaceTree(Y: Float64Array, dim: number): SpaceTree {
  const n = Y.length / dim;
  const cap = Math.max(16, 4 * n + 8);
  let count = new Int32Array(cap);
  let com = new Float64Array(cap * dim);
  let width2 = new Float64Array(cap);
  let firstChild = new Int32Array(cap).fill(-1);
  let nChildren = new Int32Array(cap);
  let start = new Int32Array(cap);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const lo = new Float64Array(dim).fill(Number.POSITIVE_INFINITY);
  const hi = new Float64Array(dim).fill(Number.NEGATIVE_INFINITY);
  for (let i = 0; i < n; i++)
    for (let d = 0; d < dim; d++) {
      lo[d] = Math.min(lo[d]!, Y[i * dim + d]!);
      hi[d] = Math.max(hi[d]!, Y[i * dim + d]!);
    }
  let side = 0;
  for (let d = 0; d < dim; d++) side = Math.max(side, hi[d]! - lo[d]!);
  side = side * (1 + 1e-9) + 1e-12;
  // cell bounds: a corner and a side per cell, kept on a work stack
  let size = 1;
  const corner: number[] = [];
  for (let d = 0; d < dim; d++) corner.push(lo[d]!);
  const stack: { cell: number; from: number; to: number; corner: number[]; side: number; depth: number }[] = [
    { cell: 0, from: 0, to: n, corner, side, depth: 0 },
  ];
  const nc = 1 << dim;
  const bucket = new Int32Array(nc + 1);
  const tmp = new Int32Array(n);
  const code = new Int32Array(n);
  const ensure = (need: number): void => {
    if (need <= count.length) return;
    const grow = Math.max(need, 2 * count.length);
    const g32 = (a: Int32Array, fill = 0): Int32Array<ArrayBuffer> => {
      const b = new Int32Array(grow).fill(fill);
      b.set(a);
      return b;
    };
    count = g32(count);
    firstChild = g32(firstChild, -1);
    nChildren = g32(nChildren);
    start = g32(start);
    const w = new Float64Array(grow);
    w.set(width2);
    width2 = w;
    const c = new Float64Array(grow * dim);
    c.set(com);
    com = c;
  };
  while (stack.length > 0) {
    const job = stack.pop()!;
    const { cell, from, to } = job;
    count[cell] = to - from;
    width2[cell] = job.side * job.side;
    start[cell] = from;
    for (let d = 0; d < dim; d++) {
      let s = 0;
      for (let t = from; t < to; t++) s += Y[order[t]! * dim + d]!;
      com[cell * dim + d] = to > from ? s / (to - from) : 0;
    }
    if (to - from <= 1 || job.depth >= MAX_DEPTH) continue;
    const half = job.side / 2;
    bucket.fill(0);
    for (let t = from; t < to; t++) {
      const i = order[t]!;
      let c = 0;
      for (let d = 0; d < dim; d++) if (Y[i * dim + d]! >= job.corner[d]! + half) c |= 1 << d;
      code[t] = c;
      bucket[c + 1]!++;
    }
    for (let c = 0; c < nc; c++) bucket[c + 1]! += bucket[c]!;
    for (let t = from; t < to; t++) tmp[from + bucket[code[t]!]!++] = order[t]!;
    order.set(tmp.subarray(from, to), from);
    // bucket[c] now holds the end of child c; recover starts
    ensure(size + nc);
    firstChild[cell] = size;
    nChildren[cell] = nc;
    let s0 = from;
    for (let c = 0; c < nc; c++) {
      const s1 = from + bucket[c]!;
      const child = size + c;
      const childCorner = job.corner.map((v, d) => ((c >> d) & 1 ? v + half : v));
      if (s1 > s0)
        stack.push({ cell: child, from: s0, to: s1, corner: childCorner, side: half, depth: job.depth + 1 });
      else {
        count[child] = 0;
        start[child] = s0;
      }
      s0 = s1;
    }
    size += nc;
  }
  return { dim, size, count, com, width2, firstChild, nChildren, start, order };
}
