import type { Rng } from '@infogeom/linalg';

/** The state of a {@link GaussianNoise} stream: the four xoshiro128** words. */
export type GaussianNoiseState = readonly [number, number, number, number];

/**
 * A fast seeded stream of standard normal float32 draws, for the per-step weight noise of IVON (one draw
 * per network weight per Monte Carlo sample, where a general-purpose generator would cost more than the
 * gradient). xoshiro128** (Blackman & Vigna 2018) seeded with four words of an `Rng` from @infogeom/linalg, and the 128-layer
 * ziggurat of Marsaglia & Tsang (2000) with Doornik's (2005) fix: the layer index and the abscissa come
 * from disjoint bits of each 32-bit word (7 bits and 25 bits), so they are independent.
 */
export interface GaussianNoise {
  /** Fills `out` with independent N(0, 1) draws (rounded to float32) and returns it. */
  fill(out: Float32Array): Float32Array;
  /** A copy of the generator state. */
  getState(): GaussianNoiseState;
  /** Restores a state from {@link GaussianNoise.getState}: the stream then repeats exactly. */
  setState(state: GaussianNoiseState): void;
}

const LAYERS = 128;
const SCALE = 16777216; // 2^24: the abscissa word is a signed 25-bit integer
const R = 3.442619855899;
const KN = new Float64Array(LAYERS);
const WN = new Float64Array(LAYERS);
const FN = new Float64Array(LAYERS);
{
  const vn = 9.91256303526217e-3;
  let dn = R;
  let tn = dn;
  const q = vn / Math.exp(-0.5 * dn * dn);
  KN[0] = (dn / q) * SCALE;
  KN[1] = 0;
  WN[0] = q / SCALE;
  WN[LAYERS - 1] = dn / SCALE;
  FN[0] = 1;
  FN[LAYERS - 1] = Math.exp(-0.5 * dn * dn);
  for (let i = LAYERS - 2; i >= 1; i--) {
    dn = Math.sqrt(-2 * Math.log(vn / dn + Math.exp(-0.5 * dn * dn)));
    KN[i + 1] = (dn / tn) * SCALE;
    tn = dn;
    FN[i] = Math.exp(-0.5 * dn * dn);
    WN[i] = dn / SCALE;
  }
}

const INV32 = 1 / 4294967296;

/** Creates a {@link GaussianNoise} stream seeded from `rng` (advances it by four 32-bit words). */
export function createGaussianNoise(rng: Rng): GaussianNoise {
  let s0 = rng.uint32() | 0;
  let s1 = rng.uint32() | 0;
  let s2 = rng.uint32() | 0;
  let s3 = rng.uint32() | 0;
  if ((s0 | s1 | s2 | s3) === 0) s0 = 1;

  const next = (): number => {
    const x = Math.imul(s1, 5);
    const r = Math.imul((x << 7) | (x >>> 25), 9);
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = (s3 << 11) | (s3 >>> 21);
    return r;
  };
  const uniform = (): number => ((next() >>> 0) + 0.5) * INV32;

  // The rare slow path (≈ 1.2% of draws): the wedge between layers, or the tail beyond R.
  const slow = (word: number): number => {
    let u = word;
    for (;;) {
      const iz = u & 127;
      const j = u >> 7;
      const x = j * (WN[iz] as number);
      if (iz === 0) {
        let a: number;
        let b: number;
        do {
          a = -Math.log(uniform()) / R;
          b = -Math.log(uniform());
        } while (b + b < a * a);
        return j > 0 ? R + a : -R - a;
      }
      const f0 = FN[iz] as number;
      if (f0 + uniform() * ((FN[iz - 1] as number) - f0) < Math.exp(-0.5 * x * x)) return x;
      u = next();
      const iz2 = u & 127;
      const j2 = u >> 7;
      if (Math.abs(j2) < (KN[iz2] as number)) return j2 * (WN[iz2] as number);
    }
  };

  return {
    fill(out) {
      for (let i = 0; i < out.length; i++) {
        const u = next();
        const iz = u & 127;
        const j = u >> 7;
        out[i] = Math.abs(j) < (KN[iz] as number) ? j * (WN[iz] as number) : slow(u);
      }
      return out;
    },
    getState: () => [s0, s1, s2, s3],
    setState(state) {
      [s0, s1, s2, s3] = state.map((w) => w | 0) as unknown as [number, number, number, number];
    },
  };
}
