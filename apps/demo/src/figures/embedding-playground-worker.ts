/// <reference lib="webworker" />
import type { EmbedderRun } from '@infogeom/dimred';
import type { DenseMatrix } from '@infogeom/linalg';
import { fetchDigits, makeDataset } from './dimred-data.js';
import { type PlaygroundParams, playgroundScores, startPlayground } from './embedding-playground-compute.js';

/** Messages to the playground worker: set up a run, then play / pause it. */
export type PlaygroundRequest =
  | { type: 'init'; params: PlaygroundParams; digitsUrl: string; play: boolean }
  | { type: 'play' }
  | { type: 'pause' };

/** Messages from the worker. */
export type PlaygroundMessage =
  | { type: 'progress'; fraction: number; stage: string }
  | { type: 'data'; colour: Float64Array; categorical: boolean }
  | {
      type: 'frame';
      iteration: number;
      total: number;
      layout: Float64Array;
      playing: boolean;
      done: boolean;
    }
  | { type: 'scores'; iteration: number; trustworthiness: number; kl: number }
  | { type: 'error'; message: string };

/** Frames are posted at most this often (ms): ≈ 20 redraws per second. */
const FRAME_MS = 50;
/** While playing, the trustworthiness is refreshed every this many iterations (and on pause / at the end). */
const SCORE_EVERY = 250;

const post = (m: PlaygroundMessage, transfer: Transferable[] = []): void => self.postMessage(m, transfer);

let points: DenseMatrix | undefined;
let run: EmbedderRun | undefined;
let playing = false;
let looping = false;
let scoredAt = -1;

function frame(): void {
  if (run === undefined) return;
  const layout = run.current().data;
  post(
    { type: 'frame', iteration: run.iteration, total: run.totalIterations, layout, playing, done: run.done },
    [layout.buffer],
  );
}

function score(force = false): void {
  if (run === undefined || points === undefined || (scoredAt === run.iteration && !force)) return;
  scoredAt = run.iteration;
  const s = playgroundScores(points, run);
  post({ type: 'scores', iteration: run.iteration, trustworthiness: s.trustworthiness, kl: s.kl });
}

/** Steps the run in slices of ≈ FRAME_MS, posting a frame after each and yielding so pause can arrive. */
async function loop(): Promise<void> {
  if (looping) return;
  looping = true;
  let lastScored = run?.iteration ?? 0;
  while (playing && run !== undefined && !run.done) {
    const t0 = performance.now();
    do run.step(1);
    while (!run.done && performance.now() - t0 < FRAME_MS);
    if (run.done) playing = false;
    frame();
    if (run.done || run.iteration - lastScored >= SCORE_EVERY) {
      lastScored = run.iteration;
      score();
    }
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
  }
  looping = false;
}

self.onmessage = async (ev: MessageEvent<PlaygroundRequest>) => {
  const m = ev.data;
  try {
    if (m.type === 'init') {
      const { params } = m;
      // a 'play' that arrives while the data load keeps its effect (it sets `playing`, the loop starts below)
      playing = m.play;
      post({
        type: 'progress',
        fraction: 0,
        stage: params.data === 'digits' ? 'loading digits' : 'generating data',
      });
      const digits = params.data === 'digits' ? await fetchDigits(m.digitsUrl) : undefined;
      const set = makeDataset(params.data, params.n, params.seed, digits);
      points = set.points;
      post({ type: 'data', colour: set.colour.slice(), categorical: set.categorical });
      post({
        type: 'progress',
        fraction: 0.2,
        stage: params.method === 'tsne' ? 'affinities P (perplexity)' : 'fuzzy kNN graph + spectral init',
      });
      run = startPlayground(points, params);
      scoredAt = -1;
      frame(); // current() prepares the run: affinities / graph and the initial layout
      post({ type: 'progress', fraction: 1, stage: 'ready' });
      score();
      await loop();
    } else if (m.type === 'play') {
      playing = run?.done !== true;
      if (run?.done === true) {
        // nothing left to run: report the end state again so the page leaves its computing state
        frame();
        score(true);
      } else await loop();
    } else {
      playing = false;
      if (run !== undefined) {
        frame();
        // Always answer a pause with scores, even when this iteration was just scored: the page leaves its
        // computing state on the scores message that follows a non-playing frame.
        score(true);
      }
    }
  } catch (e) {
    post({ type: 'error', message: e instanceof Error ? e.message : String(e) });
  }
};
