/** Neumaier-compensated sum of −f log f over the counts lo…hi inclusive (f = exp(logf)). */
export function entropySum(lo: number, hi: number, logf: (x: number) => number): number {
  let s = 0;
  let c = 0;
  for (let x = lo; x <= hi; x++) {
    const l = logf(x);
    const t = l === Number.NEGATIVE_INFINITY ? 0 : -Math.exp(l) * l;
    const u = s + t;
    c += Math.abs(s) >= Math.abs(t) ? s - u + t : t - u + s;
    s = u;
  }
  return s + c;
}
