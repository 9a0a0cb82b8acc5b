/// <reference lib="webworker" />
import { type DatasetName, fetchDigits, makeDataset } from './dimred-data.js';
import { manifoldEmbedding } from './manifold-learning-compute.js';

/** A request to the manifold-learning worker. */
export interface ManifoldRequest {
  /** Data set. */
  data: DatasetName;
  /** Number of points. */
  n: number;
  /** Registered embedder name. */
  method: string;
  /** Neighbourhood control (k, or the perplexity for t-SNE). */
  k: number;
  /** Seed of the data and the embedder. */
  seed: number;
  /** URL of the digits asset, resolved against the page. */
  digitsUrl: string;
}

/** Messages from the worker: progress, the data (for the 3-D view), the result, or an error. */
export type ManifoldMessage =
  | { type: 'progress'; fraction: number; stage: string }
  | { type: 'data'; view: Float64Array; colour: Float64Array; categorical: boolean; n: number }
  | {
      type: 'done';
      embedding: Float64Array;
      trustworthiness: number;
      mle: number;
      twoNn: number;
      runtimeMs: number;
    }
  | { type: 'error'; message: string };

const post = (m: ManifoldMessage, transfer: Transferable[] = []): void => self.postMessage(m, transfer);

self.onmessage = async (ev: MessageEvent<ManifoldRequest>) => {
  const { data, n, method, k, seed, digitsUrl } = ev.data;
  try {
    post({ type: 'progress', fraction: 0, stage: data === 'digits' ? 'loading digits' : 'generating data' });
    const digits = data === 'digits' ? await fetchDigits(digitsUrl) : undefined;
    const set = makeDataset(data, n, seed, digits);
    post({
      type: 'data',
      view: set.view.slice(),
      colour: set.colour.slice(),
      categorical: set.categorical,
      n: set.points.rows,
    });
    // Progress messages at most every 40 ms (iterative embedders report every step).
    let last = 0;
    const r = manifoldEmbedding(set.points, method, k, seed, (fraction) => {
      const t = performance.now();
      if (t - last < 40) return;
      last = t;
      post({ type: 'progress', fraction, stage: fraction < 0.9 ? method : 'scoring' });
    });
    post({ type: 'progress', fraction: 1, stage: 'done' });
    post(
      {
        type: 'done',
        embedding: r.embedding,
        trustworthiness: r.trustworthiness,
        mle: r.mle,
        twoNn: r.twoNn,
        runtimeMs: r.runtimeMs,
      },
      [r.embedding.buffer],
    );
  } catch (e) {
    post({ type: 'error', message: e instanceof Error ? e.message : String(e) });
  }
};
