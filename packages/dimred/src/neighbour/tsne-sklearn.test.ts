import { readFileSync } from 'node:fs';
import { DenseMatrix } from '@infogeom/linalg';
import { describe, expect, it } from 'vitest';
import { fitTransform } from '../embedder/fit-transform.js';
import { trustworthiness } from '../quality/trustworthiness.js';
import { tsne } from './tsne.js';

interface Run {
  data: string;
  method: 'exact' | 'barnes_hut';
  seed: number;
  kl: number;
  iterations: number;
  trustworthiness5: number;
  trustworthiness10: number;
}
const ref = JSON.parse(readFileSync(new URL('./fixtures/tsne-sklearn.json', import.meta.url), 'utf8')) as {
  sklearn: string;
  data: Record<string, number[][]>;
  runs: Run[];
};

// scikit-learn (fixtures/generate_tsne_sklearn.py): same data, perplexity 30, PCA init, learning rate 'auto'
describe(`t-SNE against scikit-learn ${ref.sklearn}`, () => {
  for (const name of Object.keys(ref.data)) {
    for (const method of ['exact', 'barnes_hut'] as const) {
      // Barnes–Hut: 10%, the spread between scikit-learn's own exact and Barnes–Hut KL on these data
      const klTol = method === 'exact' ? 0.05 : 0.1;
      it(`${name}, ${method}: KL within ${100 * klTol}% and trustworthiness within 0.01 of scikit-learn's`, () => {
        const X = DenseMatrix.from(ref.data[name]!);
        const runs = ref.runs.filter((r) => r.data === name && r.method === method);
        const sk = runs[0]!;
        const r = fitTransform(tsne, X, {
          perplexity: 30,
          method: method === 'exact' ? 'exact' : 'barnes-hut',
          seed: 0,
        });
        const kl = r.info['klDivergence'] as number;
        const t5 = trustworthiness(X, r.embedding, { k: 5 });
        const t10 = trustworthiness(X, r.embedding, { k: 10 });
        console.log(
          `${name} ${method}: KL ${kl.toFixed(4)} (sklearn ${sk.kl.toFixed(4)}), T5 ${t5.toFixed(4)} (${sk.trustworthiness5.toFixed(4)}), T10 ${t10.toFixed(4)} (${sk.trustworthiness10.toFixed(4)})`,
        );
        expect(Math.abs(kl - sk.kl) / sk.kl).toBeLessThan(klTol);
        expect(t5).toBeGreaterThan(sk.trustworthiness5 - 0.01);
        expect(t10).toBeGreaterThan(sk.trustworthiness10 - 0.01);
      });
    }
  }
});
