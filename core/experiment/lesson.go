package experiment

// A Lesson is a short guided look at one idea: a title and steps, each a
// text and the settings that show it (link values: the data and network
// settings train a model, the view settings change the picture). A step
// may offer a Try: other values that make the point by contrast (ELM after
// A-SWIM, the implicit midpoint rule after RK4), or the comparison with
// gradient descent. Texts may hold placeholders the page fills from the
// fit's report: {points}, {width}, {rows} and {cols} (the size of the
// least-squares problem), {rank}, {seconds}, {error} (relative error of H)
// and {sampler}. Every lesson trains in well under a second at its
// settings (TestLessons).
type Lesson struct {
	Title string       `json:"title"`
	Steps []LessonStep `json:"steps"`
}

// LessonStep is one screen of a lesson.
type LessonStep struct {
	Text   string            `json:"text"`
	Values map[string]string `json:"values"`
	Try    *LessonTry        `json:"try,omitempty"`
}

// LessonTry is a button of a step: Values to apply, or Race to start the
// comparison with gradient descent.
type LessonTry struct {
	Label  string            `json:"label"`
	Values map[string]string `json:"values,omitempty"`
	Race   bool              `json:"race,omitempty"`
}

// pendulum are the settings most lessons start from: the pendulum's preset
// with the table's network.
var pendulum = map[string]string{"system": "pendulum", "points": "1500", "width": "200", "sampler": "aswim",
	"integrator": "implicit-midpoint", "step": "0.05", "speed": "2", "playing": "true"}

func with(base map[string]string, kv ...string) map[string]string {
	m := make(map[string]string, len(base)+len(kv)/2)
	for k, v := range base {
		m[k] = v
	}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i]] = kv[i+1]
	}
	return m
}

// NumLessons is the number of lessons: the largest value of the lesson
// setting (TestLessons checks it against Lessons).
const NumLessons = 8

// Lessons returns the guided tour, opened by a link's lesson=N (1-based).
// The page reads it from site/lessons.json (written by wasm/lessons) when
// the tour is first opened; a function rather than a table built at
// start-up, so that the page's programs, which never show it, carry none
// of its text.
func Lessons() []Lesson {
	return []Lesson{
		{Title: "Energy and phase space", Steps: []LessonStep{{
			Text: "Each point of this plane is a state of a pendulum: its angle q across, its momentum p up. The amber " +
				"lines are the level sets of its energy H, and the motion follows them: closed loops are swings, the " +
				"waves at the top and bottom are full turns. The thin dark lines are the energy Ĥ a network learned " +
				"from samples of the motion, never from H itself; where they lie on the amber ones, it is right. Click " +
				"anywhere to start a trajectory.",
			Values: with(pendulum, "layers", "learned,true,field,arms", "traj", "0,1;0,1.8;-3.14,2.2;3.14,-2.2"),
		}}},
		{Title: "Where SWIM samples, and where ELM does", Steps: []LessonStep{{
			Text: "A neuron is a tanh step across a line. ELM draws its lines at random: many miss the data, and the " +
				"error of H is {error}. SWIM builds each neuron from a pair of training points, stepping half-way " +
				"between them, and draws the pairs where H changes fastest (red: drawn often).",
			Values: with(pendulum, "sampler", "elm", "layers", "true,sampling"),
			Try:    &LessonTry{Label: "Sample with A-SWIM", Values: map[string]string{"sampler": "aswim"}},
		}}},
		{Title: "One fit, step by step", Steps: []LessonStep{
			{Text: "The data: {points} states of the pendulum, drawn uniformly in the dashed box, with their velocities " +
				"(q̇, ṗ). The network never sees H, only how the states move.",
				Values: with(pendulum, "layers", "true,points", "traj", "")},
			{Text: "The hidden layer is not trained but sampled. A first fit with uniformly drawn pairs gives a rough Ĥ; " +
				"A-SWIM then draws {width} pairs of data points, likelier where that Ĥ changes fast (red).",
				Values: map[string]string{"layers": "points,sampling"}},
			{Text: "Each pair makes a neuron: a tanh step that is −½ at one point, +½ at the other and switches on the " +
				"line half-way. Together they tile the box where H has detail.",
				Values: map[string]string{"layers": "sampling"}},
			{Text: "Only the output layer is learned: Hamilton's equations at every data point give one linear " +
				"least-squares problem, {rows} equations in {cols} unknowns (rank {rank}), solved in {seconds} s.",
				Values: map[string]string{"layers": "sampling,learned"}},
			{Text: "The result: the learned level sets (dark) on the true ones (amber), and the error |Ĥ − H| as a heat " +
				"map. The relative error of H on points the network never saw is {error}.",
				Values: map[string]string{"layers": "learned,true,error"}},
		}},
		{Title: "Symplectic against RK4", Steps: []LessonStep{{
			Text: "Runge–Kutta 4 is accurate at every step but not symplectic: under the plot, the energy error of " +
				"each trajectory climbs and keeps climbing. A symplectic method such as the implicit midpoint rule " +
				"keeps it bounded for ever, with the learned Ĥ as with the true H.",
			Values: with(pendulum, "integrator", "rk4", "step", "0.3", "speed", "4", "layers", "learned,true", "energy", "true",
				"traj", "0,1;0,1.6;1,0"),
			Try: &LessonTry{Label: "Use the implicit midpoint rule", Values: map[string]string{"integrator": "implicit-midpoint"}},
		}}},
		{Title: "Sampling against gradient descent", Steps: []LessonStep{{
			Text: "The sampled network took {seconds} s to reach a relative error of {error}. A classic Hamiltonian " +
				"network learns the same weights by gradient descent (Adam), step after step. Start the comparison " +
				"and watch both errors against time.",
			Values: with(pendulum, "layers", "learned,true,field", "adam_steps", "3000"),
			Try:    &LessonTry{Label: "Start the comparison", Race: true},
		}}},
		{Title: "Chaos in Hénon–Heiles", Steps: []LessonStep{{
			Text: "Two coupled oscillators, a model of a star in a galaxy: four dimensions. Each dot marks where a " +
				"trajectory crosses q₂ = 0 going up (a Poincaré section): a regular orbit draws a closed curve, a " +
				"chaotic one scatters its dots over an area, and two starts a hair apart soon part. Bright dots: the " +
				"learned flow; faint: the true one. Low energies are regular; near the escape energy 1/6, chaos.",
			Values: map[string]string{"system": "henon-heiles", "integrator": "implicit-midpoint", "step": "0.05", "speed": "10",
				"playing": "true", "layers": "poincare",
				"traj": "0,0,0.2,0.1;0,0.1,0.3,0.1;0,-0.2,0.48,0;0,-0.2,0.4801,0"},
		}}},
		{Title: "Kepler's orbits", Steps: []LessonStep{{
			Text: "A planet around a star: H = |p|²/2 − 1/|q|. The network learned H from states near the circular " +
				"orbits of radius 0.7 to 1.3, never at the centre, where H is infinite. The panel draws each orbit in " +
				"the plane, the learned flow's solid and the true one's dashed, and reads out the energy E and the " +
				"angular momentum L, which the true flow keeps exactly; the learned flow keeps its own Ĥ.",
			Values: map[string]string{"system": "kepler", "integrator": "implicit-midpoint", "step": "0.05", "speed": "4",
				"playing": "true", "layers": "true,orbit", "traj": "1,0,0,1;0.9,0,0,1.1;1.2,0,0.1,0.9"},
		}}},
		{Title: "Outside the data", Steps: []LessonStep{{
			Text: "This time the network saw only the small swings in the green rectangle: its training data. Inside, " +
				"the learned level sets lie on the true ones and the heat map of the error |Ĥ − H| stays pale; outside, " +
				"nothing told the network what H does, and the error grows away from the data. The status line gives " +
				"the error inside the data region and outside it. The small swing stays right; the large one leaves " +
				"the data and follows a wrong Ĥ. Draw your own region with \"Draw the data region\".",
			Values: with(pendulum, "train_box", "-1,3,-1,1", "layers", "learned,true,error", "traj", "0,0.7;0,1.8"),
		}}},
	}
}
