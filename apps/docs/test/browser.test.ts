import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import type { Server } from 'node:http';
import { dirname, join, relative } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic } from '../../../tooling/test/static-server.js';

// Every page of the built site in Debian's Chromium (installed by .ci/run), with zero console errors or
// warnings, page errors, failed requests or HTTP errors (the favicon included); pages with display math
// have it rendered. Hand-written pages and one page of every API folder are loaded from scratch (server
// HTML + hydration); the other ~450 generated API pages share that template and are visited the way a
// reader clicks through them, by VitePress's client-side router (each loads its own page chunk), which
// keeps the test to a minute or two on two cores.
const dist = new URL('../.vitepress/dist', import.meta.url).pathname;
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const TABS = 2;

function htmlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? htmlFiles(p) : name.endsWith('.html') ? [p] : [];
  });
}

interface Target {
  /** URL path relative to the site root, clean (no .html). */
  readonly path: string;
  /** The <title> the page must end up with. */
  readonly title: string;
  /** Loaded from scratch (true) or reached by client-side navigation. */
  readonly fullLoad: boolean;
}

interface Visit {
  readonly path: string;
  readonly problems: string[];
  readonly renderedMath: number;
}

const decode = (s: string): string =>
  s
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

function targets(): Target[] {
  const seenFolders = new Set<string>();
  return htmlFiles(dist)
    .map((f) => relative(dist, f).replace(/\\/g, '/'))
    .filter((p) => p !== '404.html')
    .sort()
    .map((file) => {
      const title = decode(/<title>([^<]*)<\/title>/.exec(readFileSync(join(dist, file), 'utf8'))?.[1] ?? '');
      const path = file.replace(/(^|\/)index\.html$/, '$1').replace(/\.html$/, '');
      const folder = dirname(file);
      const fullLoad = !file.startsWith('api/') || !seenFolders.has(folder);
      seenFolders.add(folder);
      return { path, title, fullLoad };
    });
}

let browser: Browser;
let server: Server;
let base: string;

beforeAll(async () => {
  if (!existsSync(join(dist, 'index.html'))) throw new Error('build the docs first (turbo does)');
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: apt-get install -y chromium`);
  ({ url: base, server } = await serveStatic(dist));
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu'],
  });
});
afterAll(async () => {
  await browser?.close();
  server?.close();
});

/** A browser tab that visits pages one after another and records each page's problems. */
async function tab(): Promise<{ visit: (t: Target) => Promise<Visit>; close: () => Promise<void> }> {
  const page: Page = await browser.newPage();
  let problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  // ERR_ABORTED is the browser cancelling VitePress's link prefetches when the tab navigates on, not a
  // failure; a missing file still shows up as an HTTP error below.
  page.on('requestfailed', (r) => {
    const error = r.failure()?.errorText ?? '';
    if (error !== 'net::ERR_ABORTED') problems.push(`request failed: ${r.url()} ${error}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  let loaded = false;
  const visit = async (t: Target): Promise<Visit> => {
    problems = [];
    if (t.fullLoad || !loaded) {
      await page.goto(`${base}${t.path}`, { waitUntil: 'load' });
      loaded = true;
    } else {
      // What a click on a sidebar link does: VitePress's router intercepts it and loads the page chunk.
      await page.evaluate((href) => {
        const a = document.createElement('a');
        a.href = href;
        document.body.append(a);
        a.click();
        a.remove();
      }, `/${t.path}`);
    }
    try {
      await page.waitForFunction((title) => document.title === title, t.title, { timeout: 20_000 });
    } catch {
      problems.push(`title never became "${t.title}" (got "${await page.title()}")`);
    }
    if ((await page.locator('#VPContent').count()) !== 1)
      problems.push('no #VPContent: the page did not render');
    const renderedMath = await page.evaluate(() => document.querySelectorAll('mjx-container svg').length);
    return { path: t.path, problems, renderedMath };
  };
  return { visit, close: () => page.close() };
}

describe('every docs page in Chromium', () => {
  it('loads with no console errors, page errors or failed requests', { timeout: 900_000 }, async () => {
    const all = targets();
    expect(all.length).toBeGreaterThan(20);
    expect(all.filter((t) => t.title === '')).toEqual([]);
    const visits: Visit[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: TABS }, async () => {
        const t = await tab();
        while (next < all.length) visits.push(await t.visit(all[next++]!));
        await t.close();
      }),
    );
    expect(visits.length).toBe(all.length);
    const bad = visits
      .filter((v) => v.problems.length > 0)
      .map((v) => `${v.path}: ${v.problems.join(' | ')}`);
    expect(bad).toEqual([]);
    // The concept pages are written in display math; MathJax renders it to SVG at build time.
    const concepts = visits.filter((v) => v.path.startsWith('concepts/') && v.path !== 'concepts/');
    expect(concepts.length).toBeGreaterThan(5);
    for (const c of concepts) expect(c.renderedMath, c.path).toBeGreaterThan(0);
  });

  it('the favicon is served', async () => {
    const res = await fetch(`${base}favicon.svg`);
    expect(res.status).toBe(200);
  });
});
