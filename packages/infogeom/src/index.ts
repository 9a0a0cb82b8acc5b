/**
 * infogeom — every package in one install. The root exports each package as a namespace (names such as
 * `DenseMatrix` or `normal` never collide); subpaths re-export a package flat:
 *
 * ```ts
 * import { distributions, fisher } from 'infogeom';
 * import { normal } from 'infogeom/distributions';
 * ```
 *
 * The TensorFlow.js entries (`infogeom/fisher/tfjs`, `infogeom/natgrad/tfjs`, `infogeom/pullback/tfjs`) are
 * subpaths only, so importing the root never loads tfjs (an optional peer dependency).
 * @packageDocumentation
 */
export * as dimred from '@infogeom/dimred';
export * as distributions from '@infogeom/distributions';
export * as fisher from '@infogeom/fisher';
export * as linalg from '@infogeom/linalg';
export * as natgrad from '@infogeom/natgrad';
export * as pullback from '@infogeom/pullback';
