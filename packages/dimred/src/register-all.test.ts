import { describe, expect, it } from 'vitest';
import { embedder, fitTransform, listEmbedders, swissRoll, trustworthiness } from './index.js';
import './register-all.js';

describe('register-all', () => {
  it('registers every built-in embedder under its own name', () => {
    const names = listEmbedders();
    for (const n of ['pca', 'isomap', 'lle', 'ltsa', 'tsne', 'umap', 'manifoldSculpting', 'lapRls'])
      expect(names).toContain(n);
    for (const n of names) expect(embedder(n as 'pca').name).toBe(n);
  });

  it('a registered embedder runs through fitTransform, typed by name', () => {
    const { points } = swissRoll({ n: 800, seed: 2 });
    const r = fitTransform(embedder('isomap'), points, { nNeighbors: 10, nComponents: 2 });
    expect(trustworthiness(points, r.embedding, { k: 5 })).toBeGreaterThan(0.99);
    // @ts-expect-error a misspelt embedder does not compile
    expect(() => embedder('isomapp')).toThrow();
  });
});
