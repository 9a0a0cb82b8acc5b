import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { DecoderManifest, ModelBytes } from './latent-geodesics-model.js';

// Node-side loader of figure 4's model files (tests and the fitting script); the worker fetches the same files.

const buffer = (path: string | URL): ArrayBuffer => {
  const b = readFileSync(path);
  const copy = new Uint8Array(b.byteLength);
  copy.set(b);
  return copy.buffer;
};

/** Reads @infogeom/pullback's committed MNIST decoder and the figure's variance network (when fitted). */
export function readModelBytes(): ModelBytes {
  const require = createRequire(import.meta.url);
  const file = (name: string): string => require.resolve(`@infogeom/pullback/models/${name}`);
  const manifest = JSON.parse(readFileSync(file('mnist-decoder.json'), 'utf8')) as DecoderManifest;
  const variance = new URL('./latent-geodesics-rbf.bin', import.meta.url);
  return {
    manifest,
    weights: buffer(file('mnist-decoder.bin')),
    codes: buffer(file('mnist-codes.bin')),
    labels: buffer(file('mnist-labels.bin')),
    ...(existsSync(variance) ? { variance: buffer(variance) } : {}),
  };
}
