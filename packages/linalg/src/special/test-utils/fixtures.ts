/** Loads src/special/fixtures/special.json (mpmath/SciPy reference values, see generate.py) and compares. */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';

type Cell = number | string;
const raw = JSON.parse(readFileSync(new URL('../fixtures/special.json', import.meta.url), 'utf8')) as Record<
  string,
  unknown
>;

/** Decodes "NaN", "Infinity", "-Infinity". */
export function decode(v: Cell): number {
  if (typeof v === 'number') return v;
  if (v === 'NaN') return Number.NaN;
  return v === 'Infinity' ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
}

/** Rows of a table fixture: arguments followed by the expected value, decoded. */
export function rows(name: string): number[][] {
  const t = raw[name] as Cell[][] | undefined;
  if (t === undefined) throw new Error(`no fixture ${name}`);
  return t.map((r) => r.map(decode));
}

/** The raw fixture entry. */
export function fixture<T>(name: string): T {
  return raw[name] as T;
}

/**
 * Checks `f(args…)` against every row of fixture `name` with |got − want| ≤ rtol·|want| + atol
 * (NaN must match NaN, infinities must match exactly) and returns the worst relative error.
 */
export function checkTable(
  name: string,
  f: (...args: number[]) => number,
  rtol: number,
  atol: number | ((args: number[]) => number) = 0,
  skip: (args: number[]) => boolean = () => false,
): number {
  let worst = 0;
  for (const r of rows(name)) {
    const args = r.slice(0, -1);
    if (skip(args)) continue;
    const want = r[r.length - 1]!;
    const got = f(...args);
    const where = `${name}(${args.join(', ')}) = ${got}, reference ${want}`;
    if (Number.isNaN(want)) {
      expect(got, where).toBeNaN();
    } else if (!Number.isFinite(want)) {
      expect(got, where).toBe(want);
    } else {
      const err = Math.abs(got - want);
      const abs = typeof atol === 'number' ? atol : atol(args);
      expect(err, where).toBeLessThanOrEqual(rtol * Math.abs(want) + abs);
      if (want !== 0) worst = Math.max(worst, err / Math.abs(want));
    }
  }
  if (process.env['REPORT_SPECIAL_ERRORS'] !== undefined)
    console.log(`${name}: worst relative error ${worst}`);
  return worst;
}
