import { type DenseMatrix, matmulTransA, svd } from '@infogeom/linalg';

/**
 * Relative Procrustes residual of Y against the truth T (both n × d): min over scale s, rotation or
 * reflection R and shift c of ‖sYR + c − T‖²_F / ‖T − mean(T)‖²_F, in [0, 1]; 0 means Y is T up to a similarity.
 */
export function procrustesResidual(Y: DenseMatrix, T: DenseMatrix): number {
  const n = Y.rows;
  const d = Y.cols;
  const centre = (M: DenseMatrix): DenseMatrix => {
    const A = M.clone();
    for (let j = 0; j < d; j++) {
      let m = 0;
      for (let i = 0; i < n; i++) m += A.data[i * d + j]!;
      m /= n;
      for (let i = 0; i < n; i++) A.data[i * d + j]! -= m;
    }
    return A;
  };
  const A = centre(Y);
  const B = centre(T);
  const { s } = svd(matmulTransA(A, B));
  let ya = 0;
  let tb = 0;
  for (const v of A.data) ya += v * v;
  for (const v of B.data) tb += v * v;
  let tr = 0;
  for (const v of s) tr += v;
  return Math.max(0, 1 - (tr * tr) / (ya * tb));
}
