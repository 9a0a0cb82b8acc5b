import { assertInteger, assertLength, InvalidArgumentError, NonFiniteError } from '@infogeom/linalg';
import type { Decoder, GeodesicForce, OutputFamily } from '../decoders/decoder.js';
import { spdSolveDamped } from './spd-solve-damped.js';

/** The batched products {@link batchedChristoffelContraction} needs from a decoder. */
export type ChristoffelBatchDecoder = Decoder &
  Required<Pick<Decoder, 'decodeBatch' | 'jacobianBatch' | 'secondOrderBatch'>> & {
    /**
     * Optional: the d Jacobian columns and H[vᵢ, vᵢ] at n codes stacked ((d+1)·n × D, rows c·n + i = J(zᵢ)e_c,
     * rows d·n + i = H(zᵢ)[vᵢ, vᵢ]) from one call; then the contraction needs no other product (θ aside).
     */
    geodesicTangentsBatch?(Z: Float64Array, V: Float64Array, n: number): Float64Array;
  };

/** Points per decoder call (measured on the MNIST decoder: 12–24 points per call are cheapest per point). */
const CHUNK = 16;

/**
 * The Christoffel contraction Γ(vᵢ, vᵢ) = G⁻¹ Jᵀ[I H[vᵢ, vᵢ] + (∂I[J vᵢ]) J vᵢ − ½∇_θ((J vᵢ)ᵀ I J vᵢ)] of
 * the pullback metric G = JᵀI(θ)J at n codes at once, from the decoder's batched products only:
 * - J at all codes in one `jacobianBatch` call (and θ in one `decodeBatch` call when I depends on θ);
 * - Jᵀ I H[v, v] as d second-order products: with uₖ = I J eₖ, ∇_z(uₖᵀ J v)·v = uₖᵀ H[v, v] — the d·n
 *   products stacked into ONE `secondOrderBatch` call (exact reverse over forward on a float64 decoder,
 *   finite differences of VJPs on a tfjs one);
 * - the terms of a non-constant output Fisher exactly as the per-point contraction of `pullbackMetric`;
 * - then G⁻¹ by the same damped Cholesky solve.
 * A decoder with `geodesicTangentsBatch` (float64 dense decoders, tfjs dense networks) gives the d Jacobian
 * columns and H[v, v] from one stacked forward-mode call instead; G = Jᵀ I J and Jᵀ[I H[v, v] + …] are
 * then contracted per point with the output family's Fisher (any family).
 * More than 16 points are evaluated in blocks of 16.
 * @param decoder - a decoder with batched products
 * @param output - the output family whose Fisher information is pulled back
 * @returns `(Z, V, n) → n×d`
 */
export function batchedChristoffelContraction(
  decoder: ChristoffelBatchDecoder,
  output: OutputFamily,
): (Z: Float64Array, V: Float64Array, n: number) => Float64Array {
  const d = decoder.latentDimension;
  const D = decoder.outputDimension;
  const constant = output.constantFisher;
  const finite = (x: Float64Array, what: string): Float64Array => {
    for (const t of x) if (!Number.isFinite(t)) throw new NonFiniteError(what, t, 'finite values');
    return x;
  };
  const fail = (Z: Float64Array, p: number): never => {
    throw new InvalidArgumentError(
      'z',
      Array.from(Z.subarray(p * d, (p + 1) * d)),
      `a code whose decoded parameters lie in the ${output.name} domain`,
    );
  };
  const tangents = decoder.geodesicTangentsBatch?.bind(decoder);
  /** From the stacked J columns and H[v, v] of one decoder call (plus θ for a non-constant Fisher). */
  const fromTangents = (
    tg: (Z: Float64Array, V: Float64Array, n: number) => Float64Array,
    Z: Float64Array,
    V: Float64Array,
    n: number,
  ): Float64Array => {
    const S = finite(tg(Z, V, n), 'geodesicTangentsBatch');
    const T = constant ? new Float64Array(n * D) : finite(decoder.decodeBatch(Z, n), 'decodeBatch');
    const nD = n * D;
    const out = new Float64Array(n * d);
    const G = new Float64Array(d * d);
    const r = new Float64Array(d);
    const x = new Float64Array(d);
    const a = new Float64Array(D);
    const ia = new Float64Array(D);
    const fd = new Float64Array(D);
    const qg = new Float64Array(D);
    for (let p = 0; p < n; p++) {
      const theta = T.subarray(p * D, (p + 1) * D);
      const v = V.subarray(p * d, (p + 1) * d);
      a.fill(0);
      for (let c = 0; c < d; c++) {
        const col = S.subarray(c * nD + p * D, c * nD + (p + 1) * D);
        for (let i = 0; i < D; i++) a[i]! += v[c]! * col[i]!;
      }
      // c = I H[v, v] (+ (∂I[Jv]) Jv − ½∇_θ(aᵀ I a) for a Fisher that depends on θ), then r = Jᵀc, G = Jᵀ I J.
      const hvv = S.subarray(d * nD + p * D, d * nD + (p + 1) * D);
      if (!output.fisherApply(theta, hvv, ia)) fail(Z, p);
      if (!constant) {
        if (!output.fisherDirectional(theta, a, fd) || !output.fisherQuadGradient(theta, a, qg)) fail(Z, p);
        for (let i = 0; i < D; i++) ia[i]! += fd[i]! - 0.5 * qg[i]!;
      }
      for (let c = 0; c < d; c++) {
        const col = S.subarray(c * nD + p * D, c * nD + (p + 1) * D);
        let s = 0;
        for (let i = 0; i < D; i++) s += col[i]! * ia[i]!;
        r[c] = s;
        if (!output.fisherApply(theta, col, fd)) fail(Z, p);
        for (let e = 0; e <= c; e++) {
          const ce = S.subarray(e * nD + p * D, e * nD + (p + 1) * D);
          let g = 0;
          for (let i = 0; i < D; i++) g += ce[i]! * fd[i]!;
          G[c * d + e] = g;
          G[e * d + c] = g;
        }
      }
      spdSolveDamped(G, r, d, x);
      out.set(x, p * d);
    }
    return out;
  };
  const block = (Z: Float64Array, V: Float64Array, n: number): Float64Array => {
    if (tangents !== undefined) return fromTangents(tangents, Z, V, n);
    const dn = d * n;
    // Row k·n + p of the stacked products: code zₚ, cotangent I(θₚ) Jₚ eₖ, direction vₚ. J and θ are taken
    // at the stacked codes too, so that a decoder caching its forward pass (float64DenseDecoder) runs it once.
    const Zs = new Float64Array(dn * d);
    const Vs = new Float64Array(dn * d);
    for (let k = 0; k < d; k++) {
      Zs.set(Z.subarray(0, n * d), k * n * d);
      Vs.set(V.subarray(0, n * d), k * n * d);
    }
    const Js = finite(decoder.jacobianBatch(Zs, dn), 'jacobianBatch');
    const T = constant ? new Float64Array(n * D) : finite(decoder.decodeBatch(Zs, dn), 'decodeBatch');
    const U = new Float64Array(dn * D);
    const Gs = new Float64Array(n * d * d);
    const col = new Float64Array(D);
    for (let p = 0; p < n; p++) {
      const J = Js.subarray(p * D * d, (p + 1) * D * d);
      const theta = T.subarray(p * D, (p + 1) * D);
      for (let k = 0; k < d; k++) {
        const row = k * n + p;
        for (let i = 0; i < D; i++) col[i] = J[i * d + k]!;
        const u = U.subarray(row * D, (row + 1) * D);
        if (!output.fisherApply(theta, col, u)) fail(Z, p);
        for (let j = 0; j <= k; j++) {
          let s = 0;
          for (let i = 0; i < D; i++) s += J[i * d + j]! * u[i]!;
          Gs[p * d * d + j * d + k] = s;
          Gs[p * d * d + k * d + j] = s;
        }
      }
    }
    const so = finite(decoder.secondOrderBatch(Zs, U, Vs, dn), 'secondOrderBatch');
    const out = new Float64Array(n * d);
    const r = new Float64Array(d);
    const x = new Float64Array(d);
    const a = new Float64Array(D);
    const fd = new Float64Array(D);
    const qg = new Float64Array(D);
    for (let p = 0; p < n; p++) {
      const v = V.subarray(p * d, (p + 1) * d);
      for (let k = 0; k < d; k++) {
        const row = k * n + p;
        let s = 0;
        for (let j = 0; j < d; j++) s += so[row * d + j]! * v[j]!;
        r[k] = s;
      }
      if (!constant) {
        const J = Js.subarray(p * D * d, (p + 1) * D * d);
        const theta = T.subarray(p * D, (p + 1) * D);
        for (let i = 0; i < D; i++) {
          let s = 0;
          for (let j = 0; j < d; j++) s += J[i * d + j]! * v[j]!;
          a[i] = s;
        }
        if (!output.fisherDirectional(theta, a, fd) || !output.fisherQuadGradient(theta, a, qg)) fail(Z, p);
        for (let i = 0; i < D; i++) {
          const c = fd[i]! - 0.5 * qg[i]!;
          if (c === 0) continue;
          for (let j = 0; j < d; j++) r[j]! += J[i * d + j]! * c;
        }
      }
      spdSolveDamped(Gs.subarray(p * d * d, (p + 1) * d * d), r, d, x);
      out.set(x, p * d);
    }
    return out;
  };
  return (Z: Float64Array, V: Float64Array, n: number): Float64Array => {
    assertInteger('n', n, 1);
    assertLength('Z', Z.length, n * d);
    assertLength('V', V.length, n * d);
    if (n <= CHUNK) return block(Z, V, n);
    // Blocks of ≤ CHUNK points: far larger products leave the cache and get slower per point.
    const out = new Float64Array(n * d);
    for (let s = 0; s < n; s += CHUNK) {
      const k = Math.min(CHUNK, n - s);
      out.set(block(Z.subarray(s * d, (s + k) * d), V.subarray(s * d, (s + k) * d), k), s * d);
    }
    return out;
  };
}

/**
 * The Christoffel contraction Γ(vᵢ, vᵢ) = G⁻¹ Jᵀ diag(w) H[vᵢ, vᵢ] of a constant diagonal output Fisher from
 * a decoder's fused `weightedGeodesicForce` (G and the force in one call per block of at most `chunk`
 * points), then G⁻¹ by the damped Cholesky solve of {@link batchedChristoffelContraction}.
 * @param force - the decoder's fused product
 * @param w - the diagonal of the output Fisher
 * @param d - latent dimension
 * @param chunk - most points per decoder call
 * @returns `(Z, V, n) → n×d`
 */
export function fusedChristoffelContraction(
  force: (Z: Float64Array, V: Float64Array, n: number, w: Float64Array) => GeodesicForce,
  w: Float64Array,
  d: number,
  chunk: number,
): (Z: Float64Array, V: Float64Array, n: number) => Float64Array {
  const finite = (x: Float64Array, what: string): Float64Array => {
    for (const t of x) if (!Number.isFinite(t)) throw new NonFiniteError(what, t, 'finite values');
    return x;
  };
  const x = new Float64Array(d);
  return (Z: Float64Array, V: Float64Array, n: number): Float64Array => {
    assertInteger('n', n, 1);
    assertLength('Z', Z.length, n * d);
    assertLength('V', V.length, n * d);
    const out = new Float64Array(n * d);
    const size = Math.ceil(n / Math.ceil(n / chunk));
    for (let s = 0; s < n; s += size) {
      const k = Math.min(size, n - s);
      const r = force(Z.subarray(s * d, (s + k) * d), V.subarray(s * d, (s + k) * d), k, w);
      const G = finite(r.metric, 'weightedGeodesicForce.metric');
      const f = finite(r.force, 'weightedGeodesicForce.force');
      for (let p = 0; p < k; p++) {
        spdSolveDamped(G.subarray(p * d * d, (p + 1) * d * d), f.subarray(p * d, (p + 1) * d), d, x);
        out.set(x, (s + p) * d);
      }
    }
    return out;
  };
}
