/**
 * `pnpm bench` for @infogeom/natgrad: runs every benchmark module in this folder in one process.
 * Set INFOGEOM_BENCH_SIZE=small for a quick smoke run.
 */
import { readdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv[2];
for (const file of readdirSync(here).sort()) {
  if (!file.endsWith('.bench.ts')) continue;
  if (only !== undefined && !file.includes(only)) continue;
  console.log(`\n## ${file}\n`);
  const mod = (await import(pathToFileURL(`${here}/${file}`).href)) as { run: () => Promise<void> };
  await mod.run();
}
