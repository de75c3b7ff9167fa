package world

import "sort"

func sortFloats(v []float64) { sort.Float64s(v) }

// Segment is a straight piece of a level set, in grid index coordinates
// (x along i, y along j).
type Segment struct{ X0, Y0, X1, Y1 float64 }

// Contour appends to dst the segments of the level set {f = level} of the
// NX×NY row-major field f, by marching squares with linear interpolation
// along cell edges. Saddle cells (both diagonals on the same side) are
// resolved by the value at the cell centre. Cells with a non-finite corner
// are skipped.
func Contour(dst []Segment, f []float64, nx, ny int, level float64) []Segment {
	for j := 0; j+1 < ny; j++ {
		for i := 0; i+1 < nx; i++ {
			k := j*nx + i
			// corners: a=(i,j) b=(i+1,j) c=(i+1,j+1) d=(i,j+1)
			a, b, c, d := f[k]-level, f[k+1]-level, f[k+nx+1]-level, f[k+nx]-level
			if !(a == a && b == b && c == c && d == d) || isInf(a) || isInf(b) || isInf(c) || isInf(d) {
				continue
			}
			idx := 0
			if a > 0 {
				idx |= 1
			}
			if b > 0 {
				idx |= 2
			}
			if c > 0 {
				idx |= 4
			}
			if d > 0 {
				idx |= 8
			}
			if idx == 0 || idx == 15 {
				continue
			}
			x, y := float64(i), float64(j)
			// edge points: bottom (a-b), right (b-c), top (d-c), left (a-d)
			bot := func() (float64, float64) { return x + a/(a-b), y }
			right := func() (float64, float64) { return x + 1, y + b/(b-c) }
			top := func() (float64, float64) { return x + d/(d-c), y + 1 }
			left := func() (float64, float64) { return x, y + a/(a-d) }
			seg := func(p func() (float64, float64), q func() (float64, float64)) {
				x0, y0 := p()
				x1, y1 := q()
				dst = append(dst, Segment{x0, y0, x1, y1})
			}
			switch idx {
			case 1, 14:
				seg(bot, left)
			case 2, 13:
				seg(bot, right)
			case 3, 12:
				seg(left, right)
			case 4, 11:
				seg(right, top)
			case 6, 9:
				seg(bot, top)
			case 7, 8:
				seg(left, top)
			case 5, 10:
				centre := (a + b + c + d) / 4
				// idx 5: a and c above. If the centre is above too, a and c
				// connect through the middle and the segments cut off b and d.
				if (idx == 5) == (centre > 0) {
					seg(bot, right)
					seg(left, top)
				} else {
					seg(bot, left)
					seg(right, top)
				}
			}
		}
	}
	return dst
}

func isInf(v float64) bool { return v > 1e308 || v < -1e308 }
