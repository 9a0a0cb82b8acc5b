import { AbortError, type DenseMatrix, type MatrixInput, toDense } from '@infogeom/linalg';
import type { Embedder, EmbeddingResult, EmbedOptions } from './embedder.js';

/**
 * Runs an embedder to completion synchronously: starts it, steps until done (checking `signal` between
 * steps) and returns the result.
 * @param embedder - a registered or imported embedder config
 * @param points - the data, n × D (rows are points), finite
 * @param options - the method's options and {@link EmbedOptions}
 */
export function fitTransform<O extends object>(
  embedder: Embedder<O>,
  points: MatrixInput,
  options?: O & EmbedOptions,
): EmbeddingResult {
  const X: DenseMatrix = toDense(points, 'points');
  const run = embedder.start(X, options);
  const signal = options?.signal;
  while (!run.done) {
    if (signal?.aborted === true) throw new AbortError(signal.reason);
    run.step(1);
  }
  return run.result();
}

/**
 * Like {@link fitTransform} but yields to the event loop between steps, so an AbortSignal fired by a UI
 * (or a worker message) stops an iterative run, and progress can be painted.
 * @param embedder - a registered or imported embedder config
 * @param points - the data, n × D (rows are points), finite
 * @param options - the method's options, {@link EmbedOptions}, and `stepsPerYield` (default 1)
 */
export async function fitTransformAsync<O extends object>(
  embedder: Embedder<O>,
  points: MatrixInput,
  options?: O & EmbedOptions & { readonly stepsPerYield?: number },
): Promise<EmbeddingResult> {
  const X: DenseMatrix = toDense(points, 'points');
  const run = embedder.start(X, options);
  const signal = options?.signal;
  const per = Math.max(1, Math.floor(options?.stepsPerYield ?? 1));
  while (!run.done) {
    if (signal?.aborted === true) throw new AbortError(signal.reason);
    run.step(per);
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
  }
  if (signal?.aborted === true) throw new AbortError(signal.reason);
  return run.result();
}
