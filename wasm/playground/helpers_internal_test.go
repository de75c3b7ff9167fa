package playground

import "testing"

func TestSentence(t *testing.T) {
	for in, want := range map[string]string{
		"":                      "",
		"trajectory 3 stopped":  "Trajectory 3 stopped",
		"Already":               "Already",
		"∇H is wrong":           "∇H is wrong",
		"3 trajectories":        "3 trajectories",
		"é accented":            "é accented",
		"x":                     "X",
		"cannot use the model.": "Cannot use the model.",
	} {
		if got := sentence(in); got != want {
			t.Errorf("sentence(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSamplerNames(t *testing.T) {
	for in, want := range map[string]string{"elm": "ELM", "uswim": "U-SWIM", "swim": "SWIM", "aswim": "A-SWIM", "other": "other"} {
		if got := samplerLabel(in); got != want {
			t.Errorf("samplerLabel(%q) = %q, want %q", in, got, want)
		}
	}
}
