/**
 * Fits the RBF variance network of figure 4 and writes `latent-geodesics-rbf.bin` (Node only, not part of
 * the bundle). The browser has no training images, so the fit — σ(z) to the squared reconstruction residuals
 * of the first 1,000 MNIST digits, 32 k-means centres, ζ = 1e-3, 100 multiplicative updates, seed 2018, the
 * settings of @infogeom/pullback's bench/mnist-variance.ts — is done once here and committed.
 *
 * Run: `cd apps/demo && npx tsx --conditions=@infogeom/source src/figures/latent-geodesics-fit-variance.ts`
 */
import { writeFileSync } from 'node:fs';
import { createRng } from '@infogeom/linalg';
import { fitRbfVariance } from '@infogeom/pullback';
import { loadMnist } from '../../../../tooling/bench/mnist.js';
import { buildLatentModel, encodeVariance } from './latent-geodesics-model.js';
import { readModelBytes } from './latent-geodesics-node.js';

const n = 1000;
const { variance: _, ...bytes } = readModelBytes();
const model = buildLatentModel(bytes);
const { images } = loadMnist(n);
const codes = model.codes.subarray(0, 2 * n);
const mu = model.decode(codes, n);
const R = new Float64Array(n * 784);
for (let i = 0; i < R.length; i++) R[i] = (images[i]! - mu[i]!) ** 2;
const sigma = fitRbfVariance(codes, 2, R, 784, {
  rng: createRng(2018),
  centres: 32,
  zeta: 1e-3,
  iterations: 100,
});
const out = new URL('./latent-geodesics-rbf.bin', import.meta.url);
writeFileSync(out, new Uint8Array(encodeVariance(sigma)));
console.log(`wrote ${out.pathname}: ${sigma.lambdas.length} centres, ${sigma.outputDimension} outputs`);
