/// <reference lib="webworker" />
import { type CrFamily, simulateMle } from './mle-simulation.js';

/** A request to the worker. */
export interface MleRequest {
  /** Family key. */
  family: CrFamily;
  /** Sample size. */
  n: number;
  /** Replicates. */
  reps: number;
  /** Seed. */
  seed: number;
}

/** Messages from the worker: progress, then the result. */
export type MleMessage =
  | { type: 'progress'; fraction: number }
  | { type: 'done'; scaled: Float64Array; nVariance: number; bound: number };

self.onmessage = (ev: MessageEvent<MleRequest>) => {
  const { family, n, reps, seed } = ev.data;
  const r = simulateMle(family, n, reps, seed, (fraction) =>
    self.postMessage({ type: 'progress', fraction } satisfies MleMessage),
  );
  self.postMessage(
    { type: 'done', scaled: r.scaled, nVariance: r.nVariance, bound: r.bound } satisfies MleMessage,
    [r.scaled.buffer],
  );
};
