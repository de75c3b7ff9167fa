;; The vector kernels of package lstsq for WebAssembly (SIMD128), the counterpart of
;; kernel_amd64.s (less its fused sweep): Go's wasm backend emits no vector instructions, so the Householder
;; updates that bound a fit run here, two rows per instruction. The Go program imports
;; these functions (kernel_wasm.go, module "lstsq"); this module imports the Go program's
;; memory ("go" "mem"), so pointers are addresses in it and nothing is copied. The page
;; and the Node test runner instantiate it beside the Go program (site/kernels.mjs).
;;
;; Every function takes element counts n ≥ 0 and pointers to n consecutive float64s,
;; aligned to 8 bytes (loads of two are unaligned). Sums are kept in two lanes and
;; added at the end: the same arithmetic as the Go kernels up to the order of
;; additions. Built by `make site` with wabt's wat2wasm.
(module
  (import "go" "mem" (memory 0))
  ;; dot1(v, x, n) = Σ v[i]·x[i].
  (func (export "dot1") (param $v i32) (param $x i32) (param $n i32) (result f64)
    (local $i i32) (local $end i32) (local $a v128) (local $s f64)
    ;; Two rows at a time: byte offsets i < end = 16·⌊n/2⌋.
    (local.set $end (i32.shl (i32.and (local.get $n) (i32.const -2)) (i32.const 3)))
    (block $done
      (loop $rows
        (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
        (local.set $a (f64x2.add (local.get $a) (f64x2.mul (v128.load align=8 (i32.add (local.get $v) (local.get $i))) (v128.load align=8 (i32.add (local.get $x) (local.get $i))))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $rows)))
    ;; The last row when n is odd.
    (if (i32.and (local.get $n) (i32.const 1))
      (then
        (local.set $s (f64.mul (f64.load (i32.add (local.get $v) (local.get $i))) (f64.load (i32.add (local.get $x) (local.get $i)))))
      ))
    (f64.add (f64.add (f64x2.extract_lane 0 (local.get $a)) (f64x2.extract_lane 1 (local.get $a))) (local.get $s))
  )

  ;; axpy1(v, s, x, n): x[i] −= s·v[i].
  (func (export "axpy1") (param $v i32) (param $s f64) (param $x i32) (param $n i32)
    (local $i i32) (local $end i32) (local $sv v128)
    (local.set $sv (f64x2.splat (local.get $s)))
    ;; Two rows at a time: byte offsets i < end = 16·⌊n/2⌋.
    (local.set $end (i32.shl (i32.and (local.get $n) (i32.const -2)) (i32.const 3)))
    (block $done
      (loop $rows
        (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
        (v128.store align=8 (i32.add (local.get $x) (local.get $i)) (f64x2.sub (v128.load align=8 (i32.add (local.get $x) (local.get $i))) (f64x2.mul (local.get $sv) (v128.load align=8 (i32.add (local.get $v) (local.get $i))))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $rows)))
    ;; The last row when n is odd.
    (if (i32.and (local.get $n) (i32.const 1))
      (then
        (f64.store (i32.add (local.get $x) (local.get $i)) (f64.sub (f64.load (i32.add (local.get $x) (local.get $i))) (f64.mul (local.get $s) (f64.load (i32.add (local.get $v) (local.get $i))))))
      ))
  )

  ;; dot1x4(v, x0, x1, x2, x3, n, out): out[c] = Σ v[i]·x_c[i].
  (func (export "dot1x4") (param $v i32) (param $x0 i32) (param $x1 i32) (param $x2 i32) (param $x3 i32) (param $n i32) (param $out i32)
    (local $i i32) (local $end i32) (local $vv v128) (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128) (local $t0 f64) (local $t1 f64) (local $t2 f64) (local $t3 f64) (local $sv f64)
    ;; Two rows at a time: byte offsets i < end = 16·⌊n/2⌋.
    (local.set $end (i32.shl (i32.and (local.get $n) (i32.const -2)) (i32.const 3)))
    (block $done
      (loop $rows
        (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
        (local.set $vv (v128.load align=8 (i32.add (local.get $v) (local.get $i))))
        (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul (local.get $vv) (v128.load align=8 (i32.add (local.get $x0) (local.get $i))))))
        (local.set $a1 (f64x2.add (local.get $a1) (f64x2.mul (local.get $vv) (v128.load align=8 (i32.add (local.get $x1) (local.get $i))))))
        (local.set $a2 (f64x2.add (local.get $a2) (f64x2.mul (local.get $vv) (v128.load align=8 (i32.add (local.get $x2) (local.get $i))))))
        (local.set $a3 (f64x2.add (local.get $a3) (f64x2.mul (local.get $vv) (v128.load align=8 (i32.add (local.get $x3) (local.get $i))))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $rows)))
    ;; The last row when n is odd.
    (if (i32.and (local.get $n) (i32.const 1))
      (then
        (local.set $sv (f64.load (i32.add (local.get $v) (local.get $i))))
        (local.set $t0 (f64.mul (local.get $sv) (f64.load (i32.add (local.get $x0) (local.get $i)))))
        (local.set $t1 (f64.mul (local.get $sv) (f64.load (i32.add (local.get $x1) (local.get $i)))))
        (local.set $t2 (f64.mul (local.get $sv) (f64.load (i32.add (local.get $x2) (local.get $i)))))
        (local.set $t3 (f64.mul (local.get $sv) (f64.load (i32.add (local.get $x3) (local.get $i)))))
      ))
    (f64.store offset=0 (local.get $out) (f64.add (f64.add (f64x2.extract_lane 0 (local.get $a0)) (f64x2.extract_lane 1 (local.get $a0))) (local.get $t0)))
    (f64.store offset=8 (local.get $out) (f64.add (f64.add (f64x2.extract_lane 0 (local.get $a1)) (f64x2.extract_lane 1 (local.get $a1))) (local.get $t1)))
    (f64.store offset=16 (local.get $out) (f64.add (f64.add (f64x2.extract_lane 0 (local.get $a2)) (f64x2.extract_lane 1 (local.get $a2))) (local.get $t2)))
    (f64.store offset=24 (local.get $out) (f64.add (f64.add (f64x2.extract_lane 0 (local.get $a3)) (f64x2.extract_lane 1 (local.get $a3))) (local.get $t3)))
  )

  ;; axpy1x4(v, s, x0, x1, x2, x3, n): x_c[i] −= s[c]·v[i], s pointing at four numbers.
  (func (export "axpy1x4") (param $v i32) (param $s i32) (param $x0 i32) (param $x1 i32) (param $x2 i32) (param $x3 i32) (param $n i32)
    (local $i i32) (local $end i32) (local $vv v128) (local $s0 v128) (local $s1 v128) (local $s2 v128) (local $s3 v128) (local $sv f64)
    (local.set $s0 (v128.load64_splat offset=0 (local.get $s)))
    (local.set $s1 (v128.load64_splat offset=8 (local.get $s)))
    (local.set $s2 (v128.load64_splat offset=16 (local.get $s)))
    (local.set $s3 (v128.load64_splat offset=24 (local.get $s)))
    ;; Two rows at a time: byte offsets i < end = 16·⌊n/2⌋.
    (local.set $end (i32.shl (i32.and (local.get $n) (i32.const -2)) (i32.const 3)))
    (block $done
      (loop $rows
        (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
        (local.set $vv (v128.load align=8 (i32.add (local.get $v) (local.get $i))))
        (v128.store align=8 (i32.add (local.get $x0) (local.get $i)) (f64x2.sub (v128.load align=8 (i32.add (local.get $x0) (local.get $i))) (f64x2.mul (local.get $s0) (local.get $vv))))
        (v128.store align=8 (i32.add (local.get $x1) (local.get $i)) (f64x2.sub (v128.load align=8 (i32.add (local.get $x1) (local.get $i))) (f64x2.mul (local.get $s1) (local.get $vv))))
        (v128.store align=8 (i32.add (local.get $x2) (local.get $i)) (f64x2.sub (v128.load align=8 (i32.add (local.get $x2) (local.get $i))) (f64x2.mul (local.get $s2) (local.get $vv))))
        (v128.store align=8 (i32.add (local.get $x3) (local.get $i)) (f64x2.sub (v128.load align=8 (i32.add (local.get $x3) (local.get $i))) (f64x2.mul (local.get $s3) (local.get $vv))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $rows)))
    ;; The last row when n is odd.
    (if (i32.and (local.get $n) (i32.const 1))
      (then
        (local.set $sv (f64.load (i32.add (local.get $v) (local.get $i))))
        (f64.store (i32.add (local.get $x0) (local.get $i)) (f64.sub (f64.load (i32.add (local.get $x0) (local.get $i))) (f64.mul (f64x2.extract_lane 0 (local.get $s0)) (local.get $sv))))
        (f64.store (i32.add (local.get $x1) (local.get $i)) (f64.sub (f64.load (i32.add (local.get $x1) (local.get $i))) (f64.mul (f64x2.extract_lane 0 (local.get $s1)) (local.get $sv))))
        (f64.store (i32.add (local.get $x2) (local.get $i)) (f64.sub (f64.load (i32.add (local.get $x2) (local.get $i))) (f64.mul (f64x2.extract_lane 0 (local.get $s2)) (local.get $sv))))
        (f64.store (i32.add (local.get $x3) (local.get $i)) (f64.sub (f64.load (i32.add (local.get $x3) (local.get $i))) (f64.mul (f64x2.extract_lane 0 (local.get $s3)) (local.get $sv))))
      ))
  )

  ;; dot2x4(u, w, x0, x1, x2, x3, n, out): out[c] = Σ u[i]·x_c[i], out[4+c] = Σ w[i]·x_c[i].
  (func (export "dot2x4") (param $u i32) (param $w i32) (param $x0 i32) (param $x1 i32) (param $x2 i32) (param $x3 i32) (param $n i32) (param $out i32)
    (local $i i32) (local $end i32) (local $uu v128) (local $ww v128) (local $y v128) (local $p0 v128) (local $p1 v128) (local $p2 v128) (local $p3 v128) (local $q0 v128) (local $q1 v128) (local $q2 v128) (local $q3 v128) (local $su f64) (local $sw f64) (local $sy f64) (local $tp0 f64) (local $tp1 f64) (local $tp2 f64) (local $tp3 f64) (local $tq0 f64) (local $tq1 f64) (local $tq2 f64) (local $tq3 f64)
    ;; Two rows at a time: byte offsets i < end = 16·⌊n/2⌋.
    (local.set $end (i32.shl (i32.and (local.get $n) (i32.const -2)) (i32.const 3)))
    (block $done
      (loop $rows
        (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
        (local.set $uu (v128.load align=8 (i32.add (local.get $u) (local.get $i))))
        (local.set $ww (v128.load align=8 (i32.add (local.get $w) (local.get $i))))
        (local.set $y (v128.load align=8 (i32.add (local.get $x0) (local.get $i))))
        (local.set $p0 (f64x2.add (local.get $p0) (f64x2.mul (local.get $uu) (local.get $y))))
        (local.set $q0 (f64x2.add (local.get $q0) (f64x2.mul (local.get $ww) (local.get $y))))
        (local.set $y (v128.load align=8 (i32.add (local.get $x1) (local.get $i))))
        (local.set $p1 (f64x2.add (local.get $p1) (f64x2.mul (local.get $uu) (local.get $y))))
        (local.set $q1 (f64x2.add (local.get $q1) (f64x2.mul (local.get $ww) (local.get $y))))
        (local.set $y (v128.load align=8 (i32.add (local.get $x2) (local.get $i))))
        (local.set $p2 (f64x2.add (local.get $p2) (f64x2.mul (local.get $uu) (local.get $y))))
        (local.set $q2 (f64x2.add (local.get $q2) (f64x2.mul (local.get $ww) (local.get $y))))
        (local.set $y (v128.load align=8 (i32.add (local.get $x3) (local.get $i))))
        (local.set $p3 (f64x2.add (local.get $p3) (f64x2.mul (local.get $uu) (local.get $y))))
        (local.set $q3 (f64x2.add (local.get $q3) (f64x2.mul (local.get $ww) (local.get $y))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $rows)))
    ;; The last row when n is odd.
    (if (i32.and (local.get $n) (i32.const 1))
      (then
        (local.set $su (f64.load (i32.add (local.get $u) (local.get $i))))
        (local.set $sw (f64.load (i32.add (local.get $w) (local.get $i))))
        (local.set $sy (f64.load (i32.add (local.get $x0) (local.get $i))))
        (local.set $tp0 (f64.mul (local.get $su) (local.get $sy)))
        (local.set $tq0 (f64.mul (local.get $sw) (local.get $sy)))
        (local.set $sy (f64.load (i32.add (local.get $x1) (local.get $i))))
        (local.set $tp1 (f64.mul (local.get $su) (local.get $sy)))
        (local.set $tq1 (f64.mul (local.get $sw) (local.get $sy)))
        (local.set $sy (f64.load (i32.add (local.get $x2) (local.get $i))))
        (local.set $tp2 (f64.mul (local.get $su) (local.get $sy)))
        (local.set $tq2 (f64.mul (local.get $sw) (local.get $sy)))
        (local.set $sy (f64.load (i32.add (local.get $x3) (local.get $i))))
        (local.set $tp3 (f64.mul (local.get $su) (local.get $sy)))
        (local.set $tq3 (f64.mul (local.get $sw) (local.get $sy)))
      ))
    (f64.store offset=0 (local.get $out) (f64.add (f64.add (f64x2.extract_lane 0 (local.get $p0)) (f64x2.extract_lane 1 (local.get $p0))) (local.get $tp0)))
    (f64.store offset=8 (local.get $out) (f64.add (f64.add (f64x2.extract_lane 0 (local.get $p1)) (f64x2.extract_lane 1 (local.get $p1))) (local.get $tp1)))
    (f64.store offset=16 (local.get $out) (f64.add (f64.add (f64x2.extract_lane 0 (local.get $p2)) (f64x2.extract_lane 1 (local.get $p2))) (local.get $tp2)))
    (f64.store offset=24 (local.get $out) (f64.add (f64.add (f64x2.extract_lane 0 (local.get $p3)) (f64x2.extract_lane 1 (local.get $p3))) (local.get $tp3)))
    (f64.store offset=32 (local.get $out) (f64.add (f64.add (f64x2.extract_lane 0 (local.get $q0)) (f64x2.extract_lane 1 (local.get $q0))) (local.get $tq0)))
    (f64.store offset=40 (local.get $out) (f64.add (f64.add (f64x2.extract_lane 0 (local.get $q1)) (f64x2.extract_lane 1 (local.get $q1))) (local.get $tq1)))
    (f64.store offset=48 (local.get $out) (f64.add (f64.add (f64x2.extract_lane 0 (local.get $q2)) (f64x2.extract_lane 1 (local.get $q2))) (local.get $tq2)))
    (f64.store offset=56 (local.get $out) (f64.add (f64.add (f64x2.extract_lane 0 (local.get $q3)) (f64x2.extract_lane 1 (local.get $q3))) (local.get $tq3)))
  )

  ;; axpy2x4(u, w, ab, x0, x1, x2, x3, n): x_c[i] −= ab[c]·u[i] + ab[4+c]·w[i], ab pointing at eight numbers.
  (func (export "axpy2x4") (param $u i32) (param $w i32) (param $ab i32) (param $x0 i32) (param $x1 i32) (param $x2 i32) (param $x3 i32) (param $n i32)
    (local $i i32) (local $end i32) (local $uu v128) (local $ww v128) (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128) (local $b0 v128) (local $b1 v128) (local $b2 v128) (local $b3 v128) (local $su f64) (local $sw f64)
    (local.set $a0 (v128.load64_splat offset=0 (local.get $ab)))
    (local.set $a1 (v128.load64_splat offset=8 (local.get $ab)))
    (local.set $a2 (v128.load64_splat offset=16 (local.get $ab)))
    (local.set $a3 (v128.load64_splat offset=24 (local.get $ab)))
    (local.set $b0 (v128.load64_splat offset=32 (local.get $ab)))
    (local.set $b1 (v128.load64_splat offset=40 (local.get $ab)))
    (local.set $b2 (v128.load64_splat offset=48 (local.get $ab)))
    (local.set $b3 (v128.load64_splat offset=56 (local.get $ab)))
    ;; Two rows at a time: byte offsets i < end = 16·⌊n/2⌋.
    (local.set $end (i32.shl (i32.and (local.get $n) (i32.const -2)) (i32.const 3)))
    (block $done
      (loop $rows
        (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
        (local.set $uu (v128.load align=8 (i32.add (local.get $u) (local.get $i))))
        (local.set $ww (v128.load align=8 (i32.add (local.get $w) (local.get $i))))
        (v128.store align=8 (i32.add (local.get $x0) (local.get $i)) (f64x2.sub (v128.load align=8 (i32.add (local.get $x0) (local.get $i))) (f64x2.add (f64x2.mul (local.get $a0) (local.get $uu)) (f64x2.mul (local.get $b0) (local.get $ww)))))
        (v128.store align=8 (i32.add (local.get $x1) (local.get $i)) (f64x2.sub (v128.load align=8 (i32.add (local.get $x1) (local.get $i))) (f64x2.add (f64x2.mul (local.get $a1) (local.get $uu)) (f64x2.mul (local.get $b1) (local.get $ww)))))
        (v128.store align=8 (i32.add (local.get $x2) (local.get $i)) (f64x2.sub (v128.load align=8 (i32.add (local.get $x2) (local.get $i))) (f64x2.add (f64x2.mul (local.get $a2) (local.get $uu)) (f64x2.mul (local.get $b2) (local.get $ww)))))
        (v128.store align=8 (i32.add (local.get $x3) (local.get $i)) (f64x2.sub (v128.load align=8 (i32.add (local.get $x3) (local.get $i))) (f64x2.add (f64x2.mul (local.get $a3) (local.get $uu)) (f64x2.mul (local.get $b3) (local.get $ww)))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $rows)))
    ;; The last row when n is odd.
    (if (i32.and (local.get $n) (i32.const 1))
      (then
        (local.set $su (f64.load (i32.add (local.get $u) (local.get $i))))
        (local.set $sw (f64.load (i32.add (local.get $w) (local.get $i))))
        (f64.store (i32.add (local.get $x0) (local.get $i)) (f64.sub (f64.load (i32.add (local.get $x0) (local.get $i))) (f64.add (f64.mul (f64x2.extract_lane 0 (local.get $a0)) (local.get $su)) (f64.mul (f64x2.extract_lane 0 (local.get $b0)) (local.get $sw)))))
        (f64.store (i32.add (local.get $x1) (local.get $i)) (f64.sub (f64.load (i32.add (local.get $x1) (local.get $i))) (f64.add (f64.mul (f64x2.extract_lane 0 (local.get $a1)) (local.get $su)) (f64.mul (f64x2.extract_lane 0 (local.get $b1)) (local.get $sw)))))
        (f64.store (i32.add (local.get $x2) (local.get $i)) (f64.sub (f64.load (i32.add (local.get $x2) (local.get $i))) (f64.add (f64.mul (f64x2.extract_lane 0 (local.get $a2)) (local.get $su)) (f64.mul (f64x2.extract_lane 0 (local.get $b2)) (local.get $sw)))))
        (f64.store (i32.add (local.get $x3) (local.get $i)) (f64.sub (f64.load (i32.add (local.get $x3) (local.get $i))) (f64.add (f64.mul (f64x2.extract_lane 0 (local.get $a3)) (local.get $su)) (f64.mul (f64x2.extract_lane 0 (local.get $b3)) (local.get $sw)))))
      ))
  )
)
