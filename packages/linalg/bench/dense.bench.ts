/**
 * Dense kernels vs ml-matrix, in one process with interleaved paired timing:
 * eigh (n = 500, 1000) against `EigenvalueDecomposition(…, { assumeSymmetric: true })`, and matmul
 * (n = 512) against `Matrix#mmul`, and vectorExp against a `Math.exp` loop. Targets: eigh ≥ 10×,
 * matmul ≥ 4×.
 * `INFOGEOM_BENCH_SIZE=small` runs tiny sizes only (CI smoke).
 */
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { benchSize, type Comparison, compare, printTable } from '../../../tooling/bench/harness.js';
import { DenseMatrix } from '../src/core/dense-matrix.js';
import { sigmoidDerivatives, tanhDerivatives } from '../src/kernels/activation-derivatives.js';
import { eigh } from '../src/kernels/eigh.js';
import { gemm, strided } from '../src/kernels/gemm.js';
import { gemmPacked, packGemmOperand } from '../src/kernels/gemm-packed.js';
import { matmul } from '../src/kernels/matmul.js';
import { getKernelBackend, setKernelBackend, simdAvailable } from '../src/kernels/simd-runtime.js';
import { vectorExp } from '../src/kernels/vector-exp.js';

function randomSymmetric(n: number, seed: number): DenseMatrix {
  let s = seed >>> 0;
  const next = (): number => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296 - 0.5;
  };
  const a = new DenseMatrix(n, n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      const x = next();
      a.data[i * n + j] = x;
      a.data[j * n + i] = x;
    }
  }
  return a;
}

/** Runs the dense benchmarks and prints a Markdown table. */
export async function run(): Promise<void> {
  const small = benchSize() === 'small';
  const eighSizes = small ? [40] : [500, 1000];
  const mmSize = small ? 64 : 512;
  const rows: Comparison[] = [];
  console.log(`wasm SIMD available: ${simdAvailable()} (backend ${getKernelBackend()})`);
  for (const n of eighSizes) {
    const a = randomSymmetric(n, n);
    const ml = new Matrix(a.toArray());
    const repeats = small ? 3 : n >= 1000 ? 3 : 7;
    const warmup = small || n >= 1000 ? 1 : 3; // let V8 tier up the JS and wasm code first
    rows.push(
      compare(
        `eigh n=${n}`,
        { name: 'infogeom', run: () => eigh(a) },
        { name: 'ml-matrix', run: () => new EigenvalueDecomposition(ml, { assumeSymmetric: true }) },
        repeats,
        warmup,
      ),
    );
    rows.push(
      compare(
        `eigh values only n=${n}`,
        { name: 'infogeom', run: () => eigh(a, { vectors: false }) },
        { name: 'infogeom+vectors', run: () => eigh(a) },
        repeats,
      ),
    );
  }
  const x = randomSymmetric(mmSize, 1);
  const y = randomSymmetric(mmSize, 2);
  const mx = new Matrix(x.toArray());
  const my = new Matrix(y.toArray());
  rows.push(
    compare(
      `matmul n=${mmSize}`,
      { name: 'infogeom', run: () => matmul(x, y) },
      { name: 'ml-matrix', run: () => mx.mmul(my) },
      small ? 3 : 7,
    ),
  );
  // Elementwise exp of a sigmoid output block (124 points × 784 pixels) against a Math.exp loop.
  const len = small ? 4096 : 124 * 784;
  const ex = Float64Array.from({ length: len }, (_, i) => -((i * 7919) % 1201) / 100);
  const ey = new Float64Array(len);
  rows.push(
    compare(
      `vectorExp n=${len}`,
      { name: 'infogeom', run: () => vectorExp(ex, ey) },
      {
        name: 'Math.exp loop',
        run: () => {
          for (let i = 0; i < len; i++) ey[i] = Math.exp(ex[i]!);
          return ey;
        },
      },
      small ? 5 : 41,
      small ? 1 : 20,
    ),
  );
  // tanh with σ′, σ″ of a hidden-layer block against a Math.tanh loop computing the same three arrays.
  const th = Float64Array.from({ length: len }, (_, i) => (((i * 7919) % 1201) - 600) / 100);
  const [t0, t1, t2] = [new Float64Array(len), new Float64Array(len), new Float64Array(len)];
  rows.push(
    compare(
      `tanhDerivatives n=${len}`,
      { name: 'infogeom', run: () => tanhDerivatives(th, t0, t1, t2) },
      {
        name: 'Math.tanh loop',
        run: () => {
          for (let i = 0; i < len; i++) {
            const h = Math.tanh(th[i]!);
            const g = 1 - h * h;
            t0[i] = h;
            t1[i] = g;
            t2[i] = -2 * h * g;
          }
          return t0;
        },
      },
      small ? 5 : 41,
      small ? 1 : 20,
    ),
  );
  rows.push(
    compare(
      `sigmoidDerivatives n=${len}`,
      { name: 'infogeom', run: () => sigmoidDerivatives(th, t0, t1, t2) },
      {
        name: 'Math.exp loop',
        run: () => {
          for (let i = 0; i < len; i++) {
            const t = th[i]!;
            const e = Math.exp(-Math.abs(t));
            const h = (t >= 0 ? 1 : e) / (1 + e);
            const g = h * (1 - h);
            t0[i] = h;
            t1[i] = g;
            t2[i] = g * (1 - 2 * h);
          }
          return t0;
        },
      },
      small ? 5 : 41,
      small ? 1 : 20,
    ),
  );
  // A network layer on a few codes (9 × 64 · 64 × 784: the shooting polish's product) with the weights
  // packed once and resident, against gemm packing them at every call.
  const [gm, gk, gn] = [9, 64, 784];
  const ga = Float64Array.from({ length: gm * gk }, (_, i) => Math.sin(i));
  const gw = Float64Array.from({ length: gn * gk }, (_, i) => Math.cos(i));
  const gc = new Float64Array(gm * gn);
  const packed = packGemmOperand(true, gk, gn, strided(gw, gk));
  rows.push(
    compare(
      `gemmPacked ${gm}×${gk}·${gk}×${gn}`,
      {
        name: 'infogeom packed',
        run: () => gemmPacked(false, gm, 1, strided(ga, gk), packed, 0, strided(gc, gn)),
      },
      {
        name: 'gemm',
        run: () => gemm(false, true, gm, gn, gk, 1, strided(ga, gk), strided(gw, gk), 0, strided(gc, gn)),
      },
      small ? 5 : 201,
      small ? 1 : 50,
    ),
  );
  setKernelBackend('js');
  try {
    rows.push(
      compare(
        `matmul n=${mmSize}, pure-JS fallback`,
        { name: 'infogeom-js', run: () => matmul(x, y) },
        { name: 'ml-matrix', run: () => mx.mmul(my) },
        small ? 3 : 5,
      ),
    );
    const n = eighSizes[0]!;
    const a = randomSymmetric(n, 7);
    const ml = new Matrix(a.toArray());
    rows.push(
      compare(
        `eigh n=${n}, pure-JS fallback`,
        { name: 'infogeom-js', run: () => eigh(a) },
        { name: 'ml-matrix', run: () => new EigenvalueDecomposition(ml, { assumeSymmetric: true }) },
        3,
      ),
    );
  } finally {
    setKernelBackend('auto');
  }
  printTable(rows);
}
