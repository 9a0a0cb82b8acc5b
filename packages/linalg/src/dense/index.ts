/**
 * Dense decompositions and the solvers built on them: Cholesky, LU, QR, SVD, least squares,
 * SPD matrix functions, nearest SPD matrix and whitening. Every function accepts any
 * `MatrixInput` and returns a `DenseMatrix` or a `Float64Array`.
 */
export { type CholeskyOptions, cholesky, choleskySolve, type JitteredCholesky } from './cholesky.js';
export { type LstsqResult, lstsq } from './lstsq.js';
export { det, type LuResult, lu, luSolve, type SignedLogDet, slogdet } from './lu.js';
export { add, frobeniusNorm, scale, sub, symmetrize, trace } from './matrix-ops.js';
export { type NearestSpdOptions, nearestSpd } from './nearest-spd.js';
export { type QrOptions, type QrResult, qr } from './qr.js';
export type { RightHandSide, Solution } from './rhs.js';
export { inverse, solve } from './solve.js';
export { dampedSolve, spdInverse, spdLogdet, spdSolve } from './spd.js';
export {
  type SpectrumDomain,
  spdExpm,
  spdInvSqrt,
  spdLogm,
  spdPower,
  spdSqrt,
  symmetricMatrixFunction,
} from './spd-functions.js';
export { type SvdOptions, type SvdResult, svd } from './svd.js';
export { cond, nuclearNorm, pinv, type RankOptions, rank, spectralNorm } from './svd-derived.js';
export { solveLowerTriangular, solveUpperTriangular, type TriangularSolveOptions } from './triangular.js';
export { fitWhitening, type Whitening, type WhiteningOptions } from './whitening.js';
