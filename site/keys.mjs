// Keyboard shortcuts: one key per action, listed in the "?" overlay. They act
// only when the focus is not in a text field, a menu or on a button (so Space
// still presses a focused button and typing never triggers one), and never
// trap the focus: Tab and Escape keep their meaning.

export const SHORTCUTS = [
  { key: ' ', label: 'Space', action: 'play', text: 'pause or play the trajectories' },
  { key: 't', label: 'T', action: 'train', text: 'train with the settings in the form' },
  { key: 'c', label: 'C', action: 'clear', text: 'clear the trajectories' },
  { key: 'r', label: 'R', action: 'random', text: 'start 5 random trajectories' },
  { key: 'e', label: 'E', action: 'energy', text: 'show or hide the energy strip' },
  { key: 'p', label: 'P', action: 'present', text: 'presentation mode: large type, thick lines' },
  { key: 'f', label: 'F', action: 'fullscreen', text: 'full screen' },
  { key: '?', label: '?', action: 'help', text: 'this list' },
];

// actionFor returns the action of a keydown event, or '' when the key is not
// a shortcut here (a modifier is held, or the focus is in a control).
export function actionFor(e, target) {
  if (e.ctrlKey || e.metaKey || e.altKey) return '';
  const tag = target && target.tagName;
  if (tag === 'INPUT' || tag === 'SELECT' || tag === 'TEXTAREA' || tag === 'BUTTON' || (target && target.isContentEditable)) return '';
  const s = SHORTCUTS.find((x) => x.key === e.key || (x.key.length === 1 && x.key === e.key.toLowerCase() && x.key !== ' '));
  return s ? s.action : '';
}

// wireKeys lists the shortcuts in the "?" dialog and runs actions[action]
// on their keys, unless a dialog is open.
export function wireKeys(actions) {
  document.getElementById('keys-list').replaceChildren(...SHORTCUTS.flatMap((s) => {
    const dt = document.createElement('dt');
    dt.textContent = s.label;
    const dd = document.createElement('dd');
    dd.textContent = s.text;
    return [dt, dd];
  }));
  document.addEventListener('keydown', (e) => {
    const act = actionFor(e, e.target);
    if (!act || document.querySelector('dialog[open]')) return;
    e.preventDefault();
    actions[act]();
  });
}
