// The buttons, the embed toolbar, the keyboard shortcuts and the typed start
// point: each calls an action of the page (main.mjs) or of the app.

import { wireKeys } from './keys.mjs';

const $ = (id) => document.getElementById(id);
const on = (id, event, f) => $(id).addEventListener(event, f);

// wireControls wires them. page: app() (null until loaded), form, train,
// cancel, toggleView(key), chooseSystem(name), setStatus, lessons (opens
// the guided tour).
export function wireControls(page) {
  const { form, train, cancel, toggleView, chooseSystem, setStatus } = page;
  const app = () => page.app();
  const actions = {
    play: () => toggleView('playing'),
    train,
    clear: () => app() && app().clear(),
    random: () => app() && app().addRandom(5),
    energy: () => toggleView('energy'),
    present: () => toggleView('present'),
    fullscreen: () => (document.fullscreenElement ? document.exitFullscreen() : document.documentElement.requestFullscreen()).catch(() => {}),
    help: () => $('keys-dialog').showModal(),
  };
  on('play', 'click', actions.play);
  on('energy', 'click', actions.energy);
  on('present', 'click', actions.present);
  on('fullscreen', 'click', actions.fullscreen);
  on('keys', 'click', actions.help);
  on('lessons', 'click', page.lessons);
  on('step', 'click', () => {
    if (form.values().playing === 'true') toggleView('playing');
    if (app()) app().step();
  });
  on('reset', 'click', () => app() && app().reset());
  on('clear', 'click', actions.clear);
  on('add', 'click', actions.random);
  on('cancel', 'click', cancel);
  // the embed toolbar
  on('e-train', 'click', train);
  on('e-system', 'change', () => chooseSystem($('e-system').value));
  on('e-sampler', 'change', () => { form.set({ sampler: $('e-sampler').value }); train(); });
  on('e-play', 'click', actions.play);
  on('e-clear', 'click', actions.clear);
  on('e-energy', 'click', actions.energy);
  wireKeys(actions);
  // A typed start point, so a keyboard can place a trajectory where it wants.
  const addTyped = () => {
    const text = $('start').value;
    const nums = text.split(',').map((p) => (p.trim() === '' ? NaN : Number(p.trim())));
    if (nums.length !== 2 || !nums.every(Number.isFinite)) {
      setStatus('error', `Start point: type two numbers separated by a comma, such as "1, 0"; got "${text}".`);
      return;
    }
    if (!app()) return;
    app().add(nums[0], nums[1]);
    setStatus('info', `Trajectory started at (${nums[0]}, ${nums[1]}).`);
  };
  on('start-add', 'click', addTyped);
  on('start', 'keydown', (e) => { if (e.key === 'Enter') { e.preventDefault(); addTyped(); } });
}
