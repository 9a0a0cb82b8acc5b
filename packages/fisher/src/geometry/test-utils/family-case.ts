import type { Family, Observation, Params } from '@infogeom/distributions';

/** A family erased to the generic params type, for tables of test cases across families. */
export type AnyFamily = Family<Params, Observation>;

/** Erases a family's params type (test tables mix families). */
export const erase = <P extends Params>(f: Family<P, Observation>): AnyFamily => f as unknown as AnyFamily;
