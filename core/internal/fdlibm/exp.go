// Package fdlibm computes elementary functions with the same bits on every
// platform. The math package uses assembly for Exp on amd64 (with FMA where
// the processor has it) but portable Go under WebAssembly, so math.Exp can
// differ in the last bit between the command line and the page; a system
// whose H uses it would then train on different data in the two, and their
// fingerprints (package experiment) would differ. This package holds the
// portable Go versions, copied from the Go standard library (which took them
// from FreeBSD's msun), so they compute identical results everywhere.
package fdlibm

// Copyright 2009 The Go Authors. All rights reserved. Use of this source code
// is governed by a BSD-style license (Go's LICENSE). The algorithm and
// constants are from FreeBSD's /usr/src/lib/msun/src/e_exp.c:
//
// ====================================================
// Copyright (C) 2004 by Sun Microsystems, Inc. All rights reserved.
//
// Permission to use, copy, modify, and distribute this
// software is freely granted, provided that this notice
// is preserved.
// ====================================================

import "math"

// Exp returns eˣ to within 1 ulp, the same bits on every platform. Special
// cases are those of math.Exp.
func Exp(x float64) float64 {
	const (
		Ln2Hi = 6.93147180369123816490e-01
		Ln2Lo = 1.90821492927058770002e-10
		Log2e = 1.44269504088896338700e+00

		Overflow  = 7.09782712893383973096e+02
		Underflow = -7.45133219101941108420e+02
		NearZero  = 1.0 / (1 << 28) // 2**-28
	)
	switch {
	case math.IsNaN(x):
		return x
	case x > Overflow:
		return math.Inf(1)
	case x < Underflow:
		return 0
	case -NearZero < x && x < NearZero:
		return 1 + x
	}
	// reduce: x = k·ln2 + r, r = hi − lo for extra precision
	var k int
	switch {
	case x < 0:
		k = int(Log2e*x - 0.5)
	case x > 0:
		k = int(Log2e*x + 0.5)
	}
	hi := x - float64(k)*Ln2Hi
	lo := float64(k) * Ln2Lo
	return expmulti(hi, lo, k)
}

// expmulti returns e^r × 2^k where r = hi − lo and |r| ≤ ln(2)/2.
func expmulti(hi, lo float64, k int) float64 {
	const (
		P1 = 1.66666666666666657415e-01  /* 0x3FC55555; 0x55555555 */
		P2 = -2.77777777770155933842e-03 /* 0xBF66C16C; 0x16BEBD93 */
		P3 = 6.61375632143793436117e-05  /* 0x3F11566A; 0xAF25DE2C */
		P4 = -1.65339022054652515390e-06 /* 0xBEBBBD41; 0xC5D26BF1 */
		P5 = 4.13813679705723846039e-08  /* 0x3E663769; 0x72BEA4D0 */
	)
	r := hi - lo
	t := r * r
	c := r - t*(P1+t*(P2+t*(P3+t*(P4+t*P5))))
	y := 1 - ((lo - (r*c)/(2-c)) - hi)
	return math.Ldexp(y, k)
}
