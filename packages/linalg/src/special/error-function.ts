/** The error-function family and the normal log-CDF through stdlib. */
import stdlibErf from '@stdlib/math-base-special-erf';
import stdlibErfc from '@stdlib/math-base-special-erfc';
import stdlibErfcinv from '@stdlib/math-base-special-erfcinv';
import stdlibErfcx from '@stdlib/math-base-special-erfcx';
import stdlibErfinv from '@stdlib/math-base-special-erfinv';
import normalLogcdf from '@stdlib/stats-base-dists-normal-logcdf';

/** The error function erf(x) = (2/√π) ∫₀ˣ e^(−t²) dt. */
export function erf(x: number): number {
  return stdlibErf(x);
}

/** The complementary error function erfc(x) = 1 − erf(x), accurate for large x. */
export function erfc(x: number): number {
  return stdlibErfc(x);
}

/** The scaled complementary error function erfcx(x) = e^(x²)·erfc(x), finite for large x. */
export function erfcx(x: number): number {
  return stdlibErfcx(x);
}

/** The inverse error function on [−1, 1] (±∞ at ±1, NaN outside). */
export function erfinv(p: number): number {
  return stdlibErfinv(p);
}

/** The inverse complementary error function on [0, 2] (±∞ at 0 and 2, NaN outside). */
export function erfcinv(q: number): number {
  return stdlibErfcinv(q);
}

/**
 * log Φ((x − mean)/sd), the log-CDF of Normal(mean, sd²), accurate deep in the lower tail.
 * @param x - point
 * @param mean - location (default 0)
 * @param sd - standard deviation (default 1; 0 gives the degenerate step, negative gives NaN)
 */
export function normalLogCdf(x: number, mean = 0, sd = 1): number {
  return normalLogcdf(x, mean, sd);
}
