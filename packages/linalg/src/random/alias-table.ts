import type { Rng } from './rng.js';
import { checkWeights } from './sample-categorical.js';

/**
 * Walker's alias table (Vose's stable construction): O(k) set-up, then O(1) categorical draws
 * from fixed weights, each using one uniform and one integer draw.
 * @example
 * ```ts
 * import { AliasTable, createRng } from '@infogeom/linalg';
 *
 * const table = new AliasTable([0.2, 0.5, 0.3]);
 * const rng = createRng(1);
 * const counts = [0, 0, 0];
 * for (let k = 0; k < 100_000; k++) counts[table.sample(rng)]! += 1;
 * console.log(counts.map((c) => (c / 100_000).toFixed(2)));
 * ```
 *
 * ```txt [output]
 * [ '0.20', '0.50', '0.30' ]
 * ```
 */
export class AliasTable {
  /** Number of categories. */
  readonly size: number;
  /** Probability of keeping column i (rather than taking its alias). */
  readonly #prob: Float64Array;
  /** Alias of column i. */
  readonly #alias: Int32Array;

  /**
   * Builds the table.
   * @param probs - non-negative finite weights with a positive sum (need not be normalised)
   * @throws InvalidArgumentError for a negative or non-finite weight, or an all-zero vector
   */
  constructor(probs: ArrayLike<number>) {
    const total = checkWeights(probs);
    const k = probs.length;
    this.size = k;
    this.#prob = new Float64Array(k);
    this.#alias = new Int32Array(k);
    const scaled = new Float64Array(k);
    const small: number[] = [];
    const large: number[] = [];
    for (let i = 0; i < k; i++) {
      scaled[i] = (probs[i]! * k) / total;
      (scaled[i]! < 1 ? small : large).push(i);
    }
    while (small.length > 0 && large.length > 0) {
      const s = small.pop()!;
      const l = large.pop()!;
      this.#prob[s] = scaled[s]!;
      this.#alias[s] = l;
      scaled[l] = scaled[l]! + scaled[s]! - 1;
      (scaled[l]! < 1 ? small : large).push(l);
    }
    for (const i of large) this.#prob[i] = 1;
    for (const i of small) this.#prob[i] = 1; // only reached through rounding
  }

  /** One category index drawn from the table's distribution. */
  sample(rng: Rng): number {
    const i = rng.int(this.size);
    return rng.uniform() < this.#prob[i]! ? i : this.#alias[i]!;
  }

  /** Fills `out` with independent draws and returns it. */
  sampleInto(rng: Rng, out: Int32Array): Int32Array {
    for (let j = 0; j < out.length; j++) out[j] = this.sample(rng);
    return out;
  }
}
