import type { DenseCapture, DenseLayerView, KfacLikelihood } from '@infogeom/fisher/tfjs';
import * as tf from '@tensorflow/tfjs';

/**
 * δᵀ F δ for the exact Fisher (= the Gauss–Newton matrix of these canonical losses) of a batch, by a
 * forward-mode pass written out by hand: ṡ₁ = ā₁D₁, ṡ_l = (φ′(s_{l−1}) ∘ ṡ_{l−1}) W_l + ā_l D_l, then the
 * output Fisher's quadratic form (softmax: Σpṡ² − (Σpṡ)²; Bernoulli: Σp(1−p)ṡ²; Gaussian: |φ′ṡ|²/σ²),
 * averaged over the batch. Call inside `tf.tidy`.
 * @param layers - the dense layers
 * @param capture - the forward pass at the weights where F is taken
 * @param kernels - the kernels [in, out] at those weights (snapshots when the variables moved since)
 * @param deltas - the step per layer in kernel layout [in', out]
 * @param likelihood - the output family
 */
export function fisherQuadratic(
  layers: readonly DenseLayerView[],
  capture: DenseCapture,
  kernels: readonly tf.Tensor2D[],
  deltas: readonly tf.Tensor2D[],
  likelihood: KfacLikelihood,
): tf.Scalar {
  let sd: tf.Tensor2D | null = null;
  const last = layers.length - 1;
  layers.forEach((_l, i) => {
    let t = tf.matMul(capture.inputs[i]!, deltas[i]!);
    if (sd !== null) {
      const prev = layers[i - 1]!;
      const s = capture.preactivations[i - 1]!;
      const ad = tf.mul(sd, prev.rule.derivative(s, prev.rule.apply(s)));
      t = tf.add(t, tf.matMul(ad, kernels[i]!));
    }
    sd = t as tf.Tensor2D;
  });
  const zd = sd as unknown as tf.Tensor2D;
  const sL = capture.preactivations[last]!;
  let q: tf.Tensor;
  if (likelihood.type === 'categorical') {
    const p = tf.softmax(sL);
    q = tf.sub(tf.sum(tf.mul(p, tf.square(zd)), -1), tf.square(tf.sum(tf.mul(p, zd), -1)));
  } else if (likelihood.type === 'bernoulli') {
    const p = tf.sigmoid(sL);
    q = tf.sum(tf.mul(tf.mul(p, tf.sub(1, p)), tf.square(zd)), -1);
  } else {
    const l = layers[last]!;
    const d = l.activation === 'linear' ? zd : tf.mul(zd, l.rule.derivative(sL, l.rule.apply(sL)));
    q = tf.div(tf.sum(tf.square(d), -1), (likelihood.sigma ?? 1) ** 2);
  }
  return tf.mean(q) as tf.Scalar;
}
