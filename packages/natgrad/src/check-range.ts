import { InvalidArgumentError } from '@infogeom/linalg';

/** Checks that `x` is a finite number in the open/closed range; returns it. */
export function checkRange(argument: string, x: number, lo: number, hi: number, openLo = false): number {
  if (!Number.isFinite(x) || (openLo ? !(x > lo) : !(x >= lo)) || !(x <= hi))
    throw new InvalidArgumentError(argument, x, `a number in ${openLo ? '(' : '['}${lo}, ${hi}]`);
  return x;
}
