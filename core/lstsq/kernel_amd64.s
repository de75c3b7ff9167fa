//go:build amd64 && !purego

#include "textflag.h"

// AVX2 + FMA3 kernels for householder.go; see kernel_amd64.go. Loads and
// stores are unaligned; rows that do not fill a 4-wide vector are done in
// scalar code at the end.

// func dot1(v, x *float64, n int) float64
TEXT ·dot1(SB), NOSPLIT, $0-32
	MOVQ v+0(FP), SI
	MOVQ x+8(FP), DI
	MOVQ n+16(FP), CX
	VXORPD Y0, Y0, Y0
	VXORPD Y1, Y1, Y1
	VXORPD Y2, Y2, Y2
	VXORPD Y3, Y3, Y3
	XORQ   AX, AX
	MOVQ   CX, BX
	ANDQ   $-16, BX
	JEQ    dot1_by4

dot1_loop16:
	VMOVUPD     (SI)(AX*8), Y4
	VMOVUPD     32(SI)(AX*8), Y5
	VMOVUPD     64(SI)(AX*8), Y6
	VMOVUPD     96(SI)(AX*8), Y7
	VFMADD231PD (DI)(AX*8), Y4, Y0
	VFMADD231PD 32(DI)(AX*8), Y5, Y1
	VFMADD231PD 64(DI)(AX*8), Y6, Y2
	VFMADD231PD 96(DI)(AX*8), Y7, Y3
	ADDQ        $16, AX
	CMPQ        AX, BX
	JLT         dot1_loop16

dot1_by4:
	MOVQ CX, BX
	ANDQ $-4, BX
	CMPQ AX, BX
	JGE  dot1_reduce

dot1_loop4:
	VMOVUPD     (SI)(AX*8), Y4
	VFMADD231PD (DI)(AX*8), Y4, Y0
	ADDQ        $4, AX
	CMPQ        AX, BX
	JLT         dot1_loop4

dot1_reduce:
	VADDPD       Y1, Y0, Y0
	VADDPD       Y3, Y2, Y2
	VADDPD       Y2, Y0, Y0
	VEXTRACTF128 $1, Y0, X1
	VADDPD       X1, X0, X0
	VHADDPD      X0, X0, X0
	CMPQ         AX, CX
	JGE          dot1_done

dot1_tail:
	VMOVSD      (SI)(AX*8), X4
	VFMADD231SD (DI)(AX*8), X4, X0
	INCQ        AX
	CMPQ        AX, CX
	JLT         dot1_tail

dot1_done:
	VMOVSD     X0, ret+24(FP)
	VZEROUPPER
	RET

// func axpy1(v *float64, s float64, x *float64, n int)
TEXT ·axpy1(SB), NOSPLIT, $0-32
	MOVQ         v+0(FP), SI
	VBROADCASTSD s+8(FP), Y15
	MOVQ         x+16(FP), DI
	MOVQ         n+24(FP), CX
	XORQ         AX, AX
	MOVQ         CX, BX
	ANDQ         $-16, BX
	JEQ          axpy1_by4

axpy1_loop16:
	VMOVUPD      (DI)(AX*8), Y0
	VMOVUPD      32(DI)(AX*8), Y1
	VMOVUPD      64(DI)(AX*8), Y2
	VMOVUPD      96(DI)(AX*8), Y3
	VFNMADD231PD (SI)(AX*8), Y15, Y0
	VFNMADD231PD 32(SI)(AX*8), Y15, Y1
	VFNMADD231PD 64(SI)(AX*8), Y15, Y2
	VFNMADD231PD 96(SI)(AX*8), Y15, Y3
	VMOVUPD      Y0, (DI)(AX*8)
	VMOVUPD      Y1, 32(DI)(AX*8)
	VMOVUPD      Y2, 64(DI)(AX*8)
	VMOVUPD      Y3, 96(DI)(AX*8)
	ADDQ         $16, AX
	CMPQ         AX, BX
	JLT          axpy1_loop16

axpy1_by4:
	MOVQ CX, BX
	ANDQ $-4, BX
	CMPQ AX, BX
	JGE  axpy1_tailcheck

axpy1_loop4:
	VMOVUPD      (DI)(AX*8), Y0
	VFNMADD231PD (SI)(AX*8), Y15, Y0
	VMOVUPD      Y0, (DI)(AX*8)
	ADDQ         $4, AX
	CMPQ         AX, BX
	JLT          axpy1_loop4

axpy1_tailcheck:
	CMPQ AX, CX
	JGE  axpy1_done

axpy1_tail:
	VMOVSD       (DI)(AX*8), X0
	VFNMADD231SD (SI)(AX*8), X15, X0
	VMOVSD       X0, (DI)(AX*8)
	INCQ         AX
	CMPQ         AX, CX
	JLT          axpy1_tail

axpy1_done:
	VZEROUPPER
	RET

// func dot1x4(v, x0, x1, x2, x3 *float64, n int, out *[4]float64)
TEXT ·dot1x4(SB), NOSPLIT, $0-56
	MOVQ   v+0(FP), SI
	MOVQ   x0+8(FP), R8
	MOVQ   x1+16(FP), R9
	MOVQ   x2+24(FP), R10
	MOVQ   x3+32(FP), R11
	MOVQ   n+40(FP), CX
	MOVQ   out+48(FP), DX
	VXORPD Y0, Y0, Y0
	VXORPD Y1, Y1, Y1
	VXORPD Y2, Y2, Y2
	VXORPD Y3, Y3, Y3
	VXORPD Y4, Y4, Y4
	VXORPD Y5, Y5, Y5
	VXORPD Y6, Y6, Y6
	VXORPD Y7, Y7, Y7
	XORQ   AX, AX
	MOVQ   CX, BX
	ANDQ   $-8, BX
	JEQ    dot1x4_by4

dot1x4_loop8:
	VMOVUPD     (SI)(AX*8), Y8
	VMOVUPD     32(SI)(AX*8), Y9
	VFMADD231PD (R8)(AX*8), Y8, Y0
	VFMADD231PD (R9)(AX*8), Y8, Y1
	VFMADD231PD (R10)(AX*8), Y8, Y2
	VFMADD231PD (R11)(AX*8), Y8, Y3
	VFMADD231PD 32(R8)(AX*8), Y9, Y4
	VFMADD231PD 32(R9)(AX*8), Y9, Y5
	VFMADD231PD 32(R10)(AX*8), Y9, Y6
	VFMADD231PD 32(R11)(AX*8), Y9, Y7
	ADDQ        $8, AX
	CMPQ        AX, BX
	JLT         dot1x4_loop8

dot1x4_by4:
	VADDPD Y4, Y0, Y0
	VADDPD Y5, Y1, Y1
	VADDPD Y6, Y2, Y2
	VADDPD Y7, Y3, Y3
	MOVQ   CX, BX
	ANDQ   $-4, BX
	CMPQ   AX, BX
	JGE    dot1x4_reduce
	VMOVUPD     (SI)(AX*8), Y8
	VFMADD231PD (R8)(AX*8), Y8, Y0
	VFMADD231PD (R9)(AX*8), Y8, Y1
	VFMADD231PD (R10)(AX*8), Y8, Y2
	VFMADD231PD (R11)(AX*8), Y8, Y3
	ADDQ        $4, AX

dot1x4_reduce:
	// Y0 = [s0 s1 s2 s3].
	VHADDPD    Y1, Y0, Y0
	VHADDPD    Y3, Y2, Y2
	VPERM2F128 $0x20, Y2, Y0, Y4
	VPERM2F128 $0x31, Y2, Y0, Y5
	VADDPD     Y5, Y4, Y0
	CMPQ       AX, CX
	JGE        dot1x4_done

dot1x4_tail:
	VBROADCASTSD (SI)(AX*8), Y8
	VMOVSD       (R8)(AX*8), X4
	VMOVHPD      (R9)(AX*8), X4, X4
	VMOVSD       (R10)(AX*8), X5
	VMOVHPD      (R11)(AX*8), X5, X5
	VINSERTF128  $1, X5, Y4, Y4
	VFMADD231PD  Y4, Y8, Y0
	INCQ         AX
	CMPQ         AX, CX
	JLT          dot1x4_tail

dot1x4_done:
	VMOVUPD    Y0, (DX)
	VZEROUPPER
	RET

// func axpy1x4(v *float64, s *[4]float64, x0, x1, x2, x3 *float64, n int)
TEXT ·axpy1x4(SB), NOSPLIT, $0-56
	MOVQ         v+0(FP), SI
	MOVQ         s+8(FP), DX
	MOVQ         x0+16(FP), R8
	MOVQ         x1+24(FP), R9
	MOVQ         x2+32(FP), R10
	MOVQ         x3+40(FP), R11
	MOVQ         n+48(FP), CX
	VBROADCASTSD (DX), Y12
	VBROADCASTSD 8(DX), Y13
	VBROADCASTSD 16(DX), Y14
	VBROADCASTSD 24(DX), Y15
	XORQ         AX, AX
	MOVQ         CX, BX
	ANDQ         $-8, BX
	JEQ          axpy1x4_by4

axpy1x4_loop8:
	VMOVUPD      (SI)(AX*8), Y8
	VMOVUPD      32(SI)(AX*8), Y9
	VMOVUPD      (R8)(AX*8), Y0
	VMOVUPD      (R9)(AX*8), Y1
	VMOVUPD      (R10)(AX*8), Y2
	VMOVUPD      (R11)(AX*8), Y3
	VMOVUPD      32(R8)(AX*8), Y4
	VMOVUPD      32(R9)(AX*8), Y5
	VMOVUPD      32(R10)(AX*8), Y6
	VMOVUPD      32(R11)(AX*8), Y7
	VFNMADD231PD Y8, Y12, Y0
	VFNMADD231PD Y8, Y13, Y1
	VFNMADD231PD Y8, Y14, Y2
	VFNMADD231PD Y8, Y15, Y3
	VFNMADD231PD Y9, Y12, Y4
	VFNMADD231PD Y9, Y13, Y5
	VFNMADD231PD Y9, Y14, Y6
	VFNMADD231PD Y9, Y15, Y7
	VMOVUPD      Y0, (R8)(AX*8)
	VMOVUPD      Y1, (R9)(AX*8)
	VMOVUPD      Y2, (R10)(AX*8)
	VMOVUPD      Y3, (R11)(AX*8)
	VMOVUPD      Y4, 32(R8)(AX*8)
	VMOVUPD      Y5, 32(R9)(AX*8)
	VMOVUPD      Y6, 32(R10)(AX*8)
	VMOVUPD      Y7, 32(R11)(AX*8)
	ADDQ         $8, AX
	CMPQ         AX, BX
	JLT          axpy1x4_loop8

axpy1x4_by4:
	MOVQ CX, BX
	ANDQ $-4, BX
	CMPQ AX, BX
	JGE  axpy1x4_tailcheck
	VMOVUPD      (SI)(AX*8), Y8
	VMOVUPD      (R8)(AX*8), Y0
	VMOVUPD      (R9)(AX*8), Y1
	VMOVUPD      (R10)(AX*8), Y2
	VMOVUPD      (R11)(AX*8), Y3
	VFNMADD231PD Y8, Y12, Y0
	VFNMADD231PD Y8, Y13, Y1
	VFNMADD231PD Y8, Y14, Y2
	VFNMADD231PD Y8, Y15, Y3
	VMOVUPD      Y0, (R8)(AX*8)
	VMOVUPD      Y1, (R9)(AX*8)
	VMOVUPD      Y2, (R10)(AX*8)
	VMOVUPD      Y3, (R11)(AX*8)
	ADDQ         $4, AX

axpy1x4_tailcheck:
	CMPQ AX, CX
	JGE  axpy1x4_done

axpy1x4_tail:
	VMOVSD       (SI)(AX*8), X8
	VMOVSD       (R8)(AX*8), X0
	VMOVSD       (R9)(AX*8), X1
	VMOVSD       (R10)(AX*8), X2
	VMOVSD       (R11)(AX*8), X3
	VFNMADD231SD X8, X12, X0
	VFNMADD231SD X8, X13, X1
	VFNMADD231SD X8, X14, X2
	VFNMADD231SD X8, X15, X3
	VMOVSD       X0, (R8)(AX*8)
	VMOVSD       X1, (R9)(AX*8)
	VMOVSD       X2, (R10)(AX*8)
	VMOVSD       X3, (R11)(AX*8)
	INCQ         AX
	CMPQ         AX, CX
	JLT          axpy1x4_tail

axpy1x4_done:
	VZEROUPPER
	RET

// func dot2x4(u, w, x0, x1, x2, x3 *float64, n int, out *[8]float64)
TEXT ·dot2x4(SB), NOSPLIT, $0-64
	MOVQ   u+0(FP), SI
	MOVQ   w+8(FP), DI
	MOVQ   x0+16(FP), R8
	MOVQ   x1+24(FP), R9
	MOVQ   x2+32(FP), R10
	MOVQ   x3+40(FP), R11
	MOVQ   n+48(FP), CX
	MOVQ   out+56(FP), DX
	// Y4, Y6, Y8, Y10 accumulate uᵀx_c; Y5, Y7, Y9, Y11 accumulate wᵀx_c.
	VXORPD Y4, Y4, Y4
	VXORPD Y5, Y5, Y5
	VXORPD Y6, Y6, Y6
	VXORPD Y7, Y7, Y7
	VXORPD Y8, Y8, Y8
	VXORPD Y9, Y9, Y9
	VXORPD Y10, Y10, Y10
	VXORPD Y11, Y11, Y11
	XORQ   AX, AX
	MOVQ   CX, BX
	ANDQ   $-8, BX
	JEQ    dot2x4_by4

dot2x4_loop8:
	VMOVUPD     (SI)(AX*8), Y0
	VMOVUPD     (DI)(AX*8), Y1
	VMOVUPD     (R8)(AX*8), Y2
	VMOVUPD     (R9)(AX*8), Y3
	VFMADD231PD Y2, Y0, Y4
	VFMADD231PD Y2, Y1, Y5
	VFMADD231PD Y3, Y0, Y6
	VFMADD231PD Y3, Y1, Y7
	VMOVUPD     (R10)(AX*8), Y2
	VMOVUPD     (R11)(AX*8), Y3
	VFMADD231PD Y2, Y0, Y8
	VFMADD231PD Y2, Y1, Y9
	VFMADD231PD Y3, Y0, Y10
	VFMADD231PD Y3, Y1, Y11
	VMOVUPD     32(SI)(AX*8), Y12
	VMOVUPD     32(DI)(AX*8), Y13
	VMOVUPD     32(R8)(AX*8), Y14
	VMOVUPD     32(R9)(AX*8), Y15
	VFMADD231PD Y14, Y12, Y4
	VFMADD231PD Y14, Y13, Y5
	VFMADD231PD Y15, Y12, Y6
	VFMADD231PD Y15, Y13, Y7
	VMOVUPD     32(R10)(AX*8), Y14
	VMOVUPD     32(R11)(AX*8), Y15
	VFMADD231PD Y14, Y12, Y8
	VFMADD231PD Y14, Y13, Y9
	VFMADD231PD Y15, Y12, Y10
	VFMADD231PD Y15, Y13, Y11
	ADDQ        $8, AX
	CMPQ        AX, BX
	JLT         dot2x4_loop8

dot2x4_by4:
	MOVQ CX, BX
	ANDQ $-4, BX
	CMPQ AX, BX
	JGE  dot2x4_reduce
	VMOVUPD     (SI)(AX*8), Y0
	VMOVUPD     (DI)(AX*8), Y1
	VMOVUPD     (R8)(AX*8), Y2
	VMOVUPD     (R9)(AX*8), Y3
	VFMADD231PD Y2, Y0, Y4
	VFMADD231PD Y2, Y1, Y5
	VFMADD231PD Y3, Y0, Y6
	VFMADD231PD Y3, Y1, Y7
	VMOVUPD     (R10)(AX*8), Y2
	VMOVUPD     (R11)(AX*8), Y3
	VFMADD231PD Y2, Y0, Y8
	VFMADD231PD Y2, Y1, Y9
	VFMADD231PD Y3, Y0, Y10
	VFMADD231PD Y3, Y1, Y11
	ADDQ        $4, AX

dot2x4_reduce:
	// Y0 = [p0 p1 p2 p3] (uᵀx_c), Y1 = [q0 q1 q2 q3] (wᵀx_c).
	VHADDPD    Y6, Y4, Y4
	VHADDPD    Y10, Y8, Y8
	VPERM2F128 $0x20, Y8, Y4, Y0
	VPERM2F128 $0x31, Y8, Y4, Y2
	VADDPD     Y2, Y0, Y0
	VHADDPD    Y7, Y5, Y5
	VHADDPD    Y11, Y9, Y9
	VPERM2F128 $0x20, Y9, Y5, Y1
	VPERM2F128 $0x31, Y9, Y5, Y3
	VADDPD     Y3, Y1, Y1
	CMPQ       AX, CX
	JGE        dot2x4_done

dot2x4_tail:
	VBROADCASTSD (SI)(AX*8), Y2
	VBROADCASTSD (DI)(AX*8), Y3
	VMOVSD       (R8)(AX*8), X12
	VMOVHPD      (R9)(AX*8), X12, X12
	VMOVSD       (R10)(AX*8), X13
	VMOVHPD      (R11)(AX*8), X13, X13
	VINSERTF128  $1, X13, Y12, Y12
	VFMADD231PD  Y12, Y2, Y0
	VFMADD231PD  Y12, Y3, Y1
	INCQ         AX
	CMPQ         AX, CX
	JLT          dot2x4_tail

dot2x4_done:
	VMOVUPD    Y0, (DX)
	VMOVUPD    Y1, 32(DX)
	VZEROUPPER
	RET

// func axpy2x4(u, w *float64, ab *[8]float64, x0, x1, x2, x3 *float64, n int)
TEXT ·axpy2x4(SB), NOSPLIT, $0-64
	MOVQ         u+0(FP), SI
	MOVQ         w+8(FP), DI
	MOVQ         ab+16(FP), DX
	MOVQ         x0+24(FP), R8
	MOVQ         x1+32(FP), R9
	MOVQ         x2+40(FP), R10
	MOVQ         x3+48(FP), R11
	MOVQ         n+56(FP), CX
	// Y8..Y11 = a_c, Y12..Y15 = b_c.
	VBROADCASTSD (DX), Y8
	VBROADCASTSD 8(DX), Y9
	VBROADCASTSD 16(DX), Y10
	VBROADCASTSD 24(DX), Y11
	VBROADCASTSD 32(DX), Y12
	VBROADCASTSD 40(DX), Y13
	VBROADCASTSD 48(DX), Y14
	VBROADCASTSD 56(DX), Y15
	XORQ         AX, AX
	MOVQ         CX, BX
	ANDQ         $-8, BX
	JEQ          axpy2x4_by4

axpy2x4_loop8:
	VMOVUPD      (SI)(AX*8), Y0
	VMOVUPD      (DI)(AX*8), Y1
	VMOVUPD      (R8)(AX*8), Y2
	VMOVUPD      (R9)(AX*8), Y3
	VMOVUPD      (R10)(AX*8), Y4
	VMOVUPD      (R11)(AX*8), Y5
	VFNMADD231PD Y0, Y8, Y2
	VFNMADD231PD Y0, Y9, Y3
	VFNMADD231PD Y0, Y10, Y4
	VFNMADD231PD Y0, Y11, Y5
	VFNMADD231PD Y1, Y12, Y2
	VFNMADD231PD Y1, Y13, Y3
	VFNMADD231PD Y1, Y14, Y4
	VFNMADD231PD Y1, Y15, Y5
	VMOVUPD      Y2, (R8)(AX*8)
	VMOVUPD      Y3, (R9)(AX*8)
	VMOVUPD      Y4, (R10)(AX*8)
	VMOVUPD      Y5, (R11)(AX*8)
	VMOVUPD      32(SI)(AX*8), Y6
	VMOVUPD      32(DI)(AX*8), Y7
	VMOVUPD      32(R8)(AX*8), Y2
	VMOVUPD      32(R9)(AX*8), Y3
	VMOVUPD      32(R10)(AX*8), Y4
	VMOVUPD      32(R11)(AX*8), Y5
	VFNMADD231PD Y6, Y8, Y2
	VFNMADD231PD Y6, Y9, Y3
	VFNMADD231PD Y6, Y10, Y4
	VFNMADD231PD Y6, Y11, Y5
	VFNMADD231PD Y7, Y12, Y2
	VFNMADD231PD Y7, Y13, Y3
	VFNMADD231PD Y7, Y14, Y4
	VFNMADD231PD Y7, Y15, Y5
	VMOVUPD      Y2, 32(R8)(AX*8)
	VMOVUPD      Y3, 32(R9)(AX*8)
	VMOVUPD      Y4, 32(R10)(AX*8)
	VMOVUPD      Y5, 32(R11)(AX*8)
	ADDQ         $8, AX
	CMPQ         AX, BX
	JLT          axpy2x4_loop8

axpy2x4_by4:
	MOVQ CX, BX
	ANDQ $-4, BX
	CMPQ AX, BX
	JGE  axpy2x4_tailcheck
	VMOVUPD      (SI)(AX*8), Y0
	VMOVUPD      (DI)(AX*8), Y1
	VMOVUPD      (R8)(AX*8), Y2
	VMOVUPD      (R9)(AX*8), Y3
	VMOVUPD      (R10)(AX*8), Y4
	VMOVUPD      (R11)(AX*8), Y5
	VFNMADD231PD Y0, Y8, Y2
	VFNMADD231PD Y0, Y9, Y3
	VFNMADD231PD Y0, Y10, Y4
	VFNMADD231PD Y0, Y11, Y5
	VFNMADD231PD Y1, Y12, Y2
	VFNMADD231PD Y1, Y13, Y3
	VFNMADD231PD Y1, Y14, Y4
	VFNMADD231PD Y1, Y15, Y5
	VMOVUPD      Y2, (R8)(AX*8)
	VMOVUPD      Y3, (R9)(AX*8)
	VMOVUPD      Y4, (R10)(AX*8)
	VMOVUPD      Y5, (R11)(AX*8)
	ADDQ         $4, AX

axpy2x4_tailcheck:
	CMPQ AX, CX
	JGE  axpy2x4_done

axpy2x4_tail:
	VMOVSD       (SI)(AX*8), X0
	VMOVSD       (DI)(AX*8), X1
	VMOVSD       (R8)(AX*8), X2
	VMOVSD       (R9)(AX*8), X3
	VMOVSD       (R10)(AX*8), X4
	VMOVSD       (R11)(AX*8), X5
	VFNMADD231SD X0, X8, X2
	VFNMADD231SD X0, X9, X3
	VFNMADD231SD X0, X10, X4
	VFNMADD231SD X0, X11, X5
	VFNMADD231SD X1, X12, X2
	VFNMADD231SD X1, X13, X3
	VFNMADD231SD X1, X14, X4
	VFNMADD231SD X1, X15, X5
	VMOVSD       X2, (R8)(AX*8)
	VMOVSD       X3, (R9)(AX*8)
	VMOVSD       X4, (R10)(AX*8)
	VMOVSD       X5, (R11)(AX*8)
	INCQ         AX
	CMPQ         AX, CX
	JLT          axpy2x4_tail

axpy2x4_done:
	VZEROUPPER
	RET

// func fused2x4(u, w, un, wn *float64, ab *[8][4]float64, x0, x1, x2, x3 *float64, n int, out *[8]float64)
//
// For each row i: x_c[i] −= ab[c]·u[i] + ab[4+c]·w[i] (one pair of
// reflectors), then out[c] += un[i]·x_c[i] and out[4+c] += wn[i]·x_c[i] with
// the updated x (the dot products of the next pair). ab holds each
// coefficient broadcast four times, for use as a memory operand.
TEXT ·fused2x4(SB), NOSPLIT, $0-88
	MOVQ   u+0(FP), SI
	MOVQ   w+8(FP), DI
	MOVQ   un+16(FP), R12
	MOVQ   wn+24(FP), R13
	MOVQ   ab+32(FP), DX
	MOVQ   x0+40(FP), R8
	MOVQ   x1+48(FP), R9
	MOVQ   x2+56(FP), R10
	MOVQ   x3+64(FP), R11
	MOVQ   n+72(FP), CX
	// Y0..Y3 accumulate unᵀx_c, Y4..Y7 wnᵀx_c.
	VXORPD Y0, Y0, Y0
	VXORPD Y1, Y1, Y1
	VXORPD Y2, Y2, Y2
	VXORPD Y3, Y3, Y3
	VXORPD Y4, Y4, Y4
	VXORPD Y5, Y5, Y5
	VXORPD Y6, Y6, Y6
	VXORPD Y7, Y7, Y7
	XORQ   AX, AX
	MOVQ   CX, BX
	ANDQ   $-4, BX
	JEQ    fused2x4_reduce

fused2x4_loop4:
	VMOVUPD      (SI)(AX*8), Y8
	VMOVUPD      (DI)(AX*8), Y9
	VMOVUPD      (R12)(AX*8), Y10
	VMOVUPD      (R13)(AX*8), Y11
	VMOVUPD      (R8)(AX*8), Y12
	VMOVUPD      (R9)(AX*8), Y13
	VFNMADD231PD (DX), Y8, Y12
	VFNMADD231PD 32(DX), Y8, Y13
	VFNMADD231PD 128(DX), Y9, Y12
	VFNMADD231PD 160(DX), Y9, Y13
	VMOVUPD      Y12, (R8)(AX*8)
	VMOVUPD      Y13, (R9)(AX*8)
	VFMADD231PD  Y12, Y10, Y0
	VFMADD231PD  Y12, Y11, Y4
	VFMADD231PD  Y13, Y10, Y1
	VFMADD231PD  Y13, Y11, Y5
	VMOVUPD      (R10)(AX*8), Y14
	VMOVUPD      (R11)(AX*8), Y15
	VFNMADD231PD 64(DX), Y8, Y14
	VFNMADD231PD 96(DX), Y8, Y15
	VFNMADD231PD 192(DX), Y9, Y14
	VFNMADD231PD 224(DX), Y9, Y15
	VMOVUPD      Y14, (R10)(AX*8)
	VMOVUPD      Y15, (R11)(AX*8)
	VFMADD231PD  Y14, Y10, Y2
	VFMADD231PD  Y14, Y11, Y6
	VFMADD231PD  Y15, Y10, Y3
	VFMADD231PD  Y15, Y11, Y7
	ADDQ         $4, AX
	CMPQ         AX, BX
	JLT          fused2x4_loop4

fused2x4_reduce:
	// Y0 = [p0 p1 p2 p3] (unᵀx_c), Y1 = [q0 q1 q2 q3] (wnᵀx_c).
	VHADDPD    Y1, Y0, Y0
	VHADDPD    Y3, Y2, Y2
	VPERM2F128 $0x20, Y2, Y0, Y8
	VPERM2F128 $0x31, Y2, Y0, Y9
	VHADDPD    Y5, Y4, Y4
	VHADDPD    Y7, Y6, Y6
	VPERM2F128 $0x20, Y6, Y4, Y10
	VPERM2F128 $0x31, Y6, Y4, Y11
	VADDPD     Y9, Y8, Y0
	VADDPD     Y11, Y10, Y1
	CMPQ       AX, CX
	JGE        fused2x4_done

fused2x4_tail:
	VMOVSD       (SI)(AX*8), X8
	VMOVSD       (DI)(AX*8), X9
	VMOVSD       (R8)(AX*8), X12
	VMOVSD       (R9)(AX*8), X13
	VMOVSD       (R10)(AX*8), X14
	VMOVSD       (R11)(AX*8), X15
	VFNMADD231SD (DX), X8, X12
	VFNMADD231SD 32(DX), X8, X13
	VFNMADD231SD 64(DX), X8, X14
	VFNMADD231SD 96(DX), X8, X15
	VFNMADD231SD 128(DX), X9, X12
	VFNMADD231SD 160(DX), X9, X13
	VFNMADD231SD 192(DX), X9, X14
	VFNMADD231SD 224(DX), X9, X15
	VMOVSD       X12, (R8)(AX*8)
	VMOVSD       X13, (R9)(AX*8)
	VMOVSD       X14, (R10)(AX*8)
	VMOVSD       X15, (R11)(AX*8)
	VMOVLHPS     X13, X12, X12
	VMOVLHPS     X15, X14, X14
	VINSERTF128  $1, X14, Y12, Y12
	VBROADCASTSD (R12)(AX*8), Y10
	VBROADCASTSD (R13)(AX*8), Y11
	VFMADD231PD  Y12, Y10, Y0
	VFMADD231PD  Y12, Y11, Y1
	INCQ         AX
	CMPQ         AX, CX
	JLT          fused2x4_tail

fused2x4_done:
	MOVQ       out+80(FP), DX
	VMOVUPD    Y0, (DX)
	VMOVUPD    Y1, 32(DX)
	VZEROUPPER
	RET

