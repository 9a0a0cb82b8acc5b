import { SingularMatrixError } from '@infogeom/linalg';
import type { Decoder, OutputFamily } from '../decoders/decoder.js';
import { blockInverse, blockMatmul, blockMatvec } from './small-blocks.js';

/**
 * The decoded polyline energy of P curves of N nodes each (internal to `polylineGeodesic`):
 * E = ½ (N − 1) Σᵢ d²(θ(zᵢ), θ(zᵢ₊₁)) with the Fisher chord d² = Δθᵀ I(θ̄) Δθ at the midpoint θ̄ (exact
 * for a constant Fisher information, e.g. ‖Δμ‖²/σ² for a Gaussian with fixed σ), its gradient in the
 * interior nodes, and the chords.
 */
export interface PolylineEvaluation {
  /** Energy per curve. */
  energy: Float64Array;
  /** Chord lengths d(θᵢ, θᵢ₊₁) per curve, P×(N−1). */
  chords: Float64Array;
  /** ∇E per curve with respect to its interior nodes, P×(N−2)×d (NaN-free; a curve outside the domain has energy +∞). */
  gradient: Float64Array;
  /** θ at all nodes, P×N×D. */
  theta: Float64Array;
  /** The cotangents uⱼ = ∂E/∂θⱼ at the interior nodes, P×(N−2)×D (∇E = Jᵀu). */
  cotangents: Float64Array;
}

/** θ at n codes, one batched decoder call when available. Internal. */
export function decodeAll(dec: Decoder, Z: Float64Array, n: number): Float64Array {
  if (dec.decodeBatch !== undefined) return dec.decodeBatch(Z, n);
  const d = dec.latentDimension;
  const D = dec.outputDimension;
  const out = new Float64Array(n * D);
  for (let i = 0; i < n; i++) out.set(dec.decode(Z.subarray(i * d, (i + 1) * d)), i * D);
  return out;
}

/** J(zᵢ)ᵀuᵢ at n codes, one batched decoder call when available. Internal. */
export function vjpAll(dec: Decoder, Z: Float64Array, U: Float64Array, n: number): Float64Array {
  if (dec.vjpBatch !== undefined) return dec.vjpBatch(Z, U, n);
  const d = dec.latentDimension;
  const D = dec.outputDimension;
  const out = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    const z = Z.subarray(i * d, (i + 1) * d);
    const u = U.subarray(i * D, (i + 1) * D);
    if (dec.vjp !== undefined) out.set(dec.vjp(z, u), i * d);
    else {
      const J = dec.jacobian(z);
      for (let k = 0; k < D; k++) for (let j = 0; j < d; j++) out[i * d + j]! += J[k * d + j]! * u[k]!;
    }
  }
  return out;
}

/** J at n codes (n×D×d), one batched decoder call when available. Internal. */
export function jacobianAll(dec: Decoder, Z: Float64Array, n: number): Float64Array {
  if (dec.jacobianBatch !== undefined) return dec.jacobianBatch(Z, n);
  const d = dec.latentDimension;
  const D = dec.outputDimension;
  const out = new Float64Array(n * D * d);
  for (let i = 0; i < n; i++) out.set(dec.jacobian(Z.subarray(i * d, (i + 1) * d)), i * D * d);
  return out;
}

/**
 * The curvature blocks Mⱼ = ∇²_z (uⱼᵀ θ)(zⱼ) (n×d×d) at n codes: the part of the energy Hessian the
 * Gauss–Newton matrix lacks (the decoder's second derivatives weighted by the cotangents, which carries the
 * curvature term of the second variation). One batched call of d·n rows: exact second-order products when
 * the decoder has them, otherwise central differences of VJPs. Internal.
 */
export function curvatureBlocks(dec: Decoder, Z: Float64Array, U: Float64Array, n: number): Float64Array {
  const d = dec.latentDimension;
  const D = dec.outputDimension;
  const out = new Float64Array(n * d * d);
  if (dec.secondOrderBatch !== undefined || dec.secondOrder !== undefined) {
    const Zs = new Float64Array(d * n * d);
    const Us = new Float64Array(d * n * D);
    const Vs = new Float64Array(d * n * d);
    for (let a = 0; a < d; a++) {
      Zs.set(Z, a * n * d);
      Us.set(U, a * n * D);
      for (let j = 0; j < n; j++) Vs[(a * n + j) * d + a] = 1;
    }
    let R: Float64Array;
    if (dec.secondOrderBatch !== undefined) R = dec.secondOrderBatch(Zs, Us, Vs, d * n);
    else {
      R = new Float64Array(d * n * d);
      for (let r = 0; r < d * n; r++) {
        const z = Zs.subarray(r * d, (r + 1) * d);
        R.set(dec.secondOrder!(z, Us.subarray(r * D, (r + 1) * D), Vs.subarray(r * d, (r + 1) * d)), r * d);
      }
    }
    for (let a = 0; a < d; a++)
      for (let j = 0; j < n; j++)
        for (let b = 0; b < d; b++) out[(j * d + a) * d + b] = R[(a * n + j) * d + b]!;
  } else {
    const Zs = new Float64Array(2 * d * n * d);
    const Us = new Float64Array(2 * d * n * D);
    const eps: number[] = [];
    for (let a = 0; a < d; a++) {
      let m = 1;
      for (let j = 0; j < n; j++) m = Math.max(m, Math.abs(Z[j * d + a]!));
      eps.push(1e-5 * m);
      for (let sgn = 0; sgn < 2; sgn++) {
        const o = (2 * a + sgn) * n;
        Zs.set(Z, o * d);
        Us.set(U, o * D);
        for (let j = 0; j < n; j++) Zs[(o + j) * d + a]! += sgn === 0 ? eps[a]! : -eps[a]!;
      }
    }
    const R = vjpAll(dec, Zs, Us, 2 * d * n);
    for (let a = 0; a < d; a++)
      for (let j = 0; j < n; j++)
        for (let b = 0; b < d; b++)
          out[(j * d + a) * d + b] =
            (R[(2 * a * n + j) * d + b]! - R[((2 * a + 1) * n + j) * d + b]!) / (2 * eps[a]!);
  }
  // Symmetrise.
  for (let j = 0; j < n; j++)
    for (let a = 0; a < d; a++)
      for (let b = a + 1; b < d; b++) {
        const m = 0.5 * (out[(j * d + a) * d + b]! + out[(j * d + b) * d + a]!);
        out[(j * d + a) * d + b] = m;
        out[(j * d + b) * d + a] = m;
      }
  return out;
}

/**
 * Evaluates the polyline energy of P curves (nodes `Y`, P×N×d) with one decode of all P·N nodes and one
 * VJP of all P·(N−2) interior nodes. Internal.
 */
export function polylineEnergy(
  dec: Decoder,
  output: OutputFamily,
  Y: Float64Array,
  P: number,
  N: number,
): PolylineEvaluation {
  const d = dec.latentDimension;
  const D = dec.outputDimension;
  const theta = decodeAll(dec, Y, P * N);
  const energy = new Float64Array(P);
  const chords = new Float64Array(P * (N - 1));
  const U = new Float64Array(P * (N - 2) * D);
  const c = 0.5 * (N - 1);
  const delta = new Float64Array(D);
  const mid = new Float64Array(D);
  const Id = new Float64Array(D);
  const qg = new Float64Array(D);
  for (let p = 0; p < P; p++) {
    let e = 0;
    for (let i = 0; i < N - 1 && Number.isFinite(e); i++) {
      const a = (p * N + i) * D;
      for (let k = 0; k < D; k++) {
        delta[k] = theta[a + D + k]! - theta[a + k]!;
        mid[k] = 0.5 * (theta[a + D + k]! + theta[a + k]!);
      }
      let ok = output.fisherApply(mid, delta, Id);
      if (ok && !output.constantFisher) ok = output.fisherQuadGradient(mid, delta, qg);
      let d2 = 0;
      for (let k = 0; k < D; k++) d2 += delta[k]! * Id[k]!;
      if (!ok || !Number.isFinite(d2)) {
        e = Number.POSITIVE_INFINITY;
        break;
      }
      chords[p * (N - 1) + i] = Math.sqrt(Math.max(d2, 0));
      e += d2;
      // ∂d²/∂θᵢ₊₁ = 2IΔ + ½∇_θ(ΔᵀIΔ), ∂d²/∂θᵢ = −2IΔ + ½∇_θ(ΔᵀIΔ); interior node j is row j − 1 of U.
      const half = !output.constantFisher;
      if (i + 1 <= N - 2) {
        const u = (p * (N - 2) + i) * D;
        for (let k = 0; k < D; k++) U[u + k]! += c * (2 * Id[k]! + (half ? 0.5 * qg[k]! : 0));
      }
      if (i >= 1) {
        const u = (p * (N - 2) + i - 1) * D;
        for (let k = 0; k < D; k++) U[u + k]! += c * (-2 * Id[k]! + (half ? 0.5 * qg[k]! : 0));
      }
    }
    energy[p] = c * e;
  }
  // VJP at all nodes (zero cotangents at the ends): the same codes as the decode, so a decoder that caches
  // its forward pass (float64DenseDecoder) runs only the backward pass.
  const Uall = new Float64Array(P * N * D);
  for (let p = 0; p < P; p++) Uall.set(U.subarray(p * (N - 2) * D, (p + 1) * (N - 2) * D), (p * N + 1) * D);
  const gAll = vjpAll(dec, Y, Uall, P * N);
  const gradient = new Float64Array(P * (N - 2) * d);
  for (let p = 0; p < P; p++)
    gradient.set(gAll.subarray((p * N + 1) * d, (p * N + N - 1) * d), p * (N - 2) * d);
  return { energy, chords, gradient, theta, cotangents: U };
}

/** Whether a small symmetric matrix is positive definite (Cholesky succeeds). */
function positiveDefinite(A: Float64Array, d: number): boolean {
  const L = new Float64Array(d * d);
  for (let i = 0; i < d; i++)
    for (let j = 0; j <= i; j++) {
      let s = 0.5 * (A[i * d + j]! + A[j * d + i]!);
      for (let k = 0; k < j; k++) s -= L[i * d + k]! * L[j * d + k]!;
      if (i === j) {
        if (!(s > 0)) return false;
        L[i * d + i] = Math.sqrt(s);
      } else L[i * d + j] = s / L[j * d + j]!;
    }
  return true;
}

/**
 * The inverse of the Gauss–Newton matrix of the polyline energy (block tridiagonal: diagonal blocks
 * 2(N−1)·Jⱼᵀ I Jⱼ, off-diagonal −(N−1)·Jⱼᵀ I Jⱼ₊₁), damped by `damping`·(largest diagonal) on the
 * diagonal, plus the curvature blocks Mⱼ when given (then the exact energy Hessian for a constant Fisher
 * information), as a function applying it to a gradient (block Thomas algorithm). Throws
 * SingularMatrixError when a pivot block is not positive definite (an indefinite Hessian). Internal.
 * @param J - Jacobians at the n = N − 2 interior nodes, n×D×d
 * @param theta - θ at all N nodes (N×D), for a θ-dependent Fisher information
 */
export function gaussNewtonInverse(
  output: OutputFamily,
  J: Float64Array,
  theta: Float64Array,
  N: number,
  d: number,
  D: number,
  damping = 1e-8,
  curvature?: Float64Array,
): (g: Float64Array) => Float64Array {
  const n = N - 2;
  const IJ = new Float64Array(n * D * d); // I(θⱼ) Jⱼ, column by column
  const col = new Float64Array(D);
  const out = new Float64Array(D);
  for (let j = 0; j < n; j++) {
    const th = theta.subarray((j + 1) * D, (j + 2) * D);
    for (let a = 0; a < d; a++) {
      for (let k = 0; k < D; k++) col[k] = J[(j * D + k) * d + a]!;
      if (!output.fisherApply(th, col, out))
        throw new SingularMatrixError('theta', 'outside the family', 'θ in the output family domain');
      for (let k = 0; k < D; k++) IJ[(j * D + k) * d + a] = out[k]!;
    }
  }
  const dot = (A: Float64Array, j: number, B: Float64Array, l: number, a: number, b: number): number => {
    let s = 0;
    for (let k = 0; k < D; k++) s += A[(j * D + k) * d + a]! * B[(l * D + k) * d + b]!;
    return s;
  };
  const s = N - 1;
  const diag: Float64Array[] = [];
  const off: Float64Array[] = []; // off[j] = block (j, j+1)
  let big = 0;
  for (let j = 0; j < n; j++) {
    const Dj = new Float64Array(d * d);
    for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) Dj[a * d + b] = 2 * s * dot(J, j, IJ, j, a, b);
    for (let a = 0; a < d; a++) big = Math.max(big, Dj[a * d + a]!);
    if (curvature !== undefined) for (let k = 0; k < d * d; k++) Dj[k]! += curvature[j * d * d + k]!;
    diag.push(Dj);
    if (j + 1 < n) {
      const Bj = new Float64Array(d * d);
      for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) Bj[a * d + b] = -s * dot(J, j, IJ, j + 1, a, b);
      off.push(Bj);
    }
  }
  const mu = Math.max(big * damping, 1e-300);
  for (const Dj of diag) for (let a = 0; a < d; a++) Dj[a * d + a]! += mu;
  // Block Thomas: Sⱼ = Dⱼ − Bⱼ₋₁ᵀ Sⱼ₋₁⁻¹ Bⱼ₋₁ (inverses stored).
  const Sinv: Float64Array[] = [];
  for (let j = 0; j < n; j++) {
    const S = diag[j]!.slice();
    if (j > 0) {
      const B = off[j - 1]!;
      const W = blockMatmul(Sinv[j - 1]!, B, d); // S⁻¹B
      for (let a = 0; a < d; a++)
        for (let b = 0; b < d; b++) {
          let t = 0;
          for (let k = 0; k < d; k++) t += B[k * d + a]! * W[k * d + b]!;
          S[a * d + b]! -= t;
        }
    }
    if (!positiveDefinite(S, d))
      throw new SingularMatrixError('Newton pivot block', j, 'a positive definite pivot');
    Sinv.push(blockInverse(S, d));
  }
  return (g: Float64Array): Float64Array => {
    const y = g.slice();
    const tmp = new Float64Array(d);
    for (let j = 1; j < n; j++) {
      // yⱼ −= Bⱼ₋₁ᵀ Sⱼ₋₁⁻¹ yⱼ₋₁
      const v = blockMatvec(Sinv[j - 1]!, y.subarray((j - 1) * d, j * d), d);
      const B = off[j - 1]!;
      for (let a = 0; a < d; a++) {
        let t = 0;
        for (let k = 0; k < d; k++) t += B[k * d + a]! * v[k]!;
        y[j * d + a]! -= t;
      }
    }
    const x = new Float64Array(n * d);
    for (let j = n - 1; j >= 0; j--) {
      for (let a = 0; a < d; a++) tmp[a] = y[j * d + a]!;
      if (j + 1 < n) {
        const B = off[j]!;
        for (let a = 0; a < d; a++)
          for (let k = 0; k < d; k++) tmp[a]! -= B[a * d + k]! * x[(j + 1) * d + k]!;
      }
      x.set(blockMatvec(Sinv[j]!, tmp, d), j * d);
    }
    return x;
  };
}
