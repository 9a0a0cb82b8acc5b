/**
 * A tiny dense network z = W_L φ(… φ(W_1 x̄) …) (biases as homogeneous coordinates) with a
 * Gaussian output of unit variance, and its exact per-layer Fisher by brute force: the Fisher of
 * N(z(x), I) w.r.t. the parameters of layer l is E_x[J_lᵀ J_l], with J_l = ∂z/∂vec(W_l).
 */
import { DenseMatrix, type Rng } from '@infogeom/linalg';

/** Weights W_l (out_l × (in_l + 1)) and the hidden nonlinearity. */
export interface Mlp {
  /** Layer weights, bias in the last column. */
  weights: DenseMatrix[];
  /** Hidden activation φ. */
  activation: 'linear' | 'tanh';
}

/** A random network with layer sizes [in, h₁, …, out]. */
export function randomMlp(sizes: number[], activation: Mlp['activation'], rng: Rng): Mlp {
  const weights: DenseMatrix[] = [];
  for (let l = 1; l < sizes.length; l++) {
    const i = sizes[l - 1]!;
    weights.push(DenseMatrix.fromFunction(sizes[l]!, i + 1, () => rng.normal() / Math.sqrt(i)));
  }
  return { weights, activation };
}

/** Per layer: the input ā (with the trailing 1) and B = ∂z/∂s_l (K × out_l). */
export interface LayerJacobian {
  /** Homogeneous layer input. */
  abar: Float64Array;
  /** Jacobian of the network output w.r.t. the layer's pre-activations. */
  B: DenseMatrix;
}

/** Forward and backward pass of one input x. */
export function layerJacobians(net: Mlp, x: ArrayLike<number>): LayerJacobian[] {
  const L = net.weights.length;
  const abars: Float64Array[] = [];
  const derivs: Float64Array[] = [];
  let h = Float64Array.from(x);
  for (let l = 0; l < L; l++) {
    const W = net.weights[l]!;
    const abar = new Float64Array(h.length + 1);
    abar.set(h);
    abar[h.length] = 1;
    abars.push(abar);
    const s = new Float64Array(W.rows);
    for (let o = 0; o < W.rows; o++) {
      let t = 0;
      for (let i = 0; i < W.cols; i++) t += W.data[o * W.cols + i]! * abar[i]!;
      s[o] = t;
    }
    const tanh = net.activation === 'tanh' && l < L - 1;
    derivs.push(Float64Array.from(s, (v) => (tanh ? 1 - Math.tanh(v) ** 2 : 1)));
    h = tanh ? Float64Array.from(s, Math.tanh) : s;
  }
  const K = net.weights[L - 1]!.rows;
  const Bs: DenseMatrix[] = new Array(L);
  Bs[L - 1] = DenseMatrix.identity(K);
  for (let l = L - 2; l >= 0; l--) {
    const Wn = net.weights[l + 1]!;
    const Bn = Bs[l + 1]!;
    const d = derivs[l]!;
    Bs[l] = DenseMatrix.fromFunction(K, d.length, (k, o) => {
      let t = 0;
      for (let j = 0; j < Wn.rows; j++) t += Bn.data[k * Bn.cols + j]! * Wn.data[j * Wn.cols + o]!;
      return t * d[o]!;
    });
  }
  return abars.map((abar, l) => ({ abar, B: Bs[l]! }));
}

/** The exact Fisher block of layer l over the inputs (rows of X): (1/n) Σ J_lᵀJ_l, J_l[k, o·in'+i] = B[k,o]āᵢ. */
export function exactLayerFisher(net: Mlp, X: DenseMatrix, l: number): DenseMatrix {
  let F: DenseMatrix | undefined;
  for (let r = 0; r < X.rows; r++) {
    const { abar, B } = layerJacobians(net, X.row(r))[l]!;
    const p = abar.length * B.cols;
    F ??= new DenseMatrix(p, p);
    const J = DenseMatrix.fromFunction(B.rows, p, (k, c) => {
      const o = Math.floor(c / abar.length);
      return B.data[k * B.cols + o]! * abar[c - o * abar.length]!;
    });
    for (let i = 0; i < p; i++)
      for (let j = 0; j < p; j++) {
        let t = 0;
        for (let k = 0; k < J.rows; k++) t += J.data[k * p + i]! * J.data[k * p + j]!;
        F.data[i * p + j]! += t / X.rows;
      }
  }
  return F!;
}

/** The exact K-FAC factors of layer l: A = E[āāᵀ], G = E_x[BᵀB] (= E_{x,y}[ggᵀ] for y ~ N(z, I)). */
export function exactKfacFactors(net: Mlp, X: DenseMatrix, l: number): { A: DenseMatrix; G: DenseMatrix } {
  let A: DenseMatrix | undefined;
  let G: DenseMatrix | undefined;
  for (let r = 0; r < X.rows; r++) {
    const { abar, B } = layerJacobians(net, X.row(r))[l]!;
    A ??= new DenseMatrix(abar.length, abar.length);
    G ??= new DenseMatrix(B.cols, B.cols);
    for (let i = 0; i < abar.length; i++)
      for (let j = 0; j < abar.length; j++) A.data[i * abar.length + j]! += (abar[i]! * abar[j]!) / X.rows;
    for (let o = 0; o < B.cols; o++)
      for (let q = 0; q < B.cols; q++) {
        let t = 0;
        for (let k = 0; k < B.rows; k++) t += B.data[k * B.cols + o]! * B.data[k * B.cols + q]!;
        G.data[o * B.cols + q]! += t / X.rows;
      }
  }
  return { A: A!, G: G! };
}
