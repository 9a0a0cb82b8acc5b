import type { Rng } from '@infogeom/linalg';
import * as tf from '@tensorflow/tfjs';
import type { TfjsLikelihood } from './tfjs-model-types.js';

/**
 * Output scores uₛ = ∂(−log p(yₛ | z))/∂z for labels yₛ drawn from the model, [N, S, k], scaled by 1/√S so
 * that Σₛ uₛuₛᵀ estimates the output Fisher H (softmax: p − e_y with y ~ Cat(p); Gaussian:
 * (z − y)/σ² = −ε/σ with y = z + σε). Draws come from `rng` (one uniform / normal per entry).
 * @param likelihood - output family
 * @param z - logits or means [N, k]
 * @param samples - draws S per example
 * @param rng - seeded generator
 */
export function sampledOutputScores(
  likelihood: TfjsLikelihood,
  z: tf.Tensor,
  samples: number,
  rng: Rng,
): tf.Tensor3D {
  return tf.tidy(() => {
    const [n, k] = z.shape as [number, number];
    const draws = new Float32Array(n * samples * k);
    const scale = 1 / Math.sqrt(samples);
    if (likelihood.type === 'gaussian') {
      for (let t = 0; t < draws.length; t++) draws[t] = rng.normal();
      return tf.mul(tf.tensor3d(draws, [n, samples, k]), -scale / (likelihood.sigma ?? 1)) as tf.Tensor3D;
    }
    const pt = tf.softmax(z);
    const p = pt.dataSync();
    for (let i = 0; i < n; i++)
      for (let s = 0; s < samples; s++) {
        const u = rng.uniform();
        let c = 0;
        let acc = p[i * k]!;
        while (u >= acc && c < k - 1) acc += p[i * k + ++c]!;
        draws[(i * samples + s) * k + c] = 1;
      }
    return tf.mul(tf.sub(pt.expandDims(1), tf.tensor3d(draws, [n, samples, k])), scale) as tf.Tensor3D;
  });
}
