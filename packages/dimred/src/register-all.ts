/**
 * Side-effect entry: registers every built-in embedder, so that `embedder('isomap')` works, and types the
 * names through `EmbedderRegistry`. FINE, which needs @infogeom/fisher, lives in
 * `@infogeom/dimred/fine` and registers with `registerEmbedder(fineEmbedder)`.
 * @packageDocumentation
 */
import { manifoldAlignmentEmbedder } from './alignment/index.js';
import { type Embedder, registerEmbedder } from './embedder/index.js';
import { tsne, umap } from './neighbour/index.js';
import { lapRlsEmbedder, lapSvmEmbedder } from './regularisation/index.js';
import { manifoldSculptingEmbedder } from './sculpting/index.js';
import {
  classicalMdsEmbedder,
  diffusionMapsEmbedder,
  hessianLleEmbedder,
  isomapEmbedder,
  landmarkMdsEmbedder,
  laplacianEigenmapsEmbedder,
  lleEmbedder,
  ltsaEmbedder,
  modifiedLleEmbedder,
  pcaEmbedder,
} from './spectral/index.js';

declare module './embedder/registry.js' {
  interface EmbedderRegistry {
    /** Principal component analysis (exact or randomized). */
    pca: typeof pcaEmbedder;
    /** Classical (Torgerson) multidimensional scaling. */
    classicalMds: typeof classicalMdsEmbedder;
    /** Landmark MDS (de Silva & Tenenbaum). */
    landmarkMds: typeof landmarkMdsEmbedder;
    /** Isomap (landmark Isomap above a few thousand points). */
    isomap: typeof isomapEmbedder;
    /** Locally linear embedding. */
    lle: typeof lleEmbedder;
    /** Modified LLE. */
    modifiedLle: typeof modifiedLleEmbedder;
    /** Hessian LLE. */
    hessianLle: typeof hessianLleEmbedder;
    /** Local tangent space alignment. */
    ltsa: typeof ltsaEmbedder;
    /** Laplacian eigenmaps. */
    laplacianEigenmaps: typeof laplacianEigenmapsEmbedder;
    /** Diffusion maps. */
    diffusionMaps: typeof diffusionMapsEmbedder;
    /** t-SNE (exact or Barnes–Hut). */
    tsne: typeof tsne;
    /** UMAP. */
    umap: typeof umap;
    /** Manifold Sculpting. */
    manifoldSculpting: typeof manifoldSculptingEmbedder;
    /** Manifold alignment. */
    manifoldAlignment: typeof manifoldAlignmentEmbedder;
    /** Laplacian-regularised least squares. */
    lapRls: typeof lapRlsEmbedder;
    /** Laplacian support vector machine. */
    lapSvm: typeof lapSvmEmbedder;
  }
}

for (const e of [
  pcaEmbedder,
  classicalMdsEmbedder,
  landmarkMdsEmbedder,
  isomapEmbedder,
  lleEmbedder,
  modifiedLleEmbedder,
  hessianLleEmbedder,
  ltsaEmbedder,
  laplacianEigenmapsEmbedder,
  diffusionMapsEmbedder,
  tsne,
  umap,
  manifoldSculptingEmbedder,
  manifoldAlignmentEmbedder,
  lapRlsEmbedder,
  lapSvmEmbedder,
] as const)
  registerEmbedder(e as Embedder<object>);
