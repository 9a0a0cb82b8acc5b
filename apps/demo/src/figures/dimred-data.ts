import { pca, sCurve, sphere, swissRoll } from '@infogeom/dimred';
import { DenseMatrix } from '@infogeom/linalg';

/** The data sets of the manifold-learning and embedding-playground figures. */
export const DATASETS = {
  swissRoll: { label: 'Swiss roll (3-D)', colourLabel: 'roll angle t', maxN: 3000 },
  sCurve: { label: 'S-curve (3-D)', colourLabel: 'curve parameter t', maxN: 3000 },
  sphere: { label: 'Sphere (3-D)', colourLabel: 'polar angle θ', maxN: 3000 },
  digits: { label: 'MNIST digits (784-D)', colourLabel: 'digit', maxN: 2000 },
} as const;

/** A data set key of {@link DATASETS}. */
export type DatasetName = keyof typeof DATASETS;

/** Whether `s` names a data set. */
export const isDataset = (s: string | null): s is DatasetName => s !== null && s in DATASETS;

/** Handwritten digits as stored in `public/digits.bin` (written by `scripts/make-digits.mjs`). */
export interface Digits {
  /** Number of digits. */
  readonly n: number;
  /** Pixels per digit (784). */
  readonly d: number;
  /** Class labels 0–9. */
  readonly labels: Uint8Array;
  /** n·d grey levels 0–255, row-major. */
  readonly pixels: Uint8Array;
}

/** Parses the `DGT1` file: magic, uint32 n, uint32 d (little-endian), n labels, n·d pixels. */
export function parseDigits(buffer: ArrayBuffer): Digits {
  const view = new DataView(buffer);
  const magic = String.fromCharCode(...new Uint8Array(buffer, 0, 4));
  if (magic !== 'DGT1') throw new Error(`digits file: bad magic ${magic}`);
  const n = view.getUint32(4, true);
  const d = view.getUint32(8, true);
  if (buffer.byteLength !== 12 + n + n * d) throw new Error('digits file: truncated');
  return { n, d, labels: new Uint8Array(buffer, 12, n), pixels: new Uint8Array(buffer, 12 + n, n * d) };
}

/** Fetches and parses the digits asset (relative to the page, so it works under any base path). */
export async function fetchDigits(url: string): Promise<Digits> {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`digits file: HTTP ${r.status}`);
  return parseDigits(await r.arrayBuffer());
}

/** A data set ready to embed. */
export interface Dataset {
  /** The n × D points. */
  readonly points: DenseMatrix;
  /** The value each point is coloured by: the true coordinate, or the digit label. */
  readonly colour: Float64Array;
  /** Whether {@link Dataset.colour} holds class labels (categorical) rather than a coordinate. */
  readonly categorical: boolean;
  /** n × 3 coordinates for the 3-D view: the points themselves, or their first three principal components. */
  readonly view: Float64Array;
}

/**
 * The data set `name` with n points: the generators of @infogeom/dimred (seeded, no noise) coloured by
 * their first intrinsic coordinate, or the first n digits (grey levels / 255) coloured by label.
 */
export function makeDataset(name: DatasetName, n: number, seed: number, digits?: Digits): Dataset {
  if (name === 'digits') {
    if (digits === undefined) throw new Error('the digits data set needs the digits file');
    const m = Math.min(n, digits.n);
    const data = new Float64Array(m * digits.d);
    for (let t = 0; t < data.length; t++) data[t] = digits.pixels[t]! / 255;
    const points = new DenseMatrix(m, digits.d, data);
    const view = pca(points, { nComponents: 3, seed }).embedding.data;
    return { points, colour: Float64Array.from(digits.labels.subarray(0, m)), categorical: true, view };
  }
  const generated =
    name === 'swissRoll'
      ? swissRoll({ n, seed })
      : name === 'sCurve'
        ? sCurve({ n, seed })
        : sphere({ n, seed });
  const colour = new Float64Array(n);
  for (let i = 0; i < n; i++) colour[i] = generated.coordinates.data[2 * i]!;
  return { points: generated.points, colour, categorical: false, view: generated.points.data.slice() };
}
