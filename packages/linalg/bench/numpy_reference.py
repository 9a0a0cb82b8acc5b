#!/usr/bin/env python3
"""Optional reference timings from numpy (LAPACK/OpenBLAS) for the sizes in dense.bench.ts.

Not used by tests or CI. Install numpy with `apt-get install -y python3-numpy`, then run
`/usr/bin/python3 packages/linalg/bench/numpy_reference.py` (INFOGEOM_BENCH_SIZE=small for tiny sizes).
"""
import os
import time

import numpy as np


def median_ms(fn, repeats=5, warmup=1):
    for _ in range(warmup):
        fn()
    ts = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        ts.append((time.perf_counter() - t0) * 1e3)
    ts.sort()
    return ts[len(ts) // 2]


def main():
    small = os.environ.get("INFOGEOM_BENCH_SIZE") == "small"
    rng = np.random.default_rng(0)
    print("| benchmark | numpy (ms) |")
    print("|---|---|")
    for n in [40] if small else [500, 1000]:
        a = rng.random((n, n)) - 0.5
        a = np.tril(a) + np.tril(a, -1).T
        print(f"| eigh n={n} | {median_ms(lambda: np.linalg.eigh(a)):.1f} |")
        print(f"| eigh values only n={n} | {median_ms(lambda: np.linalg.eigvalsh(a)):.1f} |")
    n = 64 if small else 512
    x = rng.random((n, n))
    y = rng.random((n, n))
    print(f"| matmul n={n} | {median_ms(lambda: x @ y, repeats=7):.2f} |")


if __name__ == "__main__":
    main()
