/**
 * Approximate kNN by NN-descent against the exact blocked brute force on real handwritten digits:
 * time, speed-up and recall (k = 15, euclidean and cosine).
 */
import { DenseMatrix } from '@infogeom/linalg';
import { benchSize, compare, printTable } from '../../../tooling/bench/harness.js';
import { loadMnist } from '../../../tooling/bench/mnist.js';
import { exactKnn } from '../src/knn/exact-knn.js';
import type { KnnGraph, KnnMetric } from '../src/knn/knn-graph.js';
import { nnDescent } from '../src/knn/nn-descent.js';
import { knnRecall } from '../src/knn/nn-descent-recall.js';

export async function run(): Promise<void> {
  const n = benchSize() === 'small' ? 2000 : 10_000;
  const digits = loadMnist(n);
  const X = new DenseMatrix(n, 784, Float64Array.from(digits.images));
  const rows = [];
  const notes: string[] = [];
  for (const metric of ['euclidean', 'cosine'] as KnnMetric[]) {
    let approx: KnnGraph | undefined;
    let exact: KnnGraph | undefined;
    let iterations = 0;
    let evaluations = 0;
    rows.push(
      compare(
        `kNN, ${n} MNIST digits, k = 15, ${metric}`,
        {
          name: 'NN-descent',
          run: () => {
            const r = nnDescent(X, { k: 15, metric, seed: 0 });
            iterations = r.iterations;
            evaluations = r.distanceEvaluations;
            approx = r;
            return r;
          },
        },
        {
          name: 'exact kNN',
          run: () => {
            exact = exactKnn(X, { k: 15, metric });
            return exact;
          },
        },
        1,
        0,
      ),
    );
    notes.push(
      `${metric}: recall ${knnRecall(approx!, exact!).toFixed(4)}, ${iterations} iterations, ` +
        `${evaluations} distance evaluations (${((100 * evaluations) / ((n * (n - 1)) / 2)).toFixed(1)}% of brute force)`,
    );
  }
  printTable(rows);
  console.log('');
  for (const s of notes) console.log(s);
}
