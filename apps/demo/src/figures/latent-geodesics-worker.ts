/// <reference lib="webworker" />
import codesUrl from '@infogeom/pullback/models/mnist-codes.bin?url';
import weightsUrl from '@infogeom/pullback/models/mnist-decoder.bin?url';
import manifestUrl from '@infogeom/pullback/models/mnist-decoder.json?url';
import labelsUrl from '@infogeom/pullback/models/mnist-labels.bin?url';
import { figureMetric, latentGeodesic, magnificationHeatmap } from './latent-geodesics-compute.js';
import { buildLatentModel, type DecoderManifest, type LatentModel } from './latent-geodesics-model.js';
import rbfUrl from './latent-geodesics-rbf.bin?url';

/** A request: the endpoints, the metric, and whether the heat map is needed (the page caches it). */
export interface LatentRequest {
  /** Request id, echoed in every answer. */
  id: number;
  /** Start code. */
  z0: [number, number];
  /** End code. */
  z1: [number, number];
  /** Whether the RBF variance network is on. */
  variance: boolean;
  /** Whether to compute the magnification heat map of this metric. */
  heatmap: boolean;
}

/** Messages from the worker. */
export type LatentMessage =
  | { type: 'progress'; id: number; fraction: number; stage: string }
  | { type: 'codes'; codes: Float64Array; labels: Uint8Array }
  | { type: 'heatmap'; id: number; variance: boolean; values: Float64Array }
  | {
      type: 'done';
      id: number;
      length: number;
      straightLength: number;
      ratio: number;
      iterations: number;
      converged: boolean;
      residual: number;
      points: Float64Array;
      straightImages: Float64Array;
      geodesicImages: Float64Array;
      geodesicCodes: Float64Array;
      straightCodes: Float64Array;
    }
  | { type: 'error'; id: number; message: string };

/** Every CODE_STRIDE-th training code is drawn. */
const CODE_STRIDE = 5;

const post = (m: LatentMessage, transfer: Transferable[] = []): void => self.postMessage(m, transfer);

/** Progress, at most every 2 % (few messages: the page repaints on each). */
let lastFraction = -1;
let lastStage = '';
const progress = (id: number, fraction: number, stage: string): void => {
  if (stage === lastStage && fraction - lastFraction < 0.02) return;
  lastFraction = fraction;
  lastStage = stage;
  post({ type: 'progress', id, fraction, stage });
};

const bytes = async (url: string): Promise<ArrayBuffer> => {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
  return r.arrayBuffer();
};

let model: Promise<LatentModel> | undefined;
const load = (): Promise<LatentModel> => {
  model ??= (async () => {
    const [manifest, weights, codes, labels, variance] = await Promise.all([
      fetch(manifestUrl).then((r) => r.json() as Promise<DecoderManifest>),
      bytes(weightsUrl),
      bytes(codesUrl),
      bytes(labelsUrl),
      bytes(rbfUrl),
    ]);
    const m = buildLatentModel({ manifest, weights, codes, labels, variance });
    const n = Math.floor(m.labels.length / CODE_STRIDE);
    const sub = new Float64Array(2 * n);
    const lab = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      sub[2 * i] = m.codes[2 * i * CODE_STRIDE]!;
      sub[2 * i + 1] = m.codes[2 * i * CODE_STRIDE + 1]!;
      lab[i] = m.labels[i * CODE_STRIDE]!;
    }
    post({ type: 'codes', codes: sub, labels: lab }, [sub.buffer, lab.buffer]);
    return m;
  })();
  return model;
};

self.onmessage = async (ev: MessageEvent<LatentRequest>) => {
  const { id, z0, z1, variance, heatmap } = ev.data;
  try {
    const m = await load();
    const h0 = 0.02;
    const g0 = heatmap ? 0.5 : h0;
    lastFraction = -1;
    progress(id, h0, 'model loaded');
    if (heatmap) {
      const values = magnificationHeatmap(figureMetric(m, variance), (f) =>
        progress(id, h0 + (g0 - h0) * f, 'magnification factor'),
      );
      post({ type: 'heatmap', id, variance, values }, [values.buffer]);
    }
    // Geodesic progress: log of the residual's decrease towards the tolerance 1e-6.
    let r0: number | undefined;
    const r = latentGeodesic(m, variance, z0, z1, (_it, residual) => {
      r0 ??= Math.max(residual, 1e-5);
      const f = Math.min(1, Math.max(0, Math.log(r0 / residual) / Math.log(r0 / 1e-6)));
      progress(id, g0 + (0.97 - g0) * f, 'geodesic');
    });
    const g = r.geodesic;
    post(
      {
        type: 'done',
        id,
        length: g.length,
        straightLength: r.straightLength,
        ratio: r.ratio,
        iterations: g.iterations,
        converged: g.converged,
        residual: g.residual,
        points: g.points,
        straightImages: r.straightImages,
        geodesicImages: r.geodesicImages,
        geodesicCodes: r.geodesicCodes,
        straightCodes: r.straightCodes,
      },
      [g.points.buffer, r.straightImages.buffer, r.geodesicImages.buffer],
    );
  } catch (e) {
    post({ type: 'error', id, message: String(e) });
  }
};
