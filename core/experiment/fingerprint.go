package experiment

import (
	"encoding/binary"
	"hash/fnv"
	"math"
	"strconv"
)

// Fingerprint hashes the float64 bits of the given slices, in order, each
// with its length (FNV-1a, 64 bits), and writes the hash as 16 hex digits.
// Two runs with equal fingerprints computed bit-identical numbers (up to a
// hash collision); a difference in the last bit of one number changes it.
// The page and the command line compare their training data and hidden
// layers this way.
func Fingerprint(slices ...[]float64) string {
	h := fnv.New64a()
	var buf [8]byte
	for _, s := range slices {
		binary.LittleEndian.PutUint64(buf[:], uint64(len(s)))
		h.Write(buf[:])
		for _, v := range s {
			binary.LittleEndian.PutUint64(buf[:], math.Float64bits(v))
			h.Write(buf[:])
		}
	}
	s := strconv.FormatUint(h.Sum64(), 16)
	for len(s) < 16 {
		s = "0" + s
	}
	return s
}
