import { InvalidArgumentError } from '@infogeom/linalg';

/** Throws InvalidArgumentError naming `damping` unless λ is finite and ≥ 0; returns λ. */
export function checkDamping(damping: number): number {
  if (!(damping >= 0) || !Number.isFinite(damping))
    throw new InvalidArgumentError('damping', damping, 'a finite number ≥ 0');
  return damping;
}
