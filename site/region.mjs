// The data region: where the training points come from (the train_box
// setting). "Draw the data region" puts the plot in drawing mode, where a
// drag spans a rectangle (the app sends it as hnnplay:region); the form
// takes it and the model refits. Escape or the button again leaves the mode;
// "Whole box" clears the region. The legend's entry shows while the model
// on the plot has a region.

const $ = (id) => document.getElementById(id);

// wireRegion wires the buttons. page: app() (null until loaded), form,
// train(), setStatus(kind, text).
export function wireRegion(page) {
  const button = $('draw-region');
  const setDrawing = (on) => {
    button.setAttribute('aria-pressed', String(on));
    document.body.classList.toggle('drawing', on);
    if (page.app()) page.app().setDrawing(on);
  };
  button.addEventListener('click', () => {
    if (!page.app()) return;
    const on = button.getAttribute('aria-pressed') !== 'true';
    setDrawing(on);
    if (on) page.setStatus('info', 'Drag a rectangle on the plot: the training points will come from it. Escape leaves drawing.');
  });
  $('whole-box').addEventListener('click', () => {
    setDrawing(false);
    if (page.form.value('train_box') === '') return;
    page.form.set({ train_box: '' });
    page.train();
  });
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && button.getAttribute('aria-pressed') === 'true') setDrawing(false);
  });
  window.addEventListener('hnnplay:region', (e) => {
    setDrawing(false);
    page.form.set({ train_box: e.detail });
    page.train();
  });
  window.addEventListener('hnnplay:model', () => {
    const region = page.app() ? JSON.parse(page.app().state()).region : '';
    if (region) document.body.dataset.region = region;
    else delete document.body.dataset.region;
  });
}
