import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { codeBlocks, pages } from './code-blocks.js';

// Shown code is executed code (DESIGN convention 4): every `ts` fence on the site runs here, and the
// printed output must equal the `txt [output]` fence shown under it.
const root = new URL('..', import.meta.url).pathname;
const tmp = join(root, '.doctest');
rmSync(tmp, { recursive: true, force: true });
mkdirSync(tmp, { recursive: true });
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const all = pages(root).flatMap((p) => codeBlocks(root, p));

describe('every code block of the docs runs and prints what the page shows', () => {
  it('finds code blocks', () => {
    expect(all.length).toBeGreaterThan(5);
  });
  all.forEach((b, k) => {
    it(`${b.page}:${b.line}`, async () => {
      const dir = join(tmp, b.page.replace(/\.md$/, '').replace(/[\\/]/g, '-'));
      mkdirSync(dir, { recursive: true });
      const file = join(dir, b.file ?? `block-${k}.ts`);
      writeFileSync(file, `${b.code}\n`);
      const printed: string[] = [];
      const spy = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
        printed.push(format(...args));
      });
      try {
        await import(file);
      } finally {
        spy.mockRestore();
      }
      if (b.output !== undefined) expect(printed.join('\n').trim()).toBe(b.output.trim());
    });
  });
});
