import type { Decoder, LatentMetric } from '../decoders/decoder.js';
import { functionDecoder } from '../decoders/function-decoder.js';
import { customMetric } from '../metrics/custom-metric.js';

/** Unit sphere chart (θ, φ) ↦ (sinθ cosφ, sinθ sinφ, cosθ) with analytic first and second derivatives. */
export function sphereDecoder(): Decoder {
  const hess = (z: Float64Array): Float64Array[] => {
    const [t, p] = [z[0]!, z[1]!];
    const [st, ct, sp, cp] = [Math.sin(t), Math.cos(t), Math.sin(p), Math.cos(p)];
    return [
      Float64Array.of(-st * cp, -st * sp, -ct), // f_θθ
      Float64Array.of(-ct * sp, ct * cp, 0), // f_θφ
      Float64Array.of(-st * cp, -st * sp, 0), // f_φφ
    ];
  };
  return functionDecoder({
    latentDimension: 2,
    outputDimension: 3,
    decode: (z) => [Math.sin(z[0]!) * Math.cos(z[1]!), Math.sin(z[0]!) * Math.sin(z[1]!), Math.cos(z[0]!)],
    jacobian: (z) => {
      const [t, p] = [z[0]!, z[1]!];
      return [
        Math.cos(t) * Math.cos(p),
        -Math.sin(t) * Math.sin(p),
        Math.cos(t) * Math.sin(p),
        Math.sin(t) * Math.cos(p),
        -Math.sin(t),
        0,
      ];
    },
    secondDirectional: (z, v) => {
      const [tt, tp, pp] = hess(z);
      return [0, 1, 2].map((i) => tt![i]! * v[0]! ** 2 + 2 * tp![i]! * v[0]! * v[1]! + pp![i]! * v[1]! ** 2);
    },
    secondOrder: (z, u, v) => {
      const [tt, tp, pp] = hess(z);
      let a = 0;
      let b = 0;
      for (let i = 0; i < 3; i++) {
        a += u[i]! * (tt![i]! * v[0]! + tp![i]! * v[1]!);
        b += u[i]! * (tp![i]! * v[0]! + pp![i]! * v[1]!);
      }
      return [a, b];
    },
  });
}

/** The Poincaré half-plane G = I/y² with its analytic derivative. */
export function halfPlane(): LatentMetric {
  return customMetric({
    dimension: 2,
    metric: (z) => {
      const g = 1 / (z[1]! * z[1]!);
      return [g, 0, 0, g];
    },
    metricDerivative: (z) => {
      const g = -2 / z[1]! ** 3;
      return [0, 0, 0, 0, g, 0, 0, g];
    },
    contains: (z) => z[1]! > 0,
  });
}

/** Graph surface (x, y, x² + y²) with analytic derivatives (Gaussian curvature 4/(1 + 4r²)²). */
export function paraboloidDecoder(): Decoder {
  return functionDecoder({
    latentDimension: 2,
    outputDimension: 3,
    decode: (z) => [z[0]!, z[1]!, z[0]! ** 2 + z[1]! ** 2],
    jacobian: (z) => [1, 0, 0, 1, 2 * z[0]!, 2 * z[1]!],
    secondDirectional: (_z, v) => [0, 0, 2 * (v[0]! ** 2 + v[1]! ** 2)],
    secondOrder: (_z, u, v) => [2 * u[2]! * v[0]!, 2 * u[2]! * v[1]!],
  });
}
