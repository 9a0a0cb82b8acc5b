#!/usr/bin/env node
// Serves the built static sites: the docs at http://localhost:PORT/ and, once it exists, the demo at
// /demo/. With --check (what CI runs) it fetches every served root once and exits.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;
const sites = [
  { prefix: '/demo/', dir: join(root, 'apps/demo/dist'), name: 'demo' },
  { prefix: '/', dir: join(root, 'apps/docs/.vitepress/dist'), name: 'docs' },
].filter((s) => existsSync(s.dir));
const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.woff2': 'font/woff2',
  '.bin': 'application/octet-stream',
};

function resolveFile(site, urlPath) {
  const rel = normalize(decodeURIComponent(urlPath.slice(site.prefix.length))).replace(/^(\.\.[/\\])+/, '');
  const base = join(site.dir, rel);
  for (const c of [base, `${base}.html`, join(base, 'index.html')])
    if (existsSync(c) && statSync(c).isFile()) return c;
  return undefined;
}

const server = createServer((req, res) => {
  const path = new URL(req.url ?? '/', 'http://x').pathname;
  const site = sites.find((s) => path.startsWith(s.prefix)) ?? sites[sites.length - 1];
  const file = site === undefined ? undefined : resolveFile(site, path);
  if (file === undefined) {
    const notFound = site && join(site.dir, '404.html');
    res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
    if (notFound && existsSync(notFound)) createReadStream(notFound).pipe(res);
    else res.end('not found');
    return;
  }
  res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
  createReadStream(file).pipe(res);
});

const port = Number(process.env.PORT ?? 4173);
const check = process.argv.includes('--check');
if (sites.length === 0) {
  console.error('nothing to serve: build apps/docs (and apps/demo) first');
  process.exit(1);
}
server.listen(port, '127.0.0.1', async () => {
  for (const s of sites) console.log(`${s.name.padEnd(5)} http://localhost:${port}${s.prefix}`);
  if (!check) {
    console.log('(Ctrl-C to stop)');
    return;
  }
  let failed = false;
  for (const s of sites) {
    const r = await fetch(`http://127.0.0.1:${port}${s.prefix}`);
    const body = await r.text();
    const ok = r.status === 200 && body.includes('<html');
    console.log(`${ok ? '✓' : '✗'} ${s.name} ${r.status} (${body.length} bytes)`);
    failed ||= !ok;
  }
  server.close();
  process.exit(failed ? 1 : 0);
});
