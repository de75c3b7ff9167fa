// The guided tour: lessons from the worker's table (core/experiment's
// Lessons), each a few steps of text and settings, shown in a card over the
// plot. A link's lesson=N opens lesson N. A step's settings apply as a link
// would: those of the data and the network train a new model when they
// differ from the model on the plot; the view's change the picture at once.
// The texts' placeholders take the numbers of the model on the plot.

const $ = (id) => document.getElementById(id);

// fillText replaces a lesson text's placeholders with the figures of a fit
// report (experiment.Result's JSON) for a system of dof degrees of freedom;
// a placeholder without a figure yet reads "…".
export function fillText(text, fit, dof, samplerLabel = (s) => s) {
  const f = fit || {};
  const num = (v, fmt) => (typeof v === 'number' && Number.isFinite(v) ? fmt(v) : '…');
  const figures = {
    points: num(f.points, String),
    width: num(f.width, String),
    rows: num(f.points, (k) => String(2 * dof * k + 1)),
    cols: num(f.width, (m) => String(m + 1)),
    rank: num(f.rank, String),
    seconds: num(f.fit_seconds, (s) => s.toFixed(2)),
    error: num(f.rel_l2_H, (e) => e.toExponential(1).replace('e-', '·10⁻').replace(/⁻(\d+)/, (_, d) => '⁻' + sup(d))),
    sampler: f.sampler ? samplerLabel(f.sampler) : '…',
  };
  return text.replace(/\{([a-z]+)\}/g, (m, k) => (k in figures ? figures[k] : m));
}

const SUP = '⁰¹²³⁴⁵⁶⁷⁸⁹';
function sup(digits) {
  return String(Number(digits)).split('').map((d) => SUP[d]).join('');
}

// placeCard puts the lesson card over the plot, or at the top of the panel
// on a narrow screen (a phone), where over the plot it would hide it.
function placeCard() {
  const narrow = window.matchMedia('(max-width: 720px)');
  const place = () => {
    const card = $('lesson');
    if (narrow.matches && !document.body.classList.contains('embed')) $('panel').prepend(card);
    else $('overlay').append(card);
  };
  narrow.addEventListener('change', place);
  place();
}

// Tour shows the lessons. page is main.mjs's: apply(values) applies
// settings as a link would; race() starts the comparison; fit() is the
// report of the model on the plot; dof(system) its degrees of freedom;
// samplerLabel(value) a sampler's name; changed(lesson) says the open lesson
// changed (0: closed), for the link and the app's state.
export class Tour {
  constructor(lessons, page) {
    this.lessons = lessons || [];
    this.page = page;
    this.n = 0; // the open lesson, 1-based; 0 when closed
    this.step = 0;
    placeCard();
    const menu = $('lesson-menu');
    menu.replaceChildren(...this.lessons.map((l, i) => new Option(`${i + 1}. ${l.title}`, String(i + 1))));
    menu.addEventListener('change', () => this.open(Number(menu.value)));
    // (the card's buttons do nothing while no lesson is open)
    $('lesson-back').addEventListener('click', () => this.n && (this.step > 0 ? this.go(this.step - 1) : this.open(this.n - 1)));
    $('lesson-next').addEventListener('click', () => this.n &&
      (this.step < this.steps().length - 1 ? this.go(this.step + 1) : this.open(this.n + 1)));
    $('lesson-close').addEventListener('click', () => this.open(0));
    $('lesson-try').addEventListener('click', () => {
      if (!this.n) return;
      const t = this.current().try;
      if (t && t.race) this.page.race();
      else if (t) this.page.apply(t.values || {});
    });
  }

  steps() { return this.lessons[this.n - 1].steps; }

  current() { return this.steps()[this.step]; }

  // open opens lesson n at its first step (0 closes the card). With apply
  // false the card shows but the settings stay: a link written by the page
  // holds the settings of what was shown, which may differ from the step's.
  open(n, apply = true) {
    this.n = n >= 1 && n <= this.lessons.length ? n : 0;
    $('lesson').hidden = this.n === 0;
    this.page.changed(this.n);
    if (!this.n) return;
    if (apply) this.go(0);
    else {
      this.step = 0;
      this.render();
    }
  }

  // go shows step i of the open lesson and applies its settings; going
  // back applies the steps from the first up to i, so the picture is the
  // same as coming forward.
  go(i) {
    const steps = this.lessons[this.n - 1].steps;
    const back = i < this.step;
    this.step = Math.max(0, Math.min(i, steps.length - 1));
    const values = {};
    for (let k = back ? 0 : this.step; k <= this.step; k++) Object.assign(values, steps[k].values);
    this.page.apply(values);
    this.render();
  }

  // render writes the open step with the figures of the model on the plot.
  render() {
    if (!this.n) return;
    const l = this.lessons[this.n - 1];
    const st = l.steps[this.step];
    $('lesson-menu').value = String(this.n);
    $('lesson-title').textContent = l.title;
    $('lesson-text').textContent = fillText(st.text, this.page.fit(), this.page.dof(), this.page.samplerLabel);
    $('lesson-try').hidden = !st.try;
    $('lesson-try').textContent = st.try ? st.try.label : '';
    const last = this.step === l.steps.length - 1;
    $('lesson-back').disabled = this.step === 0 && this.n === 1;
    $('lesson-back').textContent = this.step > 0 ? '‹ Back' : '‹ Previous lesson';
    $('lesson-next').disabled = last && this.n === this.lessons.length;
    $('lesson-next').textContent = last ? 'Next lesson ›' : 'Next ›';
    $('lesson-step').textContent = l.steps.length > 1 ? `step ${this.step + 1} of ${l.steps.length}` : '';
  }
}
