import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** One executable TypeScript fence of a docs page and the output fence that follows it, if any. */
export interface CodeBlock {
  /** Page path relative to the docs root. */
  readonly page: string;
  /** 1-based line of the opening fence. */
  readonly line: number;
  /** The code. */
  readonly code: string;
  /** The expected stdout (the following ```txt [output] fence), or undefined when the block prints nothing checked. */
  readonly output: string | undefined;
  /** The file name from a title such as ```` ```ts [rayleigh.ts] ````, so later blocks of the page can import it. */
  readonly file: string | undefined;
}

const FENCE = /^```(\S*)(.*)$/;

/**
 * Markdown pages of the site (not the generated API pages: api-examples.test.ts runs the code of the doc
 * comments they come from).
 */
export function pages(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      if (name === 'node_modules' || name === 'api' || name.startsWith('.')) continue;
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.md')) out.push(p);
    }
  };
  walk(root);
  return out.sort();
}

/**
 * The `ts` fences of a page. Every `ts` fence runs; a fence immediately followed (blank lines allowed)
 * by a ```` ```txt [output] ```` fence must print exactly that text.
 */
export function codeBlocks(root: string, file: string): CodeBlock[] {
  const lines = readFileSync(file, 'utf8').split('\n');
  const fences: { lang: string; meta: string; line: number; body: string; end: number }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = FENCE.exec(lines[i]!);
    if (m === null) continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && !lines[i]!.startsWith('```'); i++) body.push(lines[i]!);
    fences.push({ lang: m[1]!, meta: m[2]!.trim(), line: start + 1, body: body.join('\n'), end: i });
  }
  const blocks: CodeBlock[] = [];
  fences.forEach((f, k) => {
    if (f.lang !== 'ts') return;
    const next = fences[k + 1];
    const between =
      next === undefined
        ? ''
        : lines
            .slice(f.end + 1, next.line - 1)
            .join('')
            .trim();
    const output =
      next !== undefined && next.lang === 'txt' && next.meta === '[output]' && between === ''
        ? next.body
        : undefined;
    const title = /^\[([\w.-]+\.ts)\]$/.exec(f.meta);
    blocks.push({ page: relative(root, file), line: f.line, code: f.body, output, file: title?.[1] });
  });
  return blocks;
}
