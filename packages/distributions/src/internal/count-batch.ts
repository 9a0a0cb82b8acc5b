/**
 * Batch log-pmf for count data: values repeat, so log p(x) for small integer x (below min(n, 1024)) is
 * computed once and reused; other values are computed directly. Same numbers as calling `logPmf` on each.
 */
export function countBatch(xs: readonly number[], logPmf: (x: number) => number): Float64Array {
  const out = new Float64Array(xs.length);
  const memo = new Float64Array(Math.min(xs.length, 1024)).fill(Number.NaN);
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i]!;
    if (x >= 0 && x < memo.length && Number.isInteger(x)) {
      let v = memo[x]!;
      if (Number.isNaN(v)) memo[x] = v = logPmf(x);
      out[i] = v;
    } else out[i] = logPmf(x);
  }
  return out;
}
