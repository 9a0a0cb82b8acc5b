import { InvalidArgumentError } from '@infogeom/linalg';

const EPSILON_DBL = 1e-8;

/**
 * Conditional affinities p_{j|i} ∝ exp(−β_i d²ᵢⱼ) of each row of squared distances, β_i found by
 * binary search (≤ 100 halvings, entropy tolerance 1e-5) so that the row's perplexity 2^{H} (natural
 * entropy) equals `perplexity`, as scikit-learn's `_binary_search_perplexity`. Rows are written in
 * place into `out` (same layout as `sqDistances`); returns the mean σ = mean of √(1/β).
 * @param sqDistances - n × width squared distances to the candidate neighbours (row-major)
 * @param width - candidates per row
 * @param perplexity - target perplexity (> 0, below width)
 * @param out - n × width output
 */
export function conditionalAffinities(
  sqDistances: Float64Array,
  width: number,
  perplexity: number,
  out: Float64Array,
): number {
  if (!(perplexity > 0)) throw new InvalidArgumentError('perplexity', perplexity, 'a number > 0');
  const n = sqDistances.length / width;
  const desired = Math.log(perplexity);
  let sigmaSum = 0;
  for (let i = 0; i < n; i++) {
    const d = sqDistances.subarray(i * width, (i + 1) * width);
    const p = out.subarray(i * width, (i + 1) * width);
    let betaMin = Number.NEGATIVE_INFINITY;
    let betaMax = Number.POSITIVE_INFINITY;
    let beta = 1;
    for (let step = 0; step < 100; step++) {
      let sum = 0;
      for (let j = 0; j < width; j++) {
        p[j] = Math.exp(-d[j]! * beta);
        sum += p[j]!;
      }
      if (sum === 0) sum = EPSILON_DBL;
      let sumDP = 0;
      for (let j = 0; j < width; j++) {
        p[j]! /= sum;
        sumDP += d[j]! * p[j]!;
      }
      const entropy = Math.log(sum) + beta * sumDP;
      const diff = entropy - desired;
      if (Math.abs(diff) <= 1e-5) break;
      if (diff > 0) {
        betaMin = beta;
        beta = betaMax === Number.POSITIVE_INFINITY ? beta * 2 : (beta + betaMax) / 2;
      } else {
        betaMax = beta;
        beta = betaMin === Number.NEGATIVE_INFINITY ? beta / 2 : (beta + betaMin) / 2;
      }
    }
    sigmaSum += Math.sqrt(1 / beta);
  }
  return n === 0 ? 0 : sigmaSum / n;
}
