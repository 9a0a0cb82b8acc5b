import { readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  checkDocExample,
  collectDocExamples,
  type DocExample,
  extractDocExamples,
  normaliseOutput,
} from './doc-examples.js';

/**
 * Shown code is executed code, for the API pages too: every `ts` fence in the doc comments of the packages
 * on the site (the `entryPoints` of typedoc.json) runs verbatim here, and every `@example` must print what
 * its `txt [output]` fence shows. The format is documented in `doc-examples.ts` and in the README.
 */
const docsRoot = new URL('..', import.meta.url).pathname;
const repoRoot = resolve(docsRoot, '../..');
const tmp = join(docsRoot, '.api-examples');
rmSync(tmp, { recursive: true, force: true });
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const typedoc = JSON.parse(readFileSync(join(docsRoot, 'typedoc.json'), 'utf8')) as { entryPoints: string[] };
const packageDirs = typedoc.entryPoints.map((p) => resolve(docsRoot, p));
const { examples, problems } = collectDocExamples(repoRoot, packageDirs);

/** The synthetic sources of the extractor's own tests. */
const fence = '```';
const synthetic = [
  'const s = `/** @example no fence in a string */`;',
  '/**',
  ' * Adds.',
  ' * @param a - a number',
  ' * @example',
  ' * Prose before the code.',
  ` * ${fence}ts`,
  " * import { add } from './add.js';",
  ' * if (true) {',
  ' *   console.log(add(1, 2));',
  ' * }',
  ` * ${fence}`,
  ' *',
  ` * ${fence}txt [output]`,
  ' * 3',
  ` * ${fence}`,
  ' * @example',
  ' * add(1, 2); // 3',
  ' * @example',
  ` * ${fence}js`,
  ' * add(1, 2);',
  ` * ${fence}`,
  ' * @example',
  ` * ${fence}ts`,
  ' * console.log(1);',
  ` * ${fence}`,
  ' */',
  'export function add(a: number, b: number): number { return a + b; }',
  '/**',
  ' * Declaration merging, in prose:',
  ` * ${fence}ts`,
  " * declare module 'x' {}",
  ` * ${fence}`,
  ` * ${fence}txt [output]`,
  ' * nothing',
  ` * ${fence}`,
  ` * ${fence}txt [output]`,
  ' * orphan',
  ` * ${fence}`,
  ' */',
  'export const x = 1;',
  '/**',
  ` * ${fence}ts`,
  ' * unclosed',
  ' */',
  'export const y = 2;',
].join('\n');

describe('the doc-comment example extractor', () => {
  const { examples: found, problems: wrong } = extractDocExamples(synthetic, 'add.ts');

  it('extracts ts fences with their output fence, indentation and source line', () => {
    expect(found.map((e) => [e.line, e.inExample, e.output])).toEqual([
      [7, true, '3'],
      [24, true, undefined],
      [31, false, 'nothing'],
    ]);
    expect(found[0]!.code).toBe("import { add } from './add.js';\nif (true) {\n  console.log(add(1, 2));\n}");
  });

  it('reports every violation of the format with its line, and ignores comment-like strings', () => {
    expect(wrong.map((p) => [p.line, p.message.slice(0, 40)])).toEqual([
      [17, '@example without a ```ts fence: shown co'],
      [19, '@example without a ```ts fence: shown co'],
      [20, 'a ```js fence is never executed: use ```'],
      [24, 'an @example must show what it prints: ad'],
      [37, 'a ```txt [output] fence must directly fo'],
      [43, 'unclosed code fence'],
    ]);
  });

  it('reports example-like lines outside doc comments (the parser cannot skip a comment silently)', () => {
    const hidden = [
      'const s = `',
      '/**',
      ' * @example',
      ` * ${fence}ts`,
      ' * console.log(1);',
      ` * ${fence}`,
      ' */`;',
    ];
    expect(extractDocExamples(hidden.join('\n'), 'hidden.ts').problems.map((p) => p.line)).toEqual([1]);
    expect(extractDocExamples(synthetic, 'add.ts').problems.some((p) => p.line === 1)).toBe(false);
  });

  const example = (code: string, output: string | undefined): DocExample => ({
    file: 'synthetic.ts',
    line: 1,
    inExample: true,
    code,
    output,
  });

  it('passes an example that prints what it shows', async () => {
    await expect(checkDocExample(example("console.log('x', 1 + 1);", ' x 2\n'), tmp)).resolves.toBe('x 2');
  });

  it('fails an example that prints something else', async () => {
    await expect(checkDocExample(example('console.log(1 + 1);', '3'), tmp)).rejects.toThrow(
      /synthetic\.ts:1: the example printed\n2\nbut its output fence shows\n3/,
    );
  });

  it('fails an example that throws', async () => {
    await expect(checkDocExample(example("throw new Error('boom');", undefined), tmp)).rejects.toThrow(
      /synthetic\.ts:1: the example throws: Error: boom/,
    );
  });

  it('compares modulo outer blank lines and trailing spaces only', () => {
    expect(normaliseOutput('\n a  \nb\n\n')).toBe('a\nb');
    expect(normaliseOutput('a\n\nb')).not.toBe(normaliseOutput('a\nb'));
  });
});

describe('every example in the doc comments of the packages runs and prints what it shows', () => {
  it('finds examples in the packages', () => {
    const per = (pkg: string) => examples.filter((e) => e.file.startsWith(`packages/${pkg}/`)).length;
    for (const pkg of ['linalg', 'distributions', 'fisher', 'natgrad'])
      expect(per(pkg)).toBeGreaterThanOrEqual(3);
  });
  for (const p of problems)
    it(`${p.file}:${p.line} follows the format`, () => {
      throw new Error(`${p.file}:${p.line}: ${p.message}`);
    });
  for (const e of examples)
    it(`${e.file}:${e.line}`, async () => {
      await checkDocExample(e, tmp);
    });
});
