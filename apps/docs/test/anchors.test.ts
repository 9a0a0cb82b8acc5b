import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// VitePress fails the build on dead page links (ignoreDeadLinks: false) but does not check `#anchors`.
// This test reads the built site and checks that every internal link's anchor exists on its target page.
const dist = new URL('../.vitepress/dist', import.meta.url).pathname;

function htmlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? htmlFiles(p) : name.endsWith('.html') ? [p] : [];
  });
}

function pageFor(from: string, path: string): string | undefined {
  const base = path === '' ? from : path.startsWith('/') ? join(dist, path) : join(from, '..', path);
  for (const candidate of [base, `${base}.html`, join(base, 'index.html')])
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  return undefined;
}

describe('built docs site', () => {
  it('exists (run `pnpm --filter @infogeom/docs build` first; turbo does)', () => {
    expect(existsSync(join(dist, 'index.html'))).toBe(true);
  });

  it('every internal #anchor exists on its target page', () => {
    const ids = new Map<string, Set<string>>();
    const idsOf = (file: string): Set<string> => {
      let s = ids.get(file);
      if (s === undefined) {
        s = new Set([...readFileSync(file, 'utf8').matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!));
        ids.set(file, s);
      }
      return s;
    };
    const broken: string[] = [];
    let checked = 0;
    for (const file of htmlFiles(dist)) {
      const html = readFileSync(file, 'utf8');
      for (const m of html.matchAll(/href="([^"]*#[^"]+)"/g)) {
        const href = m[1]!.replaceAll('&amp;', '&');
        if (/^[a-z]+:/i.test(href)) continue;
        const [path, anchor] = href.split('#') as [string, string];
        const target = pageFor(file, path);
        checked++;
        if (target === undefined) broken.push(`${file}: ${href} (no page)`);
        else if (!idsOf(target).has(decodeURIComponent(anchor)))
          broken.push(`${file}: ${href} (no #${anchor})`);
      }
    }
    expect(broken).toEqual([]);
    expect(checked).toBeGreaterThan(10);
  });
});
