/**
 * Internal: scalar JS twin of the wasm `tridiagFused` kernel (see simd-kernels.wat): for rows
 * i ≥ r0 of the upper triangle, a[i][j] -= v[i]·w[j] + w[i]·v[j] (j ≥ i), and p2 += S·v2 with the
 * updated symmetric trailing matrix S. Two rows at a time to break dependency chains.
 */
export function tridiagFusedJs(
  a: Float64Array,
  n: number,
  r0: number,
  v: Float64Array,
  w: Float64Array,
  v2: Float64Array,
  p2: Float64Array,
): void {
  for (let i = r0; i < n; i++) {
    const vi = v[i]!;
    const wi = w[i]!;
    const v2i = v2[i]!;
    let o = i * n + i;
    const s = a[o]! - 2 * vi * wi;
    a[o] = s;
    let dot0 = s * v2i;
    let dot1 = 0;
    o++;
    let j = i + 1;
    for (; j + 1 < n; j += 2, o += 2) {
      const x0 = a[o]! - vi * w[j]! - wi * v[j]!;
      const x1 = a[o + 1]! - vi * w[j + 1]! - wi * v[j + 1]!;
      a[o] = x0;
      a[o + 1] = x1;
      dot0 += x0 * v2[j]!;
      dot1 += x1 * v2[j + 1]!;
      p2[j]! += x0 * v2i;
      p2[j + 1]! += x1 * v2i;
    }
    if (j < n) {
      const x0 = a[o]! - vi * w[j]! - wi * v[j]!;
      a[o] = x0;
      dot0 += x0 * v2[j]!;
      p2[j]! += x0 * v2i;
    }
    p2[i]! += dot0 + dot1;
  }
}
