#!/usr/bin/env node
// Entry point behind `npm start` and `npm test` at the repository root, so the README's quick
// start needs nothing but Node.js and npm: it finds (or fetches) the pinned pnpm, installs the
// locked dependencies, then runs the task through turbo.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const root = new URL('../..', import.meta.url).pathname;
const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8'));
const pnpmVersion = pkg.packageManager.split('@')[1];

function pnpmCommand() {
  try {
    const v = execFileSync('pnpm', ['--version'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    if (v === pnpmVersion) return ['pnpm'];
  } catch {}
  return ['npx', '--yes', `pnpm@${pnpmVersion}`];
}

function run(cmd, args) {
  const r = spawnSync(cmd, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' },
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const tasks = {
  // The main job: build every package and the apps, print the tour of real results, then serve the docs
  // (and the demo) on localhost and print the URLs. With CI=true (or --check) the server answers one
  // request per site and exits.
  start: [
    ['turbo', 'run', 'build', '--output-logs=errors-only'],
    ['--filter', '@infogeom/example-tour', 'start'],
    [
      'node',
      'tooling/scripts/serve.mjs',
      ...(process.env.CI === 'true' || process.argv.includes('--check') ? ['--check'] : []),
    ],
  ],
  // Every check CI runs: lint, typecheck, unit tests, API docs with warnings as errors.
  test: [['turbo', 'run', 'lint:root', 'lint', 'typecheck', 'test', 'docs']],
};

const task = process.argv[2];
if (!(task in tasks)) {
  console.error(`usage: run.mjs ${Object.keys(tasks).join('|')}`);
  process.exit(2);
}
const [pnpm, ...pre] = pnpmCommand();
run(pnpm, [...pre, 'install', '--frozen-lockfile', '--prefer-offline', '--reporter=silent']);
for (const step of tasks[task]) {
  if (step[0] === 'turbo') run(pnpm, [...pre, 'exec', ...step]);
  else if (step[0] === 'node') run(process.execPath, step.slice(1));
  else run(pnpm, [...pre, ...step]);
}
