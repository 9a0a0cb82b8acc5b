/**
 * Internal: reusable Float64Array buffers for algorithms that need the same large temporaries over
 * and over (divide-and-conquer merges), so they are allocated once per solve, not once per step.
 * Returned views are NOT zeroed.
 */
export class ScratchArrays {
  private readonly buffers: Float64Array[] = [];

  /** A view of at least `length` doubles in buffer `slot` (contents unspecified). */
  get(slot: number, length: number): Float64Array {
    let b = this.buffers[slot];
    if (b === undefined || b.length < length) {
      b = new Float64Array(Math.max(length, Math.ceil((b?.length ?? 0) * 1.5)));
      this.buffers[slot] = b;
    }
    return b.subarray(0, length);
  }
}
