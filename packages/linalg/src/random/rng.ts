/**
 * PLACEHOLDER seeded generator (splitmix64-style on two 32-bit halves) with the agreed
 * interface; the random/ area replaces the implementation.
 */

/** A seeded source of randomness: the only way randomness enters infogeom. */
export interface Rng {
  /** A uniform double in [0, 1). */
  uniform(): number;
  /** A standard normal draw. */
  normal(): number;
  /** A uniform integer in [0, n). */
  int(n: number): number;
}

/** Creates a seeded {@link Rng}; the same seed gives the same stream. */
export function createRng(seed: number): Rng {
  let s = seed >>> 0 || 0x9e3779b9;
  const uniform = (): number => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    uniform,
    normal: () => {
      let u = 0;
      while (u === 0) u = uniform();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * uniform());
    },
    int: (n: number) => Math.floor(uniform() * n),
  };
}
