/**
 * Compact-WY block reflectors (LAPACK dlarft / dlarfb): kb Householder reflectors H₀⋯H_{kb−1}
 * stored below the diagonal of a row-major buffer are combined into I − V T Vᵀ so that applying
 * them costs three GEMMs through the shared `matmul` kernel instead of kb rank-one passes.
 */
import { DenseMatrix } from '../core/dense-matrix.js';
import { matmul } from '../kernels/matmul.js';

/**
 * The kb×kb upper-triangular T with H_{k0}⋯H_{k0+kb−1} = I − V T Vᵀ, where reflector k0+i has
 * vᵢ[k0+i] = 1 and its tail in column k0+i of `v` (row stride nv) below row k0+i (internal).
 */
export function buildT(
  v: Float64Array,
  nv: number,
  m: number,
  k0: number,
  kb: number,
  tau: Float64Array,
): Float64Array {
  const t = new Float64Array(kb * kb);
  const z = new Float64Array(kb);
  for (let i = 0; i < kb; i++) {
    const ti = tau[k0 + i]!;
    t[i * kb + i] = ti;
    if (ti === 0 || i === 0) continue;
    // z = −τᵢ V[:, 0:i]ᵀ vᵢ, using vᵢ = 1 at row k0+i and 0 above it
    const ri = (k0 + i) * nv + k0;
    for (let p = 0; p < i; p++) z[p] = v[ri + p]!;
    for (let r = k0 + i + 1; r < m; r++) {
      const o = r * nv + k0;
      const vi = v[o + i]!;
      if (vi === 0) continue;
      for (let p = 0; p < i; p++) z[p]! += v[o + p]! * vi;
    }
    for (let p = 0; p < i; p++) {
      let s = 0;
      for (let q = p; q < i; q++) s += t[p * kb + q]! * z[q]!;
      t[p * kb + i] = -ti * s;
    }
  }
  return t;
}

/**
 * C[k0:m, c0:c1] ← (I − V T Vᵀ) C, or (I − V Tᵀ Vᵀ) C = Hᵀ C with `transpose`, in place on the
 * row-major buffer `c` (row stride nc) (internal).
 */
export function applyBlockReflector(
  v: Float64Array,
  nv: number,
  m: number,
  k0: number,
  kb: number,
  t: Float64Array,
  c: Float64Array,
  nc: number,
  c0: number,
  c1: number,
  transpose: boolean,
): void {
  const mr = m - k0;
  const width = c1 - c0;
  if (mr <= 0 || width <= 0 || kb === 0) return;
  const V = new DenseMatrix(mr, kb);
  for (let r = 0; r < mr; r++) {
    const o = (k0 + r) * nv + k0;
    for (let p = 0; p < kb && p <= r; p++) V.data[r * kb + p] = p === r ? 1 : v[o + p]!;
  }
  const C = new DenseMatrix(mr, width);
  for (let r = 0; r < mr; r++) C.data.set(c.subarray((k0 + r) * nc + c0, (k0 + r) * nc + c1), r * width);
  const T = new DenseMatrix(kb, kb, t);
  const W = matmul(transpose ? T.transpose() : T, matmul(V.transpose(), C));
  const upd = matmul(V, W).data;
  for (let r = 0; r < mr; r++) {
    const o = (k0 + r) * nc + c0;
    const u = r * width;
    for (let j = 0; j < width; j++) c[o + j]! -= upd[u + j]!;
  }
}
