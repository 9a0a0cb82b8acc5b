/** Reads and writes a figure's state in the page URL (`?fig=…&key=value`), so every view can be shared. */
export function readParam(key: string): string | null {
  return new URLSearchParams(window.location.search).get(key);
}

/** Reads a comma-separated list of numbers, or `fallback` when absent or malformed. */
export function readNumbers(key: string, fallback: readonly number[]): number[] {
  const raw = readParam(key);
  if (raw === null) return [...fallback];
  const xs = raw.split(',').map(Number);
  return xs.length === fallback.length && xs.every(Number.isFinite) ? xs : [...fallback];
}

/** Replaces the given keys in the URL without a navigation. */
export function writeParams(values: Record<string, string | readonly number[]>): void {
  const params = new URLSearchParams(window.location.search);
  for (const [k, v] of Object.entries(values))
    params.set(k, typeof v === 'string' ? v : v.map((x) => +x.toPrecision(8)).join(','));
  window.history.replaceState(null, '', `${window.location.pathname}?${params.toString()}`);
}
