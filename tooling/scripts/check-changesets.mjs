#!/usr/bin/env node
// Issue 6: on a scratch clone of HEAD, runs `changeset version` and checks the result: every package of
// the fixed group has the same new version, each has a CHANGELOG, workspace ranges stay workspace ranges,
// and the versioned workspace installs and builds.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;
const scratch = mkdtempSync(join(tmpdir(), 'infogeom-changesets-'));
const sh = (cmd, args, cwd = scratch) =>
  execFileSync(cmd, args, {
    cwd,
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' },
  });

const pending = readdirSync(join(root, '.changeset')).filter((f) => f.endsWith('.md') && f !== 'README.md');
if (pending.length === 0) {
  console.log('changesets: none pending, nothing to version');
  process.exit(0);
}
try {
  sh('git', ['clone', '--quiet', root, scratch], root);
  sh('pnpm', ['install', '--frozen-lockfile', '--offline', '--reporter=silent']);
  sh('pnpm', ['exec', 'changeset', 'version']);
  const versions = new Map();
  for (const group of ['packages', 'examples']) {
    for (const name of readdirSync(join(scratch, group))) {
      const file = join(scratch, group, name, 'package.json');
      if (!existsSync(file)) continue;
      const pkg = JSON.parse(readFileSync(file, 'utf8'));
      if (pkg.private) continue;
      versions.set(pkg.name, pkg.version);
      if (!existsSync(join(scratch, group, name, 'CHANGELOG.md')))
        throw new Error(`${pkg.name}: no CHANGELOG.md`);
      for (const [dep, range] of Object.entries({ ...pkg.dependencies, ...pkg.peerDependencies }))
        if (dep.startsWith('@infogeom/') && !String(range).startsWith('workspace:'))
          throw new Error(`${pkg.name}: ${dep} range became ${range}`);
    }
  }
  const distinct = new Set(versions.values());
  if (distinct.size !== 1)
    throw new Error(`the fixed group diverged: ${JSON.stringify(Object.fromEntries(versions))}`);
  const [version] = distinct;
  if (version === '0.0.0') throw new Error('changeset version did not bump');
  sh('pnpm', ['install', '--offline', '--reporter=silent']);
  sh('pnpm', ['exec', 'turbo', 'run', 'build', '--output-logs=errors-only']);
  console.log(
    `changesets: ${pending.length} pending → every public package at ${version} with a CHANGELOG; the versioned workspace builds`,
  );
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
