const MACHINE_EPSILON = 2.220446049250313e-16;

let buffer = new Float64Array(0);

/**
 * Exact t-SNE objective and gradient (scikit-learn `_kl_divergence`): with Student-t similarities
 * wᵢⱼ = (1 + ‖yᵢ − yⱼ‖²/ν)^{−(ν+1)/2}, qᵢⱼ = max(wᵢⱼ / Σ_{k≠l} w_kl, ε), it returns
 * KL(P‖Q) = Σ_{i≠j} pᵢⱼ log(max(pᵢⱼ, ε)/qᵢⱼ) and writes
 * ∂KL/∂yᵢ = (2(ν+1)/ν) Σⱼ (pᵢⱼ − qᵢⱼ) wᵢⱼ^{2/(ν+1)} (yᵢ − yⱼ) into `grad`. O(n²) time and memory.
 * @param P - dense n × n symmetric joint probabilities (zero diagonal), row-major
 * @param Y - n × dim embedding, row-major
 * @param dim - embedding dimension
 * @param dof - degrees of freedom ν
 * @param grad - n × dim output
 * @param withError - compute the KL divergence too (default true; NaN is returned otherwise)
 */
export function exactKlGradient(
  P: Float64Array,
  Y: Float64Array,
  dim: number,
  dof: number,
  grad: Float64Array,
  withError = true,
): number {
  const n = Y.length / dim;
  if (buffer.length < n * n) buffer = new Float64Array(n * n);
  const W = buffer;
  const expo = (dof + 1) / 2;
  let sumW = 0;
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) {
      let d2 = 0;
      for (let d = 0; d < dim; d++) {
        const t = Y[i * dim + d]! - Y[j * dim + d]!;
        d2 += t * t;
      }
      const base = 1 + d2 / dof;
      const w = dof === 1 ? 1 / base : base ** -expo;
      W[i * n + j] = w;
      W[j * n + i] = w;
      sumW += 2 * w;
    }
  const c = (2 * (dof + 1)) / dof;
  grad.fill(0);
  let kl = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      const w = W[i * n + j]!;
      const q = Math.max(w / sumW, MACHINE_EPSILON);
      const p = P[i * n + j]!;
      if (withError) kl += p * Math.log(Math.max(p, MACHINE_EPSILON) / q);
      // (1 + d²/ν)^{-1} = w^{2/(ν+1)}
      const f = (p - q) * (dof === 1 ? w : w ** (1 / expo)) * c;
      for (let d = 0; d < dim; d++) grad[i * dim + d]! += f * (Y[i * dim + d]! - Y[j * dim + d]!);
    }
  }
  return withError ? kl : Number.NaN;
}
