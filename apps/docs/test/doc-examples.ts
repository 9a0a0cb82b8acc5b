import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { format } from 'node:util';
import ts from 'typescript';

/**
 * Code in the doc comments of the packages, which typedoc renders into the API pages of the site.
 *
 * The format (the same as the site's markdown pages, see `code-blocks.ts`):
 *
 * - every ```` ```ts ```` fence in a doc comment is a complete program: it imports only from public entry
 *   points (`@infogeom/linalg`, `@infogeom/distributions/register-all`, …) and runs verbatim;
 * - a ```` ```txt [output] ```` fence right after it (blank comment lines allowed) is the exact text the
 *   program prints with `console.log` (compared after trimming, and trailing spaces of each line);
 * - every `@example` block holds at least one ```` ```ts ```` fence, each followed by its output fence
 *   (its printed result is checked); a `ts` fence in a comment's prose (outside `@example`) runs too, its
 *   output fence optional; the only fences allowed in doc comments are `ts` and `txt [output]` following
 *   a `ts` fence: shown code is executed code.
 */
export interface DocExample {
  /** Source file, relative to the repository root (`packages/linalg/src/dense/solve.ts`). */
  readonly file: string;
  /** 1-based line of the opening ```` ```ts ```` fence in the source file. */
  readonly line: number;
  /** Whether the fence is inside an `@example` block (otherwise in the comment's prose). */
  readonly inExample: boolean;
  /** The program. */
  readonly code: string;
  /** The expected output, or undefined when the program's output is not checked. */
  readonly output: string | undefined;
}

/** A violation of the format: an `@example` without code, a fence that is not executed, an unclosed fence. */
export interface DocExampleProblem {
  /** Source file, relative to the repository root. */
  readonly file: string;
  /** 1-based line in the source file. */
  readonly line: number;
  /** What is wrong. */
  readonly message: string;
}

/** The examples and problems of one source text. */
export interface DocExamples {
  /** Every `ts` fence of every doc comment, in source order. */
  readonly examples: DocExample[];
  /** Every violation of the format. */
  readonly problems: DocExampleProblem[];
}

/** A `/** … *\/` comment: its text and the 1-based line it starts on. */
interface DocComment {
  readonly text: string;
  readonly line: number;
}

/** The doc comments of a TypeScript source (found by the TypeScript parser, so strings cannot fool it). */
export function docComments(source: string): DocComment[] {
  const sf = ts.createSourceFile('x.ts', source, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const seen = new Set<number>();
  const out: DocComment[] = [];
  const visit = (node: ts.Node): void => {
    for (const r of ts.getLeadingCommentRanges(source, node.getFullStart()) ?? []) {
      if (seen.has(r.pos) || r.kind !== ts.SyntaxKind.MultiLineCommentTrivia) continue;
      seen.add(r.pos);
      const text = source.slice(r.pos, r.end);
      if (text.startsWith('/**') && text !== '/**/')
        out.push({ text, line: sf.getLineAndCharacterOfPosition(r.pos).line + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf); // the source file's children include its end-of-file token: trailing comments count too
  return out.sort((a, b) => a.line - b.line);
}

const FENCE_OPEN = /^```(\S*)\s*(.*)$/;
const BLOCK_TAG = /^@(\w+)(?:\s|$)/;

/** Extracts the code fences of every doc comment of `source`; `file` names the source in the results. */
export function extractDocExamples(source: string, file: string): DocExamples {
  const examples: DocExample[] = [];
  const problems: DocExampleProblem[] = [];
  let exampleTagCount = 0;
  let tsFenceCount = 0;
  for (const comment of docComments(source)) {
    // Strip `/**`, `*/` and the leading ` * ` of each line (one space after the star: indentation stays).
    const lines = comment.text
      .slice(3, -2)
      .split('\n')
      .map((l) => l.replace(/^\s*\* ?/, '').replace(/^\s+$/, ''));
    interface Fence {
      lang: string;
      meta: string;
      line: number;
      body: string;
      start: number;
      end: number;
      inExample: boolean;
    }
    const fences: Fence[] = [];
    const exampleTags: { line: number; fences: number }[] = [];
    let tag: string | undefined;
    for (let i = 0; i < lines.length; i++) {
      const text = lines[i]!.trimStart();
      const t = BLOCK_TAG.exec(text);
      if (t !== null) {
        tag = t[1];
        if (tag === 'example') {
          exampleTags.push({ line: comment.line + i, fences: 0 });
          exampleTagCount++;
        }
        continue;
      }
      const m = FENCE_OPEN.exec(text);
      if (m === null) continue;
      if (m[1] === 'ts') tsFenceCount++;
      const start = i;
      const body: string[] = [];
      for (i++; i < lines.length && lines[i]!.trim() !== '```'; i++) body.push(lines[i]!);
      if (i >= lines.length) {
        problems.push({ file, line: comment.line + start, message: 'unclosed code fence' });
        break;
      }
      const inExample = tag === 'example';
      if (inExample && m[1] === 'ts') exampleTags[exampleTags.length - 1]!.fences++;
      fences.push({
        lang: m[1]!,
        meta: m[2]!.trim(),
        line: comment.line + start,
        body: body.join('\n'),
        start,
        end: i,
        inExample,
      });
    }
    for (const e of exampleTags)
      if (e.fences === 0)
        problems.push({
          file,
          line: e.line,
          message: '@example without a ```ts fence: shown code is executed code',
        });
    fences.forEach((f, k) => {
      const prev = fences[k - 1];
      const isOutput = f.lang === 'txt' && f.meta === '[output]';
      if (isOutput) {
        const follows =
          prev !== undefined &&
          prev.lang === 'ts' &&
          lines
            .slice(prev.end + 1, f.start)
            .join('')
            .trim() === '';
        if (!follows)
          problems.push({
            file,
            line: f.line,
            message: 'a ```txt [output] fence must directly follow the ```ts fence whose output it shows',
          });
        return;
      }
      if (f.lang !== 'ts') {
        problems.push({
          file,
          line: f.line,
          message: `a \`\`\`${f.lang} fence is never executed: use \`\`\`ts (a complete program) or \`\`\`txt [output]`,
        });
        return;
      }
      const next = fences[k + 1];
      const output: string | undefined =
        next !== undefined &&
        next.lang === 'txt' &&
        next.meta === '[output]' &&
        lines
          .slice(f.end + 1, next.start)
          .join('')
          .trim() === ''
          ? next.body
          : undefined;
      if (f.inExample && output === undefined)
        problems.push({
          file,
          line: f.line,
          message: 'an @example must show what it prints: add a ```txt [output] fence after its ```ts fence',
        });
      examples.push({ file, line: f.line, inExample: f.inExample, code: f.body, output });
    });
  }
  // Cross-check against a plain text scan, so a comment the parser does not attach to a node (or an
  // example-like block hidden in a string) cannot be skipped silently.
  const lines = source.split('\n');
  const textual = (re: RegExp) => lines.filter((l) => re.test(l)).length;
  if (
    textual(/^\s*\*\s*@example(\s|$)/) !== exampleTagCount ||
    textual(/^\s*\*\s*```ts(\s|$)/) !== tsFenceCount
  )
    problems.push({
      file,
      line: 1,
      message: 'a line looks like an @example or a ```ts fence of a doc comment, but is in no doc comment',
    });
  problems.sort((a, b) => a.line - b.line);
  return { examples, problems };
}

/** TypeScript sources of a package's `src/` that ship (no tests, test utilities or fixtures). */
export function packageSources(packageDir: string): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) {
        if (name !== 'fixtures' && name !== 'test-utils' && name !== 'node_modules') walk(p);
      } else if (name.endsWith('.ts') && !name.endsWith('.test.ts') && !name.endsWith('.d.ts')) out.push(p);
    }
  };
  walk(join(packageDir, 'src'));
  return out;
}

/** The examples and problems of every package source, paths relative to `repoRoot`. */
export function collectDocExamples(repoRoot: string, packageDirs: readonly string[]): DocExamples {
  const examples: DocExample[] = [];
  const problems: DocExampleProblem[] = [];
  for (const dir of packageDirs)
    for (const path of packageSources(dir)) {
      const source = readFileSync(path, 'utf8');
      if (!source.includes('```') && !source.includes('@example')) continue; // nothing to parse
      const found = extractDocExamples(source, relative(repoRoot, path));
      examples.push(...found.examples);
      problems.push(...found.problems);
    }
  return { examples, problems };
}

/** Normalises printed or expected text for comparison: outer blank lines and trailing spaces dropped. */
export function normaliseOutput(text: string): string {
  return text
    .split('\n')
    .map((l) => l.trimEnd())
    .join('\n')
    .trim();
}

let runs = 0;

/**
 * Writes the example to `dir` (which must lie where `@infogeom/*` resolves, i.e. inside apps/docs), runs it
 * with a dynamic import, captures `console.log`, and returns what it printed. The file name ends in
 * `.tmp.ts` (git-ignored).
 */
export async function runDocExample(example: DocExample, dir: string): Promise<string> {
  mkdirSync(dir, { recursive: true });
  // A fresh name per run: a module is imported once per file name.
  const name = `${example.file.replace(/\.ts$/, '').replace(/[^\w]+/g, '-')}-${example.line}-${++runs}.tmp.ts`;
  const path = join(dir, name);
  writeFileSync(path, `${example.code}\n`);
  const printed: string[] = [];
  const log = console.log;
  console.log = (...args: unknown[]) => {
    printed.push(format(...args));
  };
  try {
    await import(path);
  } finally {
    console.log = log;
  }
  return printed.join('\n');
}

/**
 * Runs the example and throws when it throws, or when it has an output fence and prints anything else.
 * Returns what it printed.
 */
export async function checkDocExample(example: DocExample, dir: string): Promise<string> {
  let printed: string;
  try {
    printed = await runDocExample(example, dir);
  } catch (e) {
    throw new Error(`${example.file}:${example.line}: the example throws: ${String(e)}`, { cause: e });
  }
  if (example.output !== undefined && normaliseOutput(printed) !== normaliseOutput(example.output))
    throw new Error(
      `${example.file}:${example.line}: the example printed\n${printed}\nbut its output fence shows\n${example.output}`,
    );
  return printed;
}
