/// <reference lib="webworker" />
import { computeFisherSpectrum, type SpectrumOptions, type SpectrumResult } from './fisher-spectrum-model.js';

/** Messages from the worker: progress (with the current stage), then the result. */
export type SpectrumMessage =
  | { type: 'progress'; fraction: number; stage: string }
  | { type: 'done'; result: SpectrumResult };

self.onmessage = (ev: MessageEvent<SpectrumOptions>) => {
  let last = -1;
  const result = computeFisherSpectrum(ev.data, (fraction, stage) => {
    // Throttle: at most ~100 progress messages per run.
    if (fraction - last < 0.01 && fraction < 1) return;
    last = fraction;
    self.postMessage({ type: 'progress', fraction, stage } satisfies SpectrumMessage);
  });
  self.postMessage({ type: 'done', result } satisfies SpectrumMessage);
};
