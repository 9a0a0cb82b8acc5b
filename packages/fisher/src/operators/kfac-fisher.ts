import { DenseMatrix, InvalidArgumentError, kronMv, type MatrixInput } from '@infogeom/linalg';
import type { FisherOperator } from './fisher-operator.js';
import {
  factorEigen,
  fromEigenbasis,
  kronDense,
  kroneckerTopEigen,
  squareFactor,
  toEigenbasis,
} from './kronecker-eigen.js';
import { checkDamping, checkLength, dampedLogdet, dampedReciprocals, outVec } from './spectral.js';

/** How {@link KfacFisher.solve} damps the Kronecker product. */
export type KfacDamping = 'exact' | 'factored';

/** Options of {@link kfacFisher}. */
export interface KfacFisherOptions {
  /**
   * 'exact' (default): `solve` returns (G ⊗ A + λI)⁻¹b; 'factored': the π-adjusted factored damping
   * of Martens & Grosse (2015, §6.3), see {@link KfacFisher.solveFactored}.
   */
  damping?: KfacDamping;
}

/** A K-FAC block ({@link kfacFisher}). */
export interface KfacFisher extends FisherOperator {
  /** Always 'kfac'. */
  readonly kind: 'kfac';
  /** Activation factor A = E[ā āᵀ] ((in+1)×(in+1) with a bias). */
  readonly A: DenseMatrix;
  /** Gradient factor G = E[g gᵀ] (out×out), g the gradient w.r.t. the pre-activations. */
  readonly G: DenseMatrix;
  /** Eigenvectors of A as columns. */
  readonly UA: DenseMatrix;
  /** Eigenvectors of G as columns. */
  readonly UG: DenseMatrix;
  /** Eigenvalues of G ⊗ A: gᵒ·aⁱ at index o·dim(A) + i (not sorted). */
  readonly eigenvalues: Float64Array;
  /** π = √((tr A / dim A) / (tr G / dim G)) of the factored damping (1 when a trace is 0). */
  readonly pi: number;
  /**
   * x = [(G + (√λ/π) I) ⊗ (A + π√λ I)]⁻¹ b: the π-adjusted factored Tikhonov damping of Martens &
   * Grosse (§6.3), which approximates (G ⊗ A + λI)⁻¹ and keeps the Kronecker structure.
   * @param b - right-hand side of length dim
   * @param damping - λ ≥ 0
   */
  solveFactored(b: Float64Array, damping: number): Float64Array;
}

/**
 * The K-FAC approximation of one dense layer's Fisher block (Martens & Grosse 2015), F ≈ G ⊗ A.
 *
 * Parameter convention: the layer z = W ā has weight W (out×in') with in' = in + 1 when the bias is
 * the last column (homogeneous coordinate ā = [a; 1]). Parameters are the row-major vec of W,
 * θ[o·in' + i] = W[o, i]. A per-example gradient g āᵀ then has vec g ⊗ ā, so
 * E[(g ⊗ ā)(g ⊗ ā)ᵀ] = E[ggᵀ ⊗ āāᵀ] ≈ E[ggᵀ] ⊗ E[āāᵀ] = G ⊗ A — with linalg's row-major
 * `kronMv(G, A, v)` convention (note the order: G first). `mv` is `kronMv`; `solve`, `logdet` and
 * `topEigen` are exact through the eigendecompositions A = U_A Λ_A U_Aᵀ, G = U_G Λ_G U_Gᵀ (the
 * eigenvalues of G ⊗ A are the products); tr = tr G · tr A; diag = diag(G) ⊗ diag(A).
 * @param A - symmetric PSD activation factor (in'×in'), e.g. from {@link kfacFactors}
 * @param G - symmetric PSD pre-activation-gradient factor (out×out)
 * @param options - which damping `solve` uses
 * @throws NotPositiveDefiniteError naming `A` or `G` when a factor is indefinite
 * @example
 * ```ts
 * import { kfacFisher } from '@infogeom/fisher';
 *
 * const F = kfacFisher([[2, 0], [0, 1]], [[3]]); // A is in'×in' = 2×2, G is out×out = 1×1
 * console.log(F.trace()); // tr A · tr G
 * console.log(F.logdet().toFixed(12), Math.log(6 * 3).toFixed(12)); // eigenvalues 2·3 and 1·3
 * console.log(Array.from(F.mv(Float64Array.of(1, 1)))); // (G ⊗ A)v
 * ```
 *
 * ```txt [output]
 * 9
 * 2.890371757896 2.890371757896
 * [ 6, 3 ]
 * ```
 */
export function kfacFisher(A: MatrixInput, G: MatrixInput, options: KfacFisherOptions = {}): KfacFisher {
  const mode = options.damping ?? 'exact';
  if (mode !== 'exact' && mode !== 'factored')
    throw new InvalidArgumentError('options.damping', mode, "'exact' or 'factored'");
  const a = squareFactor(A, 'A').clone();
  const g = squareFactor(G, 'G').clone();
  const ea = factorEigen(a, 'A');
  const eg = factorEigen(g, 'G');
  const p = a.rows;
  const q = g.rows;
  const n = p * q;
  const UA = ea.vectors;
  const UG = eg.vectors;
  const UAt = UA.transpose();
  const UGt = UG.transpose();
  const values = new Float64Array(n);
  for (let o = 0; o < q; o++) for (let i = 0; i < p; i++) values[o * p + i] = eg.values[o]! * ea.values[i]!;
  const trA = a.diag().reduce((s, x) => s + x, 0);
  const trG = g.diag().reduce((s, x) => s + x, 0);
  const pi = trA > 0 && trG > 0 ? Math.sqrt(trA / p / (trG / q)) : 1;
  const scaled = (b: Float64Array, r: Float64Array): Float64Array => {
    const z = toEigenbasis(UGt, UAt, b);
    for (let t = 0; t < n; t++) z[t]! *= r[t]!;
    return fromEigenbasis(UG, UA, z);
  };
  const exact = (b: Float64Array, damping: number): Float64Array => {
    checkLength(b, n, 'b');
    return scaled(b, dampedReciprocals(values, damping));
  };
  const factored = (b: Float64Array, damping: number): Float64Array => {
    checkLength(b, n, 'b');
    const s = Math.sqrt(checkDamping(damping));
    const fv = new Float64Array(n);
    for (let o = 0; o < q; o++)
      for (let i = 0; i < p; i++) fv[o * p + i] = (eg.values[o]! + s / pi) * (ea.values[i]! + pi * s);
    return scaled(b, dampedReciprocals(fv, 0));
  };
  return {
    kind: 'kfac',
    dim: n,
    shape: [n, n] as const,
    symmetric: true,
    A: a,
    G: g,
    UA,
    UG,
    eigenvalues: values,
    pi,
    mv(v, out) {
      checkLength(v, n, 'v');
      return kronMv(g, a, v, outVec(n, out));
    },
    solve: mode === 'exact' ? exact : factored,
    solveFactored: factored,
    trace: () => trA * trG,
    logdet: (damping = 0) => dampedLogdet(values, damping),
    diag() {
      const da = a.diag();
      const dg = g.diag();
      const d = new Float64Array(n);
      for (let o = 0; o < q; o++) for (let i = 0; i < p; i++) d[o * p + i] = dg[o]! * da[i]!;
      return d;
    },
    topEigen: (k) => kroneckerTopEigen(UG, UA, values, k),
    toDense: () => kronDense(g, a, new DenseMatrix(n, n)),
  };
}
