import { embedderByName, listEmbedders } from '@infogeom/dimred';
import '@infogeom/dimred/register-all';
import { readParam, writeParams } from '../url-state.js';
import { DATASETS, type DatasetName, isDataset } from './dimred-data.js';
import { drawScatter, type PointColours, pointColours, project3d, scatterCanvas } from './dimred-scatter.js';
import { figureEmbedders, NOT_APPLICABLE, neighbourControl } from './manifold-learning-compute.js';
import type { ManifoldMessage, ManifoldRequest } from './manifold-learning-worker.js';

const SIZES = [300, 500, 1000, 1500, 2000];

/** Display names of the built-in embedders (others show their registry name). */
const NAMES: Readonly<Record<string, string>> = {
  pca: 'PCA',
  classicalMds: 'classical MDS',
  landmarkMds: 'landmark MDS',
  isomap: 'Isomap',
  lle: 'LLE',
  modifiedLle: 'modified LLE',
  hessianLle: 'Hessian LLE',
  ltsa: 'LTSA',
  laplacianEigenmaps: 'Laplacian eigenmaps',
  diffusionMaps: 'diffusion maps',
  tsne: 't-SNE',
  umap: 'UMAP',
  manifoldSculpting: 'Manifold Sculpting',
  manifoldAlignment: 'manifold alignment',
  lapRls: 'LapRLS',
  lapSvm: 'LapSVM',
};
const nameOf = (m: string): string => NAMES[m] ?? m;

/**
 * Figure 5: swiss roll, S-curve, sphere or real digits embedded in 2-D by any registered embedder, in a Web
 * Worker; points coloured by the true coordinate (or digit label); runtime, trustworthiness and intrinsic
 * dimension (MLE, TwoNN) shown.
 */
export function mount(root: HTMLElement): void {
  const methods = figureEmbedders();
  const dataParam = readParam('data');
  let data: DatasetName = isDataset(dataParam) ? dataParam : 'swissRoll';
  let n = Number(readParam('n') ?? '1000');
  if (!SIZES.includes(n)) n = 1000;
  let method = readParam('method') ?? 'isomap';
  if (!methods.includes(method)) method = 'isomap';
  let k = Number(readParam('k') ?? neighbourControl(method).initial);
  let seed = Number(readParam('seed') ?? '0');
  if (!(Number.isInteger(seed) && seed >= 0)) seed = 0;
  const skipped = listEmbedders().filter((m) => m in NOT_APPLICABLE);

  root.innerHTML = `
    <h2>Manifold learning: every embedder on four data sets</h2>
    <p class="caption">Points on a swiss roll, an S-curve, a sphere, or real handwritten digits (784 pixels each)
    are embedded in the plane by a registered embedder of <code>@infogeom/dimred</code>, in a Web Worker. Colour is
    the true coordinate that generated each point (the digit label for digits): a method that unrolls the manifold
    shows a smooth gradient. Trustworthiness T(5) counts false neighbours in the embedding (1 = none); the intrinsic
    dimension of the data is estimated by maximum likelihood (Levina–Bickel) and TwoNN.</p>
    <div class="figure">
      <div class="ml-views">
        <div class="ml-row"><div id="ml-data"></div><div id="ml-embedding"></div></div>
        <div class="ml-rotate"><label>rotate <input type="range" id="azimuth" min="-180" max="180" step="1" value="-30" /></label>
        <label>tilt <input type="range" id="tilt" min="0" max="90" step="1" value="60" /></label></div>
        <div id="ml-legend"></div>
      </div>
      <div class="panel ml-panel">
        <label>data <select id="data">${Object.entries(DATASETS)
          .map(([key, v]) => `<option value="${key}">${v.label}</option>`)
          .join('')}</select></label>
        <label>points n <select id="n">${SIZES.map((s) => `<option value="${s}">${s}</option>`).join('')}</select></label>
        <label>embedder <select id="method">${methods
          .map((m) => `<option value="${m}">${nameOf(m)}</option>`)
          .join('')}</select></label>
        <label id="k-label"><span id="k-name">neighbours k</span> <input type="number" id="k" min="2" max="100" step="1" /></label>
        <label>seed <input type="number" id="seed" min="0" step="1" /></label>
        <label>progress <progress id="progress" max="1" value="0"></progress></label>
        <p class="ml-stage" id="stage"></p>
        <dl class="readout">
          <dt>runtime (ms)</dt><dd data-testid="runtime"></dd>
          <dt>trustworthiness T(5)</dt><dd data-testid="trustworthiness"></dd>
          <dt>intrinsic dim. (MLE)</dt><dd data-testid="id-mle"></dd>
          <dt>intrinsic dim. (TwoNN)</dt><dd data-testid="id-twonn"></dd>
        </dl>
        <p class="ml-note" id="description"></p>
        <p class="ml-note">Also registered, not offered here: ${skipped.map((m) => `${nameOf(m)} (${NOT_APPLICABLE[m]})`).join('; ')}.</p>
      </div>
    </div>`;
  const $ = <T extends HTMLElement>(sel: string): T => root.querySelector(sel) as T;
  const dataSelect = $<HTMLSelectElement>('#data');
  const nSelect = $<HTMLSelectElement>('#n');
  const methodSelect = $<HTMLSelectElement>('#method');
  const kInput = $<HTMLInputElement>('#k');
  const seedInput = $<HTMLInputElement>('#seed');
  const azimuth = $<HTMLInputElement>('#azimuth');
  const tilt = $<HTMLInputElement>('#tilt');
  const progress = $<HTMLProgressElement>('#progress');
  const stage = $('#stage');
  const dataCanvas = scatterCanvas(355, 330, '3-D data');
  const embCanvas = scatterCanvas(355, 330, '2-D embedding');
  $('#ml-data').append(dataCanvas);
  $('#ml-embedding').append(embCanvas);
  const show = (key: string, v: number, digits = 6): void => {
    const el = $(`[data-testid="${key}"]`);
    el.textContent = Number.isFinite(v) ? v.toPrecision(digits) : '–';
    el.dataset['value'] = String(v);
  };
  const clear = (key: string): void => {
    const el = $(`[data-testid="${key}"]`);
    el.textContent = '…';
    delete el.dataset['value'];
  };

  let view: Float64Array = new Float64Array(0);
  let colours: PointColours | undefined;
  let worker: Worker | undefined;
  const drawData = (): void => {
    if (colours === undefined) return;
    const { xy, order } = project3d(
      view,
      (Number(azimuth.value) * Math.PI) / 180,
      (Number(tilt.value) * Math.PI) / 180,
    );
    const title = data === 'digits' ? 'data: first 3 principal components' : 'data (3-D)';
    drawScatter(dataCanvas, xy, colours.colours, title, order);
  };
  azimuth.addEventListener('input', drawData);
  tilt.addEventListener('input', drawData);

  const run = (): void => {
    worker?.terminate();
    const control = neighbourControl(method);
    if (!(Number.isInteger(k) && k >= 2 && k <= 100)) k = control.initial;
    dataSelect.value = data;
    nSelect.value = String(n);
    methodSelect.value = method;
    kInput.value = String(k);
    seedInput.value = String(seed);
    $('#k-label').hidden = control.option === null;
    $('#k-name').textContent = control.option === 'perplexity' ? 'perplexity' : 'neighbours k';
    $('#description').textContent = embedderByName(method).description;
    const params: Record<string, string> = {
      fig: 'manifold-learning',
      data,
      n: String(n),
      method,
      seed: String(seed),
    };
    if (control.option !== null) params['k'] = String(k);
    writeParams(params);
    progress.value = 0;
    for (const key of ['runtime', 'trustworthiness', 'id-mle', 'id-twonn']) clear(key);
    root.dataset['computing'] = 'true';
    drawScatter(embCanvas, new Float64Array(0), [], `${nameOf(method)}: computing…`);
    const w = new Worker(new URL('./manifold-learning-worker.ts', import.meta.url), { type: 'module' });
    worker = w;
    w.onmessage = (ev: MessageEvent<ManifoldMessage>) => {
      if (w !== worker) return;
      const m = ev.data;
      if (m.type === 'progress') {
        progress.value = m.fraction;
        stage.textContent = m.stage;
      } else if (m.type === 'data') {
        view = m.view;
        colours = pointColours(m.colour, m.categorical, DATASETS[data].colourLabel);
        $('#ml-legend').replaceChildren(colours.legend);
        drawData();
      } else if (m.type === 'done') {
        progress.value = 1;
        stage.textContent = 'done';
        drawScatter(embCanvas, m.embedding, colours?.colours ?? [], `${nameOf(method)} (2-D)`);
        show('runtime', m.runtimeMs, 4);
        show('trustworthiness', m.trustworthiness);
        show('id-mle', m.mle, 4);
        show('id-twonn', m.twoNn, 4);
        root.dataset['computing'] = 'false';
        w.terminate();
        worker = undefined;
      } else {
        stage.textContent = `failed: ${m.message}`;
        drawScatter(embCanvas, new Float64Array(0), [], `${nameOf(method)} failed`);
        root.dataset['computing'] = 'false';
        w.terminate();
        worker = undefined;
      }
    };
    w.postMessage({
      data,
      n,
      method,
      k,
      seed,
      digitsUrl: new URL('digits.bin', document.baseURI).href,
    } satisfies ManifoldRequest);
  };
  dataSelect.addEventListener('change', () => {
    data = dataSelect.value as DatasetName;
    run();
  });
  nSelect.addEventListener('change', () => {
    n = Number(nSelect.value);
    run();
  });
  methodSelect.addEventListener('change', () => {
    method = methodSelect.value;
    k = neighbourControl(method).initial;
    run();
  });
  kInput.addEventListener('change', () => {
    const v = Number(kInput.value);
    if (Number.isInteger(v) && v >= 2 && v <= 100) {
      k = v;
      run();
    }
  });
  seedInput.addEventListener('change', () => {
    const v = Number(seedInput.value);
    if (Number.isInteger(v) && v >= 0) {
      seed = v;
      run();
    }
  });
  run();
}
