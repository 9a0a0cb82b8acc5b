/**
 * The Dormand–Prince 5(4) pair as building blocks, for integrators that keep their own state layout (e.g.
 * many trajectories advanced on shared steps): stage times, stage combination, embedded error estimate and
 * step-size factor. {@link dormandPrinceInPlace} is assembled from them.
 */

/** Stage times c₀…c₆ of the Dormand–Prince 5(4) pair (fractions of the step). */
export const DORMAND_PRINCE_NODES: readonly number[] = [0, 1 / 5, 3 / 10, 4 / 5, 8 / 9, 1, 1];

const A = [
  [],
  [1 / 5],
  [3 / 40, 9 / 40],
  [44 / 45, -56 / 15, 32 / 9],
  [19372 / 6561, -25360 / 2187, 64448 / 6561, -212 / 729],
  [9017 / 3168, -355 / 33, 46732 / 5247, 49 / 176, -5103 / 18656],
  [35 / 384, 0, 500 / 1113, 125 / 192, -2187 / 6784, 11 / 84],
];
/** Fifth-order weights minus the embedded fourth-order ones. */
const E = [71 / 57600, 0, -71 / 16695, 71 / 1920, -17253 / 339200, 22 / 525, -1 / 40];

/**
 * The state at which stage `s` (1…6) is evaluated: out = y + h Σ_{r<s} a_{sr} k_r over the first `m`
 * entries. Stage 6 is the fifth-order solution (FSAL: its derivative is the next step's k₀). Unchecked
 * (hot loop): `ks` holds at least `s` derivative vectors of length ≥ m.
 * @param s - stage, 1…6
 * @param h - step size
 * @param y - state at the start of the step
 * @param ks - stage derivatives k₀…k_{s−1}
 * @param out - receives the stage state
 * @param m - number of entries (default y.length)
 */
export function dormandPrinceStage(
  s: number,
  h: number,
  y: Float64Array,
  ks: readonly Float64Array[],
  out: Float64Array,
  m = y.length,
): void {
  const a = A[s]!;
  for (let i = 0; i < m; i++) {
    let acc = 0;
    for (let r = 0; r < s; r++) acc += a[r]! * ks[r]![i]!;
    out[i] = y[i]! + h * acc;
  }
}

/**
 * The embedded error estimate of a step, RMS over the first `m` entries of h Σ eₛ kₛ scaled by
 * atol + rtol·max(|y|, |yNew|); the step is accepted when it is ≤ 1. NaN when a derivative is not finite.
 * @param h - step size
 * @param y - state at the start of the step
 * @param yNew - fifth-order solution (stage 6 state)
 * @param ks - the seven stage derivatives k₀…k₆
 * @param rtol - relative tolerance
 * @param atol - absolute tolerance
 * @param m - number of leading entries that enter the estimate (default y.length)
 */
export function dormandPrinceError(
  h: number,
  y: Float64Array,
  yNew: Float64Array,
  ks: readonly Float64Array[],
  rtol: number,
  atol: number,
  m = y.length,
): number {
  let err = 0;
  for (let i = 0; i < m; i++) {
    let e = 0;
    for (let s = 0; s < 7; s++) e += E[s]! * ks[s]![i]!;
    const sc = atol + rtol * Math.max(Math.abs(y[i]!), Math.abs(yNew[i]!));
    err += ((h * e) / sc) ** 2;
  }
  return Math.sqrt(err / m);
}

/**
 * The factor for the next step size from a step's error estimate: after an accepted step (err ≤ 1)
 * 0.9·err^(−1/5) capped at 5, after a rejected one 0.9·err^(−1/5) floored at 0.2 (also when err is NaN).
 * @param err - the value of {@link dormandPrinceError}
 */
export function dormandPrinceStepFactor(err: number): number {
  if (err <= 1) return Math.min(5, 0.9 * Math.max(err, 1e-10) ** -0.2);
  return Math.max(0.2, 0.9 * err ** -0.2) || 0.2;
}
