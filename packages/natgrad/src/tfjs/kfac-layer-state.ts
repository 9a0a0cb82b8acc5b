import type { DenseLayerView } from '@infogeom/fisher/tfjs';
import * as tf from '@tensorflow/tfjs';
import { dampedInverse, type FactorEigen, factorEigen, factoredInverse, piAdjustment } from './kfac-eigen.js';
import type { KfacDampingMode } from './kfac-options.js';

/** The saved curvature of one layer (plain arrays: JSON-safe and exact for float32 and float64). */
export interface KfacLayerStateJson {
  /** Layer name (checked on restore). */
  name: string;
  /** Running A, row-major in'×in' (float32 values). */
  A: number[];
  /** Running G, row-major out×out (float32 values). */
  G: number[];
  /** Eigenvectors of A at the last inverse update (float32 values), or null before the first. */
  UA: number[] | null;
  /** Eigenvectors of G at the last inverse update, or null. */
  UG: number[] | null;
  /** Eigenvalues of A (float64), or null. */
  valuesA: number[] | null;
  /** Eigenvalues of G (float64), or null. */
  valuesG: number[] | null;
  /** EK-FAC scalings in kernel layout [in', out], or null. */
  scalings: number[] | null;
}

const disposeEigen = (e: FactorEigen | null): void => {
  e?.U.dispose();
  e?.Ut.dispose();
};

const eigenOf = (u: number[], n: number, values: number[]): FactorEigen => {
  const U = tf.tensor2d(Float32Array.from(u), [n, n]);
  return { U, Ut: tf.transpose(U), values: Float64Array.from(values) };
};

/** Running factors, eigenbases and damped inverse of one dense layer (internal to the K-FAC classes). */
export class KfacLayerState {
  /** The layer. */
  readonly layer: DenseLayerView;
  /** in' (with the homogeneous coordinate). */
  readonly p: number;
  /** out. */
  readonly q: number;
  /** Running A. */
  readonly A: tf.Variable;
  /** Running G. */
  readonly G: tf.Variable;
  /** EK-FAC scalings [in', out] (zeros for K-FAC). */
  readonly S: tf.Variable;
  /** Eigendecomposition of A, or null. */
  eigA: FactorEigen | null = null;
  /** Eigendecomposition of G, or null. */
  eigG: FactorEigen | null = null;
  /** π of the factored damping at the last inverse update. */
  pi = 1;
  /** 1/damped eigenvalues [in', out] for the damping {@link KfacLayerState.inverseDamping}. */
  inverse: tf.Tensor2D | null = null;
  /** Damped factor inverses of the factored damping, or null. */
  kron: { Ainv: tf.Tensor2D; Ginv: tf.Tensor2D } | null = null;
  /** The damping `inverse` / `kron` was built for. */
  inverseDamping = Number.NaN;

  /**
   * Allocates zero factors for `layer`.
   * @param layer - the dense layer
   */
  constructor(layer: DenseLayerView) {
    this.layer = layer;
    this.p = layer.inputDim + (layer.bias === null ? 0 : 1);
    this.q = layer.outputDim;
    const zeros = (shape: [number, number]) => tf.tidy(() => tf.variable(tf.zeros(shape), false));
    this.A = zeros([this.p, this.p]);
    this.G = zeros([this.q, this.q]);
    this.S = zeros([this.p, this.q]);
  }

  /**
   * Blends a batch estimate into a running factor (the first estimate replaces the zeros).
   * @param v - the running factor
   * @param batch - the batch estimate
   * @param decay - running-average decay
   * @param first - whether this is the first update
   */
  static blend(v: tf.Variable, batch: tf.Tensor, decay: number, first: boolean): void {
    v.assign(first ? batch : tf.add(tf.mul(v, decay), tf.mul(batch, 1 - decay)));
  }

  /** Recomputes the eigendecompositions of the running factors and resets EK-FAC scalings to K-FAC's. */
  updateEigen(): void {
    const ea = factorEigen(this.A as unknown as tf.Tensor2D, `${this.layer.name}.A`);
    const eg = factorEigen(this.G as unknown as tf.Tensor2D, `${this.layer.name}.G`);
    disposeEigen(this.eigA);
    disposeEigen(this.eigG);
    this.eigA = ea;
    this.eigG = eg;
    this.pi = piAdjustment(ea.values, eg.values);
    this.S.assign(
      tf.tidy(() =>
        tf.outerProduct(tf.tensor1d(Float32Array.from(ea.values)), tf.tensor1d(Float32Array.from(eg.values))),
      ),
    );
    this.clearInverse();
  }

  /**
   * Rebuilds the damped inverse eigenvalues when the damping changed (K-FAC only).
   * @param damping - λ
   * @param mode - factored or exact
   */
  refreshInverse(damping: number, mode: KfacDampingMode): void {
    if ((this.inverse !== null || this.kron !== null) && this.inverseDamping === damping) return;
    this.clearInverse();
    const ea = this.eigA!;
    const eg = this.eigG!;
    if (mode === 'factored') {
      // (A + π√λI)⁻¹ and (G + √λ/π I)⁻¹ as matrices: one big product per step instead of two
      const { ia, ig } = factoredInverse(ea.values, eg.values, this.pi, damping, this.layer.name);
      this.kron = tf.tidy(() => ({
        Ainv: tf.keep(tf.matMul(tf.mul(ea.U, tf.tensor1d(ia)), ea.Ut)) as tf.Tensor2D,
        Ginv: tf.keep(tf.matMul(tf.mul(eg.U, tf.tensor1d(ig)), eg.Ut)) as tf.Tensor2D,
      }));
    } else {
      const d = dampedInverse(ea.values, eg.values, this.pi, damping, mode, this.layer.name);
      this.inverse = tf.keep(tf.tensor2d(d, [this.p, this.q]));
    }
    this.inverseDamping = damping;
  }

  /** Frees the damped inverse (it is rebuilt on demand). */
  private clearInverse(): void {
    this.inverse?.dispose();
    this.inverse = null;
    this.kron?.Ainv.dispose();
    this.kron?.Ginv.dispose();
    this.kron = null;
    this.inverseDamping = Number.NaN;
  }

  /**
   * U_A [(U_Aᵀ V U_G) ∘ D] U_Gᵀ with D the damped inverse eigenvalues (or 1/(S + λ) for EK-FAC).
   * @param V - gradient in kernel layout [in', out]
   * @param ekfacDamping - λ for EK-FAC, or null for K-FAC (uses {@link KfacLayerState.inverse})
   */
  precondition(V: tf.Tensor2D, ekfacDamping: number | null): tf.Tensor2D {
    if (ekfacDamping === null && this.kron !== null)
      return tf.matMul(tf.matMul(this.kron.Ainv, V), this.kron.Ginv) as tf.Tensor2D;
    const { U: UA, Ut: UAt } = this.eigA!;
    const { U: UG, Ut: UGt } = this.eigG!;
    const z = tf.matMul(tf.matMul(UAt, V), UG);
    const d = ekfacDamping === null ? this.inverse! : tf.reciprocal(tf.add(this.S, ekfacDamping));
    return tf.matMul(tf.matMul(UA, tf.mul(z, d)), UGt) as tf.Tensor2D;
  }

  /** A JSON-safe snapshot. */
  toJson(): KfacLayerStateJson {
    const arr = (t: tf.Tensor | null | undefined): number[] | null =>
      t == null ? null : Array.from(t.dataSync());
    return {
      name: this.layer.name,
      A: Array.from(this.A.dataSync()),
      G: Array.from(this.G.dataSync()),
      UA: arr(this.eigA?.U),
      UG: arr(this.eigG?.U),
      valuesA: this.eigA === null ? null : Array.from(this.eigA.values),
      valuesG: this.eigG === null ? null : Array.from(this.eigG.values),
      scalings: Array.from(this.S.dataSync()),
    };
  }

  /**
   * Restores a snapshot taken by {@link KfacLayerState.toJson} (shapes already checked by the caller).
   * @param s - the snapshot
   */
  fromJson(s: KfacLayerStateJson): void {
    tf.tidy(() => {
      this.A.assign(tf.tensor2d(Float32Array.from(s.A), [this.p, this.p]));
      this.G.assign(tf.tensor2d(Float32Array.from(s.G), [this.q, this.q]));
      if (s.scalings !== null) this.S.assign(tf.tensor2d(Float32Array.from(s.scalings), [this.p, this.q]));
    });
    disposeEigen(this.eigA);
    disposeEigen(this.eigG);
    this.eigA = null;
    this.eigG = null;
    if (s.UA !== null && s.UG !== null && s.valuesA !== null && s.valuesG !== null) {
      this.eigA = eigenOf(s.UA, this.p, s.valuesA);
      this.eigG = eigenOf(s.UG, this.q, s.valuesG);
      this.pi = piAdjustment(this.eigA.values, this.eigG.values);
    }
    this.clearInverse();
  }

  /** Frees every tensor of this state. */
  dispose(): void {
    this.A.dispose();
    this.G.dispose();
    this.S.dispose();
    disposeEigen(this.eigA);
    disposeEigen(this.eigG);
    this.clearInverse();
  }
}
