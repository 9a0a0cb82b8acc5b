/**
 * Internal: √(a² + b²) without spurious overflow or underflow, several times faster than V8's
 * variadic `Math.hypot` on the common (well-scaled) path.
 */
export function safeHypot(a: number, b: number): number {
  const s = a * a + b * b;
  if (s > 1e-290 && s < 1e290) return Math.sqrt(s);
  const x = Math.abs(a);
  const y = Math.abs(b);
  const m = Math.max(x, y);
  if (m === 0 || m === Number.POSITIVE_INFINITY) return m;
  const r = Math.min(x, y) / m;
  return m * Math.sqrt(1 + r * r);
}
