#!/usr/bin/env node
// Checks the packages as a stranger receives them (issue 6). Requires every package to be built.
//  1. publint and are-the-types-wrong (ESM-only profile) on every publishable package;
//  2. packs every package (pnpm pack turns workspace:/catalog: ranges into versions) and installs the
//     tarballs with npm into fresh temporary projects:
//       a. @infogeom/distributions alone installs and runs, and tfjs is not installed;
//       b. the third-party plugin works with only its peers (registry, conformance kit, MLE);
//       c. a TypeScript consumer (NodeNext, strict) type-checks against the published types, in ESM;
//       d. @infogeom/dimred alone installs and runs (and tfjs is not installed);
//  3. bundle size: esbuild on `import { normal } from '@infogeom/distributions'` stays small and
//     contains no other family.
// Prints a summary; exits non-zero on the first failure.
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;
const bin = (name) => join(root, 'node_modules', '.bin', name);
const results = [];

function sh(cmd, args, cwd, quiet = false) {
  try {
    return execFileSync(cmd, args, {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false' },
    });
  } catch (e) {
    if (!quiet) {
      console.error(`✗ ${cmd} ${args.join(' ')} (in ${cwd})`);
      console.error(e.stdout ?? '', e.stderr ?? '');
    }
    throw e;
  }
}

function step(name, fn) {
  const t0 = Date.now();
  try {
    const detail = fn();
    results.push(`✓ ${name}${detail ? ` — ${detail}` : ''} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  } catch (e) {
    console.error(`✗ ${name}: ${e.message}`);
    for (const r of results) console.log(r);
    process.exit(1);
  }
}

function workspacePackages() {
  const out = [];
  for (const group of ['packages', 'examples']) {
    for (const name of readdirSync(join(root, group))) {
      const dir = join(root, group, name);
      const file = join(dir, 'package.json');
      if (!existsSync(file)) continue;
      const pkg = JSON.parse(readFileSync(file, 'utf8'));
      // The tour is an app, not a package; every library (and the plugin example) is packed.
      if (pkg.name === '@infogeom/example-tour') continue;
      out.push({ dir, pkg });
    }
  }
  return out;
}

const packages = workspacePackages();
const publishable = packages.filter((p) => !p.pkg.private);
const work = mkdtempSync(join(tmpdir(), 'infogeom-packages-'));
const tarballs = {};

step(`pack ${packages.length} packages`, () => {
  const dest = join(work, 'tarballs');
  mkdirSync(dest);
  for (const { dir, pkg } of packages) {
    if (!existsSync(join(dir, 'dist'))) throw new Error(`${pkg.name} is not built (run pnpm build first)`);
    const out = sh('pnpm', ['pack', '--pack-destination', dest], dir).trim().split('\n');
    tarballs[pkg.name] = out[out.length - 1].trim();
  }
  return Object.keys(tarballs).join(', ');
});

for (const { dir, pkg } of packages) {
  step(`publint ${pkg.name}`, () => {
    const out = sh(bin('publint'), ['--strict'], dir);
    if (!/All good/.test(out)) throw new Error(out);
  });
}
for (const { pkg } of publishable) {
  step(`are-the-types-wrong ${pkg.name}`, () => {
    sh(bin('attw'), [tarballs[pkg.name], '--profile', 'esm-only', '--format', 'ascii'], work);
  });
}

function project(name, deps) {
  const dir = join(work, name);
  mkdirSync(dir);
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name, private: true, type: 'module' }, null, 2));
  npmInstall(dir, deps);
  return dir;
}
function npmInstall(dir, deps) {
  sh('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', ...deps], dir);
}
const installed = (dir, name) => existsSync(join(dir, 'node_modules', ...name.split('/')));
const runScript = (dir, file, code) => {
  writeFileSync(join(dir, file), code);
  return sh('node', [file], dir).trim();
};

let a;
step('a. @infogeom/distributions alone installs and runs without tfjs', () => {
  a = project('distributions-alone', [tarballs['@infogeom/linalg'], tarballs['@infogeom/distributions']]);
  if (installed(a, '@tensorflow/tfjs')) throw new Error('tfjs was installed');
  if (installed(a, '@infogeom/fisher')) throw new Error('fisher was installed');
  const out = runScript(
    a,
    'a.mjs',
    `import { normal, family } from '@infogeom/distributions';
import '@infogeom/distributions/register-all';
const I = normal.fisher({ mu: 0, sigma: 2 });
if (Math.abs(I.get(1, 1) - 0.5) > 1e-15) throw new Error('wrong Fisher');
if (family('gamma').name !== 'gamma') throw new Error('registry');
console.log('I_σσ(σ=2) =', I.get(1, 1));`,
  );
  return out;
});

step('b. the third-party plugin works with only its peers', () => {
  npmInstall(a, [tarballs['infogeom-plugin-inverse-gaussian']]);
  const out = runScript(
    a,
    'b.mjs',
    `import { family, fisherScoringFit } from '@infogeom/distributions';
import { runConformance } from '@infogeom/distributions/testing';
import { createRng } from '@infogeom/linalg';
import 'infogeom-plugin-inverse-gaussian/register';
const ig = family('inverseGaussian');
const report = runConformance(ig);
if (report.failed.length > 0) throw new Error(report.failed.map((f) => f.name + ': ' + f.message).join('\\n'));
const data = ig.sample({ mean: 2, shape: 5 }, createRng(1), 500);
const g = fisherScoringFit(ig, data, {});
const c = ig.fit(data);
if (Math.abs(g.params.mean - c.params.mean) > 1e-7) throw new Error('MLE');
console.log('conformance', report.passed.length, 'passed,', report.skipped.length, 'skipped; MLE μ =', c.params.mean.toFixed(4));`,
  );
  return out;
});

step('c. a TypeScript consumer type-checks against the published types (ESM, NodeNext)', () => {
  npmInstall(a, [tarballs['@infogeom/fisher'], 'typescript@5.9.3', '@types/node@20']);
  if (installed(a, '@tensorflow/tfjs'))
    throw new Error('tfjs was installed with fisher (it is an optional peer)');
  writeFileSync(
    join(a, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        module: 'nodenext',
        moduleResolution: 'nodenext',
        target: 'es2022',
        strict: true,
        exactOptionalPropertyTypes: true,
        noUncheckedIndexedAccess: true,
        noEmit: true,
        skipLibCheck: false,
        types: ['node'],
      },
      include: ['consumer.ts'],
    }),
  );
  writeFileSync(
    join(a, 'consumer.ts'),
    `import { family, type NormalParams, normal } from '@infogeom/distributions';
import '@infogeom/distributions/register-all';
import { geodesicDistance } from '@infogeom/fisher';
import { DenseMatrix } from '@infogeom/linalg';
import 'infogeom-plugin-inverse-gaussian/register';

const p: NormalParams = { mu: 0, sigma: 1 };
const I: DenseMatrix = normal.fisher(p);
const d: number = geodesicDistance(family('inverseGaussian'), { mean: 1, shape: 1 }, { mean: 2, shape: 3 }).distance;
// @ts-expect-error a misspelt family does not compile
family('inverseGausian');
// @ts-expect-error wrong parameter names do not compile
normal.fisher({ mean: 0, sd: 1 });
console.log(I.rows, d);
`,
  );
  sh(join(a, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.json'], a);
  return 'tsc --strict clean, @ts-expect-error lines rejected';
});

step('d. @infogeom/dimred alone installs and runs (without tfjs)', () => {
  // dimred's own dependencies (linalg, and distributions + fisher for FINE) come from their tarballs.
  const d = project('dimred-alone', [
    tarballs['@infogeom/linalg'],
    tarballs['@infogeom/distributions'],
    tarballs['@infogeom/fisher'],
    tarballs['@infogeom/dimred'],
  ]);
  if (installed(d, '@tensorflow/tfjs')) throw new Error('tfjs was installed');
  return runScript(
    d,
    'd.mjs',
    `import { isomap, swissRoll, trustworthiness } from '@infogeom/dimred';
const { points } = swissRoll({ n: 800, seed: 1 });
const { embedding } = isomap(points, { nNeighbors: 10, nComponents: 2 });
const t = trustworthiness(points, embedding, { k: 5 });
if (!(t > 0.99)) throw new Error('trustworthiness ' + t);
console.log('isomap on an 800-point swiss roll: trustworthiness', t.toFixed(4));`,
  );
});

step('size: esbuild bundle of `import { normal } from "@infogeom/distributions"`', () => {
  writeFileSync(
    join(a, 'entry.mjs'),
    `import { normal } from '@infogeom/distributions';\nconsole.log(normal.logProb({ mu: 0, sigma: 1 }, 0.5));\n`,
  );
  sh(
    bin('esbuild'),
    ['entry.mjs', '--bundle', '--minify', '--format=esm', '--platform=browser', '--outfile=bundle.js'],
    a,
  );
  const code = readFileSync(join(a, 'bundle.js'), 'utf8');
  const gz = execFileSync('gzip', ['-9c', join(a, 'bundle.js')]).length;
  for (const other of ['vonMises', 'dirichlet', 'weibull', 'negativeBinomial', 'studentT', 'multinomial'])
    if (code.includes(`"${other}"`) || code.includes(`'${other}'`))
      throw new Error(`bundle contains ${other}`);
  if (code.length > 260_000) throw new Error(`bundle is ${code.length} bytes`);
  return `${code.length} bytes minified, ${gz} gzip, no other family`;
});

console.log('\nPackage checks');
for (const r of results) console.log(r);
rmSync(work, { recursive: true, force: true });
