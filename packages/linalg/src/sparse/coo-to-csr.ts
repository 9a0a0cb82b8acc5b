/** Internal: coordinate triplets → sorted, duplicate-summed CSR arrays (a counting sort by row). */
import { DimensionMismatchError, InvalidArgumentError, NonFiniteError } from '../core/errors.js';

/** CSR arrays of a rows×cols matrix given by triplets; duplicates summed, columns sorted. */
export function cooToCsr(
  rows: number,
  cols: number,
  rowIndices: ArrayLike<number>,
  colIndices: ArrayLike<number>,
  vals: ArrayLike<number>,
): { rowPtr: Int32Array; colIdx: Int32Array; values: Float64Array } {
  const m = rowIndices.length;
  if (colIndices.length !== m)
    throw new DimensionMismatchError('colIndices.length', colIndices.length, `${m}`);
  if (vals.length !== m) throw new DimensionMismatchError('vals.length', vals.length, `${m}`);
  const count = new Int32Array(rows + 1);
  for (let t = 0; t < m; t++) {
    const r = rowIndices[t]!;
    const c = colIndices[t]!;
    if (!Number.isInteger(r) || r < 0 || r >= rows)
      throw new InvalidArgumentError(`rowIndices[${t}]`, r, `an integer in [0, ${rows})`);
    if (!Number.isInteger(c) || c < 0 || c >= cols)
      throw new InvalidArgumentError(`colIndices[${t}]`, c, `an integer in [0, ${cols})`);
    if (!Number.isFinite(vals[t]!)) throw new NonFiniteError(`vals[${t}]`, vals[t], 'a finite number');
    count[r + 1]!++;
  }
  for (let i = 0; i < rows; i++) count[i + 1]! += count[i]!;
  const order = new Int32Array(m);
  const next = count.slice(0, rows);
  for (let t = 0; t < m; t++) order[next[rowIndices[t]!]!++] = t;
  const rowPtr = new Int32Array(rows + 1);
  const colIdx = new Int32Array(m);
  const values = new Float64Array(m);
  let nnz = 0;
  for (let i = 0; i < rows; i++) {
    const seg = Array.from(order.subarray(count[i]!, count[i + 1]!)).sort(
      (a, b) => colIndices[a]! - colIndices[b]!,
    );
    for (const t of seg) {
      const c = colIndices[t]!;
      if (nnz > rowPtr[i]! && colIdx[nnz - 1] === c) values[nnz - 1]! += vals[t]!;
      else {
        colIdx[nnz] = c;
        values[nnz++] = vals[t]!;
      }
    }
    rowPtr[i + 1] = nnz;
  }
  return { rowPtr, colIdx: colIdx.slice(0, nnz), values: values.slice(0, nnz) };
}
