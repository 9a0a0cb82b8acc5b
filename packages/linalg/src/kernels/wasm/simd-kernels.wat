;; f64x2 SIMD kernels for @infogeom/linalg (no FMA, no threads: Node 20 baseline).
;; Compiled to simd-kernels.generated.ts by generate.mjs (wabt); the JS side owns the memory layout.
;; All pointers are byte offsets into the exported memory; sizes are element counts.
(module
  (memory (export "memory") 1)

  ;; C[0:mc, 0:nc] += Apack · Bpack, with mc and nc multiples of 4.
  ;; Apack: mc/4 micro-panels, each kc × 4 (four rows interleaved per k).
  ;; Bpack: nc/4 micro-panels, each kc × 4 (four columns contiguous per k).
  ;; C row-major with leading dimension ldc (elements).
  (func (export "gemmMacro")
    (param $mc i32) (param $nc i32) (param $kc i32)
    (param $ap i32) (param $bp i32) (param $cp i32) (param $ldc i32)
    (local $jr i32) (local $ir i32) (local $a i32) (local $b i32) (local $aend i32)
    (local $c i32) (local $rowb i32) (local $panel i32)
    (local $c00 v128) (local $c01 v128) (local $c10 v128) (local $c11 v128)
    (local $c20 v128) (local $c21 v128) (local $c30 v128) (local $c31 v128)
    (local $b0 v128) (local $b1 v128) (local $av v128)
    (local.set $panel (i32.shl (local.get $kc) (i32.const 5))) ;; kc*4*8 bytes per micro-panel
    (local.set $rowb (i32.shl (local.get $ldc) (i32.const 3)))
    (local.set $jr (i32.const 0))
    (block $jdone
      (loop $jloop
        (br_if $jdone (i32.ge_u (local.get $jr) (local.get $nc)))
        (local.set $ir (i32.const 0))
        (block $idone
          (loop $iloop
            (br_if $idone (i32.ge_u (local.get $ir) (local.get $mc)))
            (local.set $c00 (v128.const f64x2 0 0)) (local.set $c01 (v128.const f64x2 0 0))
            (local.set $c10 (v128.const f64x2 0 0)) (local.set $c11 (v128.const f64x2 0 0))
            (local.set $c20 (v128.const f64x2 0 0)) (local.set $c21 (v128.const f64x2 0 0))
            (local.set $c30 (v128.const f64x2 0 0)) (local.set $c31 (v128.const f64x2 0 0))
            (local.set $a (i32.add (local.get $ap) (i32.mul (i32.shr_u (local.get $ir) (i32.const 2)) (local.get $panel))))
            (local.set $b (i32.add (local.get $bp) (i32.mul (i32.shr_u (local.get $jr) (i32.const 2)) (local.get $panel))))
            (local.set $aend (i32.add (local.get $a) (local.get $panel)))
            (block $kdone
              (loop $kloop
                (br_if $kdone (i32.ge_u (local.get $a) (local.get $aend)))
                (local.set $b0 (v128.load (local.get $b)))
                (local.set $b1 (v128.load offset=16 (local.get $b)))
                (local.set $av (v128.load64_splat (local.get $a)))
                (local.set $c00 (f64x2.add (local.get $c00) (f64x2.mul (local.get $av) (local.get $b0))))
                (local.set $c01 (f64x2.add (local.get $c01) (f64x2.mul (local.get $av) (local.get $b1))))
                (local.set $av (v128.load64_splat offset=8 (local.get $a)))
                (local.set $c10 (f64x2.add (local.get $c10) (f64x2.mul (local.get $av) (local.get $b0))))
                (local.set $c11 (f64x2.add (local.get $c11) (f64x2.mul (local.get $av) (local.get $b1))))
                (local.set $av (v128.load64_splat offset=16 (local.get $a)))
                (local.set $c20 (f64x2.add (local.get $c20) (f64x2.mul (local.get $av) (local.get $b0))))
                (local.set $c21 (f64x2.add (local.get $c21) (f64x2.mul (local.get $av) (local.get $b1))))
                (local.set $av (v128.load64_splat offset=24 (local.get $a)))
                (local.set $c30 (f64x2.add (local.get $c30) (f64x2.mul (local.get $av) (local.get $b0))))
                (local.set $c31 (f64x2.add (local.get $c31) (f64x2.mul (local.get $av) (local.get $b1))))
                (local.set $a (i32.add (local.get $a) (i32.const 32)))
                (local.set $b (i32.add (local.get $b) (i32.const 32)))
                (br $kloop)))
            ;; C tile += accumulators
            (local.set $c (i32.add (local.get $cp)
              (i32.shl (i32.add (i32.mul (local.get $ir) (local.get $ldc)) (local.get $jr)) (i32.const 3))))
            (v128.store (local.get $c) (f64x2.add (v128.load (local.get $c)) (local.get $c00)))
            (v128.store offset=16 (local.get $c) (f64x2.add (v128.load offset=16 (local.get $c)) (local.get $c01)))
            (local.set $c (i32.add (local.get $c) (local.get $rowb)))
            (v128.store (local.get $c) (f64x2.add (v128.load (local.get $c)) (local.get $c10)))
            (v128.store offset=16 (local.get $c) (f64x2.add (v128.load offset=16 (local.get $c)) (local.get $c11)))
            (local.set $c (i32.add (local.get $c) (local.get $rowb)))
            (v128.store (local.get $c) (f64x2.add (v128.load (local.get $c)) (local.get $c20)))
            (v128.store offset=16 (local.get $c) (f64x2.add (v128.load offset=16 (local.get $c)) (local.get $c21)))
            (local.set $c (i32.add (local.get $c) (local.get $rowb)))
            (v128.store (local.get $c) (f64x2.add (v128.load (local.get $c)) (local.get $c30)))
            (v128.store offset=16 (local.get $c) (f64x2.add (v128.load offset=16 (local.get $c)) (local.get $c31)))
            (local.set $ir (i32.add (local.get $ir) (i32.const 4)))
            (br $iloop)))
        (local.set $jr (i32.add (local.get $jr) (i32.const 4)))
        (br $jloop))))

  ;; Fused Householder step (rows processed in pairs, sharing the vector loads) on the upper triangle of a row-major n×n matrix at $a:
  ;; for rows i in [r0, n): a[i][j] -= v[i]·w[j] + w[i]·v[j] for j ≥ i (symmetric rank-2 update),
  ;; and, with the updated entries, p2 += S·v2 where S is the symmetric matrix whose upper triangle
  ;; is rows/cols [r0, n). Vectors are indexed by absolute column (pointers to element 0).
  (func (export "tridiagFused")
    (param $a i32) (param $n i32) (param $r0 i32)
    (param $v i32) (param $w i32) (param $v2 i32) (param $p2 i32)
    (local $i i32) (local $j i32) (local $pa i32) (local $off i32)
    (local $vi f64) (local $wi f64) (local $v2i f64) (local $s f64) (local $dot f64)
    (local $vvi v128) (local $vwi v128) (local $vv2i v128) (local $x v128) (local $acc v128)
    (local $b0 v128) (local $b1 v128) (local $vi1 f64) (local $wi1 f64) (local $v2i1 f64) (local $dot1 f64) (local $pa1 i32)
    (local $vvi1 v128) (local $vwi1 v128) (local $vv2i1 v128) (local $x1 v128) (local $acc1 v128)
    (local.set $i (local.get $r0))
    (block $idone
      (loop $iloop
        (br_if $idone (i32.ge_u (local.get $i) (local.get $n)))
        ;; two rows (i, i+1) at a time: the vector operands are loaded once for both rows
        (if (i32.lt_u (i32.add (local.get $i) (i32.const 1)) (local.get $n))
          (then
            (local.set $off (i32.shl (local.get $i) (i32.const 3)))
            (local.set $vi (f64.load (i32.add (local.get $v) (local.get $off))))
            (local.set $wi (f64.load (i32.add (local.get $w) (local.get $off))))
            (local.set $v2i (f64.load (i32.add (local.get $v2) (local.get $off))))
            (local.set $vi1 (f64.load offset=8 (i32.add (local.get $v) (local.get $off))))
            (local.set $wi1 (f64.load offset=8 (i32.add (local.get $w) (local.get $off))))
            (local.set $v2i1 (f64.load offset=8 (i32.add (local.get $v2) (local.get $off))))
            (local.set $pa (i32.add (local.get $a)
              (i32.shl (i32.add (i32.mul (local.get $i) (local.get $n)) (local.get $i)) (i32.const 3))))
            (local.set $pa1 (i32.add (local.get $pa) (i32.shl (i32.add (local.get $n) (i32.const 1)) (i32.const 3))))
            ;; (i, i)
            (local.set $s (f64.sub (f64.load (local.get $pa))
              (f64.mul (f64.const 2) (f64.mul (local.get $vi) (local.get $wi)))))
            (f64.store (local.get $pa) (local.get $s))
            (local.set $dot (f64.mul (local.get $s) (local.get $v2i)))
            ;; (i, i+1): enters row i's dot and, by symmetry, row i+1's
            (local.set $s (f64.sub (f64.sub (f64.load offset=8 (local.get $pa))
                (f64.mul (local.get $vi) (local.get $wi1)))
                (f64.mul (local.get $wi) (local.get $vi1))))
            (f64.store offset=8 (local.get $pa) (local.get $s))
            (local.set $dot (f64.add (local.get $dot) (f64.mul (local.get $s) (local.get $v2i1))))
            (local.set $dot1 (f64.mul (local.get $s) (local.get $v2i)))
            ;; (i+1, i+1)
            (local.set $s (f64.sub (f64.load (local.get $pa1))
              (f64.mul (f64.const 2) (f64.mul (local.get $vi1) (local.get $wi1)))))
            (f64.store (local.get $pa1) (local.get $s))
            (local.set $dot1 (f64.add (local.get $dot1) (f64.mul (local.get $s) (local.get $v2i1))))
            (local.set $vvi (f64x2.splat (local.get $vi)))
            (local.set $vwi (f64x2.splat (local.get $wi)))
            (local.set $vv2i (f64x2.splat (local.get $v2i)))
            (local.set $vvi1 (f64x2.splat (local.get $vi1)))
            (local.set $vwi1 (f64x2.splat (local.get $wi1)))
            (local.set $vv2i1 (f64x2.splat (local.get $v2i1)))
            (local.set $acc (v128.const f64x2 0 0))
            (local.set $acc1 (v128.const f64x2 0 0))
            (local.set $j (i32.add (local.get $i) (i32.const 2)))
            (local.set $pa (i32.add (local.get $pa) (i32.const 16)))
            (local.set $pa1 (i32.add (local.get $pa1) (i32.const 8)))
            (local.set $off (i32.add (local.get $off) (i32.const 16)))
            (block $pdone
              (loop $ploop
                (br_if $pdone (i32.ge_u (i32.add (local.get $j) (i32.const 1)) (local.get $n)))
                (local.set $b0 (v128.load (i32.add (local.get $w) (local.get $off))))
                (local.set $b1 (v128.load (i32.add (local.get $v) (local.get $off))))
                (local.set $x (f64x2.sub (f64x2.sub (v128.load (local.get $pa))
                    (f64x2.mul (local.get $vvi) (local.get $b0)))
                    (f64x2.mul (local.get $vwi) (local.get $b1))))
                (local.set $x1 (f64x2.sub (f64x2.sub (v128.load (local.get $pa1))
                    (f64x2.mul (local.get $vvi1) (local.get $b0)))
                    (f64x2.mul (local.get $vwi1) (local.get $b1))))
                (v128.store (local.get $pa) (local.get $x))
                (v128.store (local.get $pa1) (local.get $x1))
                (local.set $b0 (v128.load (i32.add (local.get $v2) (local.get $off))))
                (local.set $acc (f64x2.add (local.get $acc) (f64x2.mul (local.get $x) (local.get $b0))))
                (local.set $acc1 (f64x2.add (local.get $acc1) (f64x2.mul (local.get $x1) (local.get $b0))))
                (v128.store (i32.add (local.get $p2) (local.get $off))
                  (f64x2.add (v128.load (i32.add (local.get $p2) (local.get $off)))
                    (f64x2.add (f64x2.mul (local.get $x) (local.get $vv2i))
                      (f64x2.mul (local.get $x1) (local.get $vv2i1)))))
                (local.set $j (i32.add (local.get $j) (i32.const 2)))
                (local.set $pa (i32.add (local.get $pa) (i32.const 16)))
                (local.set $pa1 (i32.add (local.get $pa1) (i32.const 16)))
                (local.set $off (i32.add (local.get $off) (i32.const 16)))
                (br $ploop)))
            (if (i32.lt_u (local.get $j) (local.get $n))
              (then
                (local.set $s (f64.sub (f64.sub (f64.load (local.get $pa))
                    (f64.mul (local.get $vi) (f64.load (i32.add (local.get $w) (local.get $off)))))
                    (f64.mul (local.get $wi) (f64.load (i32.add (local.get $v) (local.get $off))))))
                (f64.store (local.get $pa) (local.get $s))
                (local.set $dot (f64.add (local.get $dot)
                  (f64.mul (local.get $s) (f64.load (i32.add (local.get $v2) (local.get $off))))))
                (local.set $vi (f64.mul (local.get $s) (local.get $v2i))) ;; reuse $vi as a temporary
                (local.set $s (f64.sub (f64.sub (f64.load (local.get $pa1))
                    (f64.mul (local.get $vi1) (f64.load (i32.add (local.get $w) (local.get $off)))))
                    (f64.mul (local.get $wi1) (f64.load (i32.add (local.get $v) (local.get $off))))))
                (f64.store (local.get $pa1) (local.get $s))
                (local.set $dot1 (f64.add (local.get $dot1)
                  (f64.mul (local.get $s) (f64.load (i32.add (local.get $v2) (local.get $off))))))
                (f64.store (i32.add (local.get $p2) (local.get $off))
                  (f64.add (f64.load (i32.add (local.get $p2) (local.get $off)))
                    (f64.add (local.get $vi) (f64.mul (local.get $s) (local.get $v2i1)))))))
            (local.set $dot (f64.add (local.get $dot)
              (f64.add (f64x2.extract_lane 0 (local.get $acc)) (f64x2.extract_lane 1 (local.get $acc)))))
            (local.set $dot1 (f64.add (local.get $dot1)
              (f64.add (f64x2.extract_lane 0 (local.get $acc1)) (f64x2.extract_lane 1 (local.get $acc1)))))
            (local.set $off (i32.shl (local.get $i) (i32.const 3)))
            (f64.store (i32.add (local.get $p2) (local.get $off))
              (f64.add (f64.load (i32.add (local.get $p2) (local.get $off))) (local.get $dot)))
            (f64.store offset=8 (i32.add (local.get $p2) (local.get $off))
              (f64.add (f64.load offset=8 (i32.add (local.get $p2) (local.get $off))) (local.get $dot1)))
            (local.set $i (i32.add (local.get $i) (i32.const 2)))
            (br $iloop)))
        ;; a single last row
        (local.set $off (i32.shl (local.get $i) (i32.const 3)))
        (local.set $vi (f64.load (i32.add (local.get $v) (local.get $off))))
        (local.set $wi (f64.load (i32.add (local.get $w) (local.get $off))))
        (local.set $v2i (f64.load (i32.add (local.get $v2) (local.get $off))))
        (local.set $pa (i32.add (local.get $a)
          (i32.shl (i32.add (i32.mul (local.get $i) (local.get $n)) (local.get $i)) (i32.const 3))))
        ;; diagonal
        (local.set $s (f64.sub (f64.load (local.get $pa))
          (f64.mul (f64.const 2) (f64.mul (local.get $vi) (local.get $wi)))))
        (f64.store (local.get $pa) (local.get $s))
        (local.set $dot (f64.mul (local.get $s) (local.get $v2i)))
        (local.set $vvi (f64x2.splat (local.get $vi)))
        (local.set $vwi (f64x2.splat (local.get $wi)))
        (local.set $vv2i (f64x2.splat (local.get $v2i)))
        (local.set $acc (v128.const f64x2 0 0))
        (local.set $j (i32.add (local.get $i) (i32.const 1)))
        (local.set $pa (i32.add (local.get $pa) (i32.const 8)))
        (local.set $off (i32.add (local.get $off) (i32.const 8)))
        (block $jdone
          (loop $jloop
            (br_if $jdone (i32.ge_u (i32.add (local.get $j) (i32.const 1)) (local.get $n)))
            (local.set $x (f64x2.sub (f64x2.sub (v128.load (local.get $pa))
                (f64x2.mul (local.get $vvi) (v128.load (i32.add (local.get $w) (local.get $off)))))
                (f64x2.mul (local.get $vwi) (v128.load (i32.add (local.get $v) (local.get $off))))))
            (v128.store (local.get $pa) (local.get $x))
            (local.set $acc (f64x2.add (local.get $acc)
              (f64x2.mul (local.get $x) (v128.load (i32.add (local.get $v2) (local.get $off))))))
            (v128.store (i32.add (local.get $p2) (local.get $off))
              (f64x2.add (v128.load (i32.add (local.get $p2) (local.get $off)))
                (f64x2.mul (local.get $x) (local.get $vv2i))))
            (local.set $j (i32.add (local.get $j) (i32.const 2)))
            (local.set $pa (i32.add (local.get $pa) (i32.const 16)))
            (local.set $off (i32.add (local.get $off) (i32.const 16)))
            (br $jloop)))
        (if (i32.lt_u (local.get $j) (local.get $n))
          (then
            (local.set $s (f64.sub (f64.sub (f64.load (local.get $pa))
                (f64.mul (local.get $vi) (f64.load (i32.add (local.get $w) (local.get $off)))))
                (f64.mul (local.get $wi) (f64.load (i32.add (local.get $v) (local.get $off))))))
            (f64.store (local.get $pa) (local.get $s))
            (local.set $dot (f64.add (local.get $dot)
              (f64.mul (local.get $s) (f64.load (i32.add (local.get $v2) (local.get $off))))))
            (f64.store (i32.add (local.get $p2) (local.get $off))
              (f64.add (f64.load (i32.add (local.get $p2) (local.get $off)))
                (f64.mul (local.get $s) (local.get $v2i))))))
        (local.set $dot (f64.add (local.get $dot)
          (f64.add (f64x2.extract_lane 0 (local.get $acc)) (f64x2.extract_lane 1 (local.get $acc)))))
        (local.set $off (i32.shl (local.get $i) (i32.const 3)))
        (f64.store (i32.add (local.get $p2) (local.get $off))
          (f64.add (f64.load (i32.add (local.get $p2) (local.get $off))) (local.get $dot)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $iloop))))

;; x[0:n] ← eˣ in place (n even; byte offset p), two lanes at a time. x = k·ln 2 + r with
  ;; k = nearest(x·log₂e) and |r| ≤ ln 2 / 2 (ln 2 split hi + lo, k·hi exact); e^r by its Taylor polynomial
  ;; of degree 13 (truncation < 5e-18 relative); 2^k applied as 2^k₁·2^k₂ (k₁ = floor(k/2), k₂ = k − k₁), both
  ;; normal, so subnormal results and overflow round once like the true value. x is first clamped to
  ;; [−746, 710] (beyond: 0 and ∞) by pmin/pmax, which keep a NaN (their comparisons are false) and,
  ;; unlike f64x2.min/max, compile to single instructions (the clamp was 40 % of the loop).
  (func (export "expBlock") (param $p i32) (param $n i32)
    (local $end i32) (local $x v128) (local $k v128) (local $m v128)
    (local.set $end (i32.add (local.get $p) (i32.shl (local.get $n) (i32.const 3))))
    (block $done
      (loop $loop
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $x
          (f64x2.pmax (f64x2.pmin (v128.load (local.get $p)) (v128.const f64x2 710 710))
            (v128.const f64x2 -746 -746)))
        (call $expParts (local.get $x))
        (local.set $k)
        (local.set $m)
        (v128.store (local.get $p)
          (call $scale2 (f64x2.add (v128.const f64x2 1 1) (local.get $m)) (local.get $k)))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (br $loop))))

  ;; The range reduction and polynomial of expBlock for a clamped x: returns (e^r − 1, k) with x = k·ln 2 + r,
  ;; so that eˣ = 2^k·(1 + (e^r − 1)) and eˣ − 1 = (2^k − 1) + 2^k·(e^r − 1) (no cancellation near x = 0).
  (func $expParts (param $x v128) (result v128 v128)
    (local $k v128) (local $r v128) (local $q v128) (local $r2 v128) (local $r4 v128)
    (local.set $k
      (f64x2.nearest (f64x2.mul (local.get $x) (v128.const f64x2 1.4426950408889634 1.4426950408889634))))
    (local.set $r
      (f64x2.sub
        (f64x2.sub (local.get $x) (f64x2.mul (local.get $k) (v128.const f64x2 0x1.62e42fee00000p-1 0x1.62e42fee00000p-1)))
        (f64x2.mul (local.get $k) (v128.const f64x2 0x1.a39ef35793c76p-33 0x1.a39ef35793c76p-33))))
    ;; e^r − 1 = r + r²·P(r), P = Σ r^(i−2)/i! for i = 2…13 by Estrin's scheme (depth 4 instead of
    ;; Horner's 22: the loop is latency-bound otherwise)
    (local.set $r2 (f64x2.mul (local.get $r) (local.get $r)))
    (local.set $r4 (f64x2.mul (local.get $r2) (local.get $r2)))
    (local.set $q
      (f64x2.add
        (f64x2.add
          (f64x2.add (f64x2.add (v128.const f64x2 0.5 0.5) (f64x2.mul (v128.const f64x2 0.16666666666666666 0.16666666666666666) (local.get $r))) (f64x2.mul (f64x2.add (v128.const f64x2 0.041666666666666664 0.041666666666666664) (f64x2.mul (v128.const f64x2 0.008333333333333333 0.008333333333333333) (local.get $r))) (local.get $r2)))
          (f64x2.mul (f64x2.add (f64x2.add (v128.const f64x2 0.001388888888888889 0.001388888888888889) (f64x2.mul (v128.const f64x2 0.0001984126984126984 0.0001984126984126984) (local.get $r))) (f64x2.mul (f64x2.add (v128.const f64x2 2.48015873015873e-05 2.48015873015873e-05) (f64x2.mul (v128.const f64x2 2.7557319223985893e-06 2.7557319223985893e-06) (local.get $r))) (local.get $r2))) (local.get $r4)))
        (f64x2.mul
          (f64x2.add (f64x2.add (v128.const f64x2 2.755731922398589e-07 2.755731922398589e-07) (f64x2.mul (v128.const f64x2 2.505210838544172e-08 2.505210838544172e-08) (local.get $r))) (f64x2.mul (f64x2.add (v128.const f64x2 2.08767569878681e-09 2.08767569878681e-09) (f64x2.mul (v128.const f64x2 1.6059043836821613e-10 1.6059043836821613e-10) (local.get $r))) (local.get $r2)))
          (f64x2.mul (local.get $r4) (local.get $r4)))))
    (f64x2.add (local.get $r) (f64x2.mul (local.get $r2) (local.get $q)))
    (local.get $k))

  ;; q·2^k (k integral, |k| ≤ 1076) as q·2^k₁·2^k₂, k₁ = floor(k/2), k₂ = k − k₁, both normal; 2^j from its bits:
  ;; j + 1.5·2⁵² holds j in its low mantissa bits, so ((bits(j + 1.5·2⁵²) + 1023 − bits(1.5·2⁵²)) << 52) is
  ;; the biased exponent field of 2^j
  (func $scale2 (param $q v128) (param $k v128) (result v128)
    (local $k1 v128) (local $k2 v128)
    (local.set $k1 (f64x2.floor (f64x2.mul (local.get $k) (v128.const f64x2 0.5 0.5))))
    (local.set $k2 (f64x2.sub (local.get $k) (local.get $k1)))
    (f64x2.mul
      (f64x2.mul (local.get $q)
        (i64x2.shl
          (i64x2.add (f64x2.add (local.get $k1) (v128.const f64x2 6755399441055744 6755399441055744))
            (v128.const i64x2 -4843621399236967425 -4843621399236967425))
          (i32.const 52)))
      (i64x2.shl
        (i64x2.add (f64x2.add (local.get $k2) (v128.const f64x2 6755399441055744 6755399441055744))
          (v128.const i64x2 -4843621399236967425 -4843621399236967425))
        (i32.const 52))))

  ;; The logistic sigmoid and its first two derivatives over n entries (n even): t at byte offset p →
  ;; σ(t) at p, σ′(t) at q, σ″(t) at r. With e = e^{−|t|} (as expBlock) and d = 1 + e: σ = (t ≥ 0 ? 1 : e)/d,
  ;; σ′ = e/d² and σ″ = σ′·(1 − 2σ) = σ′·(t ≥ 0 ? e − 1 : 1 − e)/d — no 1 − σ, which cancels for large t.
  (func (export "sigmoidBlock") (param $p i32) (param $q i32) (param $r i32) (param $n i32)
    (local $end i32) (local $t v128) (local $k v128) (local $m v128) (local $e v128) (local $d v128)
    (local $pos v128) (local $g v128)
    (local.set $end (i32.add (local.get $p) (i32.shl (local.get $n) (i32.const 3))))
    (block $done
      (loop $loop
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $t (v128.load (local.get $p)))
        (call $expParts
          (f64x2.pmax (f64x2.neg (f64x2.abs (local.get $t))) (v128.const f64x2 -746 -746)))
        (local.set $k)
        (local.set $m)
        (local.set $e (call $scale2 (f64x2.add (v128.const f64x2 1 1) (local.get $m)) (local.get $k)))
        (local.set $d (f64x2.add (v128.const f64x2 1 1) (local.get $e)))
        (local.set $pos (f64x2.ge (local.get $t) (v128.const f64x2 0 0)))
        (local.set $g (f64x2.div (local.get $e) (f64x2.mul (local.get $d) (local.get $d))))
        (v128.store (local.get $p)
          (f64x2.div (v128.bitselect (v128.const f64x2 1 1) (local.get $e) (local.get $pos)) (local.get $d)))
        (v128.store (local.get $q) (local.get $g))
        (v128.store (local.get $r)
          (f64x2.mul (local.get $g)
            (f64x2.div
              (v128.bitselect
                (f64x2.sub (local.get $e) (v128.const f64x2 1 1))
                (f64x2.sub (v128.const f64x2 1 1) (local.get $e))
                (local.get $pos))
              (local.get $d))))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (local.set $q (i32.add (local.get $q) (i32.const 16)))
        (local.set $r (i32.add (local.get $r) (i32.const 16)))
        (br $loop))))

  ;; tanh and its first two derivatives over n entries (n even): t at byte offset p → tanh t at p, sech² t at
  ;; q, −2 tanh t · sech² t at r. With x = −2|t| (clamped at −746), e = eˣ and m = eˣ − 1 from one range
  ;; reduction: tanh|t| = −m/(1 + e) (accurate near 0, where 1 − e would cancel), the sign of t copied onto
  ;; it, and sech² t = 4e/(1 + e)² (no 1 − tanh², which cancels for large |t|).
  (func (export "tanhBlock") (param $p i32) (param $q i32) (param $r i32) (param $n i32)
    (local $end i32) (local $t v128) (local $k v128) (local $m v128) (local $e v128) (local $pw v128)
    (local $d v128) (local $h v128) (local $g v128)
    (local.set $end (i32.add (local.get $p) (i32.shl (local.get $n) (i32.const 3))))
    (block $done
      (loop $loop
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $t (v128.load (local.get $p)))
        (call $expParts
          (f64x2.pmax (f64x2.mul (f64x2.abs (local.get $t)) (v128.const f64x2 -2 -2)) (v128.const f64x2 -746 -746)))
        (local.set $k)
        (local.set $m)
        (local.set $e (call $scale2 (f64x2.add (v128.const f64x2 1 1) (local.get $m)) (local.get $k)))
        (local.set $pw (call $scale2 (v128.const f64x2 1 1) (local.get $k)))
        (local.set $d (f64x2.add (v128.const f64x2 1 1) (local.get $e)))
        ;; −(eˣ − 1) = (1 − 2^k) − 2^k·(e^r − 1), then divided by 1 + e
        (local.set $h
          (f64x2.div
            (f64x2.sub (f64x2.sub (v128.const f64x2 1 1) (local.get $pw)) (f64x2.mul (local.get $pw) (local.get $m)))
            (local.get $d)))
        (local.set $h
          (v128.or (local.get $h)
            (v128.and (local.get $t) (v128.const i64x2 0x8000000000000000 0x8000000000000000))))
        (local.set $g
          (f64x2.div (f64x2.mul (v128.const f64x2 4 4) (local.get $e)) (f64x2.mul (local.get $d) (local.get $d))))
        (v128.store (local.get $p) (local.get $h))
        (v128.store (local.get $q) (local.get $g))
        (v128.store (local.get $r)
          (f64x2.mul (v128.const f64x2 -2 -2) (f64x2.mul (local.get $h) (local.get $g))))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (local.set $q (i32.add (local.get $q) (i32.const 16)))
        (local.set $r (i32.add (local.get $r) (i32.const 16)))
        (br $loop))))
)
