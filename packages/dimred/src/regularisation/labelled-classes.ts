import { InvalidArgumentError } from '@infogeom/linalg';

/** The labelled points and their sorted class ids, shared by LapRLS and LapSVM. */
export interface LabelledClasses {
  /** Indices of the labelled points (label ≠ −1), in order. */
  readonly labelled: number[];
  /** The distinct class ids, ascending. */
  readonly classes: Int32Array;
}

/**
 * Validates semi-supervised labels (a class id ≥ 0, or −1 for unlabelled) and collects the labelled points.
 * @throws InvalidArgumentError for a bad label or fewer than two labelled classes
 */
export function labelledClasses(labels: ArrayLike<number>, n: number): LabelledClasses {
  const labelled: number[] = [];
  const seen = new Set<number>();
  for (let i = 0; i < n; i++) {
    const y = labels[i]!;
    if (y === -1) continue;
    if (!Number.isInteger(y) || y < 0)
      throw new InvalidArgumentError(`labels[${i}]`, y, 'a class id ≥ 0 or −1 (unlabelled)');
    labelled.push(i);
    seen.add(y);
  }
  if (seen.size < 2) throw new InvalidArgumentError('labels', seen.size, 'at least two labelled classes');
  return { labelled, classes: Int32Array.from([...seen].sort((a, b) => a - b)) };
}
