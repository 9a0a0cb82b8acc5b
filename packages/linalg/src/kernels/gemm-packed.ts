/**
 * GEMM with a pre-packed right operand: for products that reuse one B many times (the weights of a network
 * applied to a new batch of activations at every call), the packing of B — as costly as the multiplication
 * itself when A has only a few rows — is done once.
 */
import { DimensionMismatchError, InvalidArgumentError } from '../core/errors.js';
import { gemm, gemmBlocked, KC, NC, type PackedBSource, type StridedMatrix } from './gemm.js';
import { packB, roundUp4 } from './gemm-pack.js';
import {
  type ResidentBlock,
  releaseResident,
  residentBlock,
  type SimdKernels,
  simdKernels,
} from './simd-runtime.js';

/**
 * op(B) packed once for {@link gemmPacked} (a snapshot: later changes to B are not seen). With the wasm
 * kernels its packed form is also kept in the module's memory (copied there at the first product, released
 * when the operand is garbage-collected), so a product reads it in place instead of copying it per call.
 */
export interface PackedGemmOperand {
  /** Rows of op(B) (the inner dimension k of the product). */
  readonly rows: number;
  /** Columns of op(B) (the columns n of the product). */
  readonly cols: number;
  /** op(B) as row-major k×n (for products too small to block). */
  readonly dense: Float64Array;
  /** The packed blocks, in the order the blocked product reads them. */
  readonly packed: Float64Array;
}

/** Resident copies of packed operands, released with them. */
const residents = new WeakMap<PackedGemmOperand, ResidentBlock>();
const registry =
  typeof FinalizationRegistry === 'function'
    ? new FinalizationRegistry<ResidentBlock>((block) => releaseResident(block))
    : undefined;

function residentOf(k: SimdKernels, Bp: PackedGemmOperand): ResidentBlock {
  let block = residents.get(Bp);
  if (block === undefined) {
    block = residentBlock(k, Bp.packed);
    residents.set(Bp, block);
    registry?.register(Bp, block);
  }
  return block;
}

/** Offset of block (jc, pc) in the packed storage. */
function blockOffset(k: number, n: number, jc: number, pc: number): number {
  // Full column blocks before jc hold k·NC entries each (NC is a multiple of 4); within the column
  // block, full depth blocks before pc hold KC·roundUp4(nc) each.
  const nc = Math.min(NC, n - jc);
  return jc * k + pc * roundUp4(nc);
}

/**
 * Packs op(B) (B, or Bᵀ when `transB`), k×n, for {@link gemmPacked}.
 * @param transB - use Bᵀ
 * @param k - rows of op(B)
 * @param n - columns of op(B)
 * @param B - strided view of B
 * @returns the packed operand
 */
export function packGemmOperand(transB: boolean, k: number, n: number, B: StridedMatrix): PackedGemmOperand {
  if (!(Number.isInteger(k) && k >= 0)) throw new InvalidArgumentError('k', k, 'an integer ≥ 0');
  if (!(Number.isInteger(n) && n >= 0)) throw new InvalidArgumentError('n', n, 'an integer ≥ 0');
  const last =
    k === 0 || n === 0 ? B.offset - 1 : B.offset + (transB ? (n - 1) * B.ld + k - 1 : (k - 1) * B.ld + n - 1);
  if (last >= B.data.length)
    throw new DimensionMismatchError(
      'B.data.length',
      B.data.length,
      `at least ${last + 1} for a ${k}×${n} op(B)`,
    );
  const dense = new Float64Array(k * n);
  for (let p = 0; p < k; p++)
    for (let j = 0; j < n; j++)
      dense[p * n + j] = transB ? B.data[B.offset + j * B.ld + p]! : B.data[B.offset + p * B.ld + j]!;
  let size = 0;
  for (let jc = 0; jc < n; jc += NC) size += k * roundUp4(Math.min(NC, n - jc));
  const packed = new Float64Array(size);
  for (let jc = 0; jc < n; jc += NC) {
    const nc = Math.min(NC, n - jc);
    for (let pc = 0; pc < k; pc += KC) {
      const kc = Math.min(KC, k - pc);
      packB(packed, blockOffset(k, n, jc, pc), dense, 0, n, false, pc, kc, jc, nc);
    }
  }
  return { rows: k, cols: n, dense, packed };
}

/** Below this many multiply–adds (m·n·k) the unblocked product is used (packing A does not pay). */
const SMALL = 2048;

/**
 * C ← alpha·op(A)·Bp + beta·C with op(B) pre-packed by {@link packGemmOperand} (the blocked kernels of
 * `gemm`, bit for bit the same result as `gemm` on products of 24³ multiply–adds or more; B is neither packed
 * nor copied per call). op(A) is m×Bp.rows. Unchecked
 * like `gemm`: the caller guarantees A's and C's shapes and strides; C must not alias A.
 * @param transA - use Aᵀ
 * @param m - rows of op(A) and C
 * @param alpha - scale of the product
 * @param A - strided view of A
 * @param Bp - the packed right operand (k×n)
 * @param beta - scale of the old C (0: overwrite)
 * @param C - strided view of C (output, m×n)
 */
export function gemmPacked(
  transA: boolean,
  m: number,
  alpha: number,
  A: StridedMatrix,
  Bp: PackedGemmOperand,
  beta: number,
  C: StridedMatrix,
): void {
  const { rows: k, cols: n, packed } = Bp;
  if (m === 0 || n === 0) return;
  if (k === 0 || alpha === 0 || m * n * k < SMALL) {
    gemm(transA, false, m, n, k, alpha, A, { data: Bp.dense, offset: 0, ld: n }, beta, C);
    return;
  }
  // Place the resident copy now: allocating it may grow the memory, which must not happen mid-product.
  const kern = simdKernels();
  if (kern !== null) residentOf(kern, Bp);
  const source: PackedBSource = {
    simd: (kern, _mem, _bPtr, pc, _kc, jc) => residentOf(kern, Bp).offset + blockOffset(k, n, jc, pc),
    js: (_buf, pc, kc, jc, nc) => {
      const o = blockOffset(k, n, jc, pc);
      return packed.subarray(o, o + kc * roundUp4(nc));
    },
  };
  gemmBlocked(transA, m, n, k, alpha, A, source, beta, C);
}
