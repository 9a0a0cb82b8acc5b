import { InvalidArgumentError, type Rng, type RngState } from '@infogeom/linalg';
import * as tf from '@tensorflow/tfjs';
import type { IvonData } from './ivon-options.js';

/** The saved position of the minibatch schedule of an IVON optimiser with attached data. */
export interface IvonBatchesState {
  /** The current epoch's permutation of the rows. */
  readonly permutation: Int32Array;
  /** Index of the next batch within the epoch. */
  readonly position: number;
  /** State of the generator that draws the next permutations. */
  readonly rng: RngState;
}

/** One minibatch. */
export interface IvonBatch {
  /** Inputs of the batch rows. */
  x: tf.Tensor;
  /** Targets of the batch rows. */
  y: tf.Tensor;
}

/** Seeded minibatches of attached training data: a fresh permutation per epoch, the remainder dropped. */
export interface IvonBatches {
  /** The next minibatch (x, y); the caller disposes both. */
  next(): IvonBatch;
  /** A copy of the schedule position. */
  getState(): IvonBatchesState;
  /** Restores a position from {@link IvonBatches.getState}. */
  setState(state: IvonBatchesState): void;
}

/** Creates the minibatch schedule of `data` drawing permutations from `rng` (which it owns). */
export function createIvonBatches(data: IvonData, rng: Rng): IvonBatches {
  const n = data.x.shape[0] as number;
  if (data.y.shape[0] !== n)
    throw new InvalidArgumentError('options.data.y', data.y.shape, `${n} rows like x`);
  const b = data.batchSize ?? Math.min(128, n);
  if (!Number.isInteger(b) || b < 1 || b > n)
    throw new InvalidArgumentError('options.data.batchSize', b, `an integer in [1, ${n}]`);
  const perEpoch = Math.floor(n / b);
  let perm = new Int32Array(n);
  let position = perEpoch; // forces a shuffle on the first call
  const shuffle = (): void => {
    perm = Int32Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      const t = perm[i] as number;
      perm[i] = perm[j] as number;
      perm[j] = t;
    }
    position = 0;
  };
  return {
    next() {
      if (position >= perEpoch) shuffle();
      const idx = perm.slice(position * b, (position + 1) * b);
      position++;
      return tf.tidy(() => {
        const i = tf.tensor1d(idx, 'int32');
        return { x: tf.gather(data.x, i), y: tf.gather(data.y, i) };
      });
    },
    getState: () => ({ permutation: perm.slice(), position, rng: rng.getState() }),
    setState(state) {
      if (state.permutation.length !== n)
        throw new InvalidArgumentError('state.batches.permutation', state.permutation.length, `length ${n}`);
      perm = Int32Array.from(state.permutation);
      position = state.position;
      rng.setState(state.rng);
    },
  };
}
