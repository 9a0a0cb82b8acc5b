/**
 * Internal: roots of the secular equation 1/ρ + Σⱼ zⱼ²/(dⱼ − λ) = 0 (rank-one modification of a
 * diagonal matrix, ρ > 0, d strictly increasing, z nonzero). Each root is found relative to its
 * nearest pole (λ = d_o + τ), so the differences dⱼ − λ come out to full relative accuracy, as
 * Gu–Eisenstat's eigenvector formula requires. Iteration: Li's "middle way" rational interpolation
 * (LAPACK dlaed4), safeguarded by bisection on a bracket.
 */

const EPS = 2 ** -52;

/**
 * Finds root i (0-based; λᵢ ∈ (dᵢ, dᵢ₊₁), the last one in (d_{K−1}, d_{K−1} + ρ‖z‖²)) and writes
 * delta[dOff + j] = dⱼ − λᵢ for j < K. Returns λᵢ.
 */
export function secularRoot(
  K: number,
  d: Float64Array,
  z: Float64Array,
  rho: number,
  i: number,
  delta: Float64Array,
  dOff: number,
): number {
  const rhoInv = 1 / rho;
  const last = i === K - 1;
  let d0 = d[i]!;
  for (let j = 0; j < K; j++) delta[dOff + j] = d[j]! - d0; // poles shifted to the origin dᵢ
  let lo = 0;
  let hi: number;
  let tau: number;
  if (last) {
    let zz = 0;
    for (let j = 0; j < K; j++) zz += z[j]! * z[j]!;
    hi = rho * zz;
    tau = 0.5 * hi;
  } else {
    // start at the interval's midpoint; the sign of f there picks the nearer pole as origin
    hi = 0.5 * (d[i + 1]! - d[i]!);
    tau = hi;
  }
  let first = !last;
  for (let iter = 0; iter < 200; iter++) {
    // ψ (poles ≤ i) and φ (poles > i) and their derivatives at λ = d0 + τ, two chains each
    let psi0 = 0;
    let psi1 = 0;
    let dpsi0 = 0;
    let dpsi1 = 0;
    let j = 0;
    for (; j + 1 <= i; j += 2) {
      const t0 = z[j]! / (delta[dOff + j]! - tau);
      const t1 = z[j + 1]! / (delta[dOff + j + 1]! - tau);
      psi0 += z[j]! * t0;
      psi1 += z[j + 1]! * t1;
      dpsi0 += t0 * t0;
      dpsi1 += t1 * t1;
    }
    if (j <= i) {
      const t0 = z[j]! / (delta[dOff + j]! - tau);
      psi0 += z[j]! * t0;
      dpsi0 += t0 * t0;
    }
    let phi0 = 0;
    let phi1 = 0;
    let dphi0 = 0;
    let dphi1 = 0;
    for (j = i + 1; j + 1 < K; j += 2) {
      const t0 = z[j]! / (delta[dOff + j]! - tau);
      const t1 = z[j + 1]! / (delta[dOff + j + 1]! - tau);
      phi0 += z[j]! * t0;
      phi1 += z[j + 1]! * t1;
      dphi0 += t0 * t0;
      dphi1 += t1 * t1;
    }
    if (j < K) {
      const t0 = z[j]! / (delta[dOff + j]! - tau);
      phi0 += z[j]! * t0;
      dphi0 += t0 * t0;
    }
    const psi = psi0 + psi1;
    const phi = phi0 + phi1;
    const dpsi = dpsi0 + dpsi1;
    const dphi = dphi0 + dphi1;
    const w = rhoInv + psi + phi;
    const dw = dpsi + dphi;
    if (first) {
      first = false;
      if (w < 0) {
        // root in the right half: re-centre on dᵢ₊₁ (same λ, so ψ, φ and w carry over)
        const shift = d[i + 1]! - d0;
        d0 = d[i + 1]!;
        for (let q = 0; q < K; q++) delta[dOff + q] = d[q]! - d0;
        tau -= shift;
        lo = tau;
        hi = 0;
      }
    }
    if (
      Math.abs(w) <= EPS * (8 * (rhoInv + phi - psi) + Math.abs(tau) * dw) ||
      hi - lo <= 4 * EPS * Math.abs(tau)
    )
      break;
    if (w < 0) lo = tau;
    else hi = tau;
    const di = delta[dOff + i]! - tau;
    let eta: number;
    if (last) {
      const c = w - di * dpsi;
      eta = c > 0 ? di + (di * di * dpsi) / c : Number.NaN;
    } else {
      const dip1 = delta[dOff + i + 1]! - tau;
      const c = w - di * dpsi - dip1 * dphi;
      const a = (di + dip1) * w - di * dip1 * dw;
      const b = di * dip1 * w;
      if (c === 0) eta = b / a;
      else {
        const disc = Math.sqrt(Math.abs(a * a - 4 * b * c));
        eta = a <= 0 ? (a - disc) / (2 * c) : (2 * b) / (a + disc);
        if (!(tau + eta > lo && tau + eta < hi)) eta = b / (c * eta); // the other root
      }
    }
    if (w * eta >= 0 || !Number.isFinite(eta)) eta = -w / dw; // Newton
    let next = tau + eta;
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    if (next === tau) break;
    tau = next;
  }
  for (let j = 0; j < K; j++) delta[dOff + j]! -= tau;
  return d0 + tau;
}
