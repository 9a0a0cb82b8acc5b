/// <reference lib="webworker" />
import { type MuSigma, type NaturalGradientPaths, naturalGradientPaths } from './natural-gradient-paths.js';

/** A request to the worker: one state of the figure. */
export interface NaturalGradientRequest {
  /** Request number, echoed in the answer. */
  id: number;
  /** Start (μ, σ). */
  start: MuSigma;
  /** Step size α. */
  step: number;
  /** Iterations. */
  iterations: number;
}

/** Messages from the worker: progress, then the result. */
export type NaturalGradientMessage =
  | { type: 'progress'; id: number; fraction: number }
  | { type: 'done'; id: number; result: NaturalGradientPaths };

self.onmessage = (ev: MessageEvent<NaturalGradientRequest>) => {
  const { id, start, step, iterations } = ev.data;
  const result = naturalGradientPaths(start, step, iterations, (fraction) =>
    self.postMessage({ type: 'progress', id, fraction } satisfies NaturalGradientMessage),
  );
  self.postMessage({ type: 'done', id, result } satisfies NaturalGradientMessage);
};
