// Trigamma ψ₁ and tetragamma ψ₂ for x > 0 on raw numbers, for the geodesic solvers' inner loops (linalg's
// stdlib-backed `polygamma` is general in the order and ~50× slower for ψ₂). Upward recurrence
// ψₙ(x) = ψₙ(x + 1) − (−1)ⁿ n!/xⁿ⁺¹ to x ≥ 12, then the asymptotic series with Bernoulli numbers up to B₁₄
// (truncation error below 1e-15 relative there). Internal: not exported from the package.
const SHIFT = 12;

/** ψ₁(x) = d²/dx² log Γ(x) for x > 0 (NaN otherwise). */
export function fastTrigamma(x: number): number {
  if (!(x > 0) || !Number.isFinite(x)) return x === Number.POSITIVE_INFINITY ? 0 : Number.NaN;
  let acc = 0;
  while (x < SHIFT) {
    acc += 1 / (x * x);
    x += 1;
  }
  const w = 1 / (x * x);
  // ψ₁(x) ~ 1/x + 1/(2x²) + Σ B₂ₖ/x²ᵏ⁺¹.
  const series =
    1 / x +
    w / 2 +
    (w / x) *
      (1 / 6 + w * (-1 / 30 + w * (1 / 42 + w * (-1 / 30 + w * (5 / 66 + w * (-691 / 2730 + (w * 7) / 6))))));
  return acc + series;
}

/** ψ₂(x) = d³/dx³ log Γ(x) for x > 0 (NaN otherwise). */
export function fastTetragamma(x: number): number {
  if (!(x > 0) || !Number.isFinite(x)) return x === Number.POSITIVE_INFINITY ? 0 : Number.NaN;
  let acc = 0;
  while (x < SHIFT) {
    acc -= 2 / (x * x * x);
    x += 1;
  }
  const w = 1 / (x * x);
  // ψ₂(x) ~ −1/x² − 1/x³ − Σ (2k + 1) B₂ₖ/x²ᵏ⁺².
  const series =
    -w -
    w / x -
    w *
      w *
      (1 / 2 +
        w *
          (-1 / 6 + w * (1 / 6 + w * (-3 / 10 + w * (5 / 6 + w * ((-691 * 13) / 2730 + (w * 7 * 15) / 6))))));
  return acc + series;
}
