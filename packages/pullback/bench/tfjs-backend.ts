/**
 * The fastest TensorFlow.js backend this machine has for the bench, the training script and the MNIST
 * tests: wasm (`@tensorflow/tfjs-backend-wasm`, a dev dependency) when it loads, else cpu.
 */
import * as tf from '@tensorflow/tfjs';

/** Sets the wasm backend (else cpu) and waits for it; returns its name. */
export async function useFastestBackend(): Promise<string> {
  try {
    await import('@tensorflow/tfjs-backend-wasm');
    await tf.setBackend('wasm');
  } catch {
    await tf.setBackend('cpu');
  }
  await tf.ready();
  return tf.getBackend();
}
