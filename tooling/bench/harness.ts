/**
 * Shared benchmark harness: interleaved, paired timing of our implementation against a peer in
 * the same process, reporting medians and the ratio (the machine drifts ±30%, ratios do not).
 */
import { performance } from 'node:perf_hooks';

/** One contender in a paired comparison. */
export interface Contender {
  /** Label in the printed table. */
  name: string;
  /** Runs the work once; may return a value that is consumed so the work cannot be optimised away. */
  run: () => unknown;
}

/** Result of {@link compare}. */
export interface Comparison {
  /** What was measured. */
  label: string;
  /** Median time per contender, in milliseconds, keyed by name. */
  medians: Record<string, number>;
  /** peer median / ours median (> 1 means we are faster). */
  speedup: number;
}

let sink = 0;

function consume(value: unknown): void {
  if (typeof value === 'number') sink += value;
  else if (value !== null && typeof value === 'object') sink += 1;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/**
 * Times `ours` and `peer` alternately `repeats` times after `warmup` runs of each and returns the
 * medians and the speed-up of ours over peer.
 */
export function compare(
  label: string,
  ours: Contender,
  peer: Contender,
  repeats = 5,
  warmup = 1,
): Comparison {
  for (let w = 0; w < warmup; w++) {
    consume(ours.run());
    consume(peer.run());
  }
  const t: Record<string, number[]> = { [ours.name]: [], [peer.name]: [] };
  for (let r = 0; r < repeats; r++) {
    for (const c of r % 2 === 0 ? [ours, peer] : [peer, ours]) {
      const t0 = performance.now();
      consume(c.run());
      t[c.name]!.push(performance.now() - t0);
    }
  }
  const medians = { [ours.name]: median(t[ours.name]!), [peer.name]: median(t[peer.name]!) };
  return { label, medians, speedup: medians[peer.name]! / medians[ours.name]! };
}

/** Times one function: median of `repeats` runs after `warmup`, in milliseconds. */
export function time(fn: () => unknown, repeats = 5, warmup = 1): number {
  for (let w = 0; w < warmup; w++) consume(fn());
  const ts: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const t0 = performance.now();
    consume(fn());
    ts.push(performance.now() - t0);
  }
  return median(ts);
}

/** Prints comparisons as a Markdown table (what the package READMEs quote). */
export function printTable(rows: Comparison[]): void {
  console.log('| benchmark | ours (ms) | peer (ms) | speed-up |');
  console.log('|---|---|---|---|');
  for (const r of rows) {
    const [ours, peer] = Object.entries(r.medians);
    console.log(
      `| ${r.label} | ${ours![1].toFixed(1)} (${ours![0]}) | ${peer![1].toFixed(1)} (${peer![0]}) | ${r.speedup.toFixed(1)}× |`,
    );
  }
  if (sink === Number.NEGATIVE_INFINITY) console.log('');
}

/** `full` for `pnpm bench`; `small` when `INFOGEOM_BENCH_SIZE=small` (CI smoke runs). */
export function benchSize(): 'small' | 'full' {
  return process.env['INFOGEOM_BENCH_SIZE'] === 'small' ? 'small' : 'full';
}
