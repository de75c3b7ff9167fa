// Modes of the page: embedded in another page (embed), presenting on a
// projector (present), and classroom links that hide control groups (hide).
// In embed and present modes the plot takes the whole frame, with a compact
// toolbar over it. Embedded, the wheel and a swipe scroll the host page
// until the reader clicks or taps the plot; the animation stops while the
// frame is off screen or the tab hidden; the host is told when it is ready.

const $ = (id) => document.getElementById(id);

// applyModes sets the body's classes and data-hide from the view values
// (and data-layers, so that the legend shows the entries of the layers on).
export function applyModes(values) {
  const b = document.body;
  b.classList.toggle('embed', values.embed === 'true');
  b.classList.toggle('present', values.present === 'true');
  b.dataset.hide = (values.hide || '').split(',').join(' ');
  b.dataset.layers = String(values.layers || '').split(',').join(' '); // the legend shows their entries
  $('present').setAttribute('aria-pressed', String(values.present === 'true'));
}

// wireEmbed makes the veil that passes the wheel and swipes to the host
// until the first click or tap, and tells the host page when the plot is
// ready (postMessage {type: "hnnplay:ready"} to the parent).
export function wireEmbed() {
  const veil = $('veil');
  if (!document.body.classList.contains('embed') || window.parent === window) return;
  veil.hidden = false;
  veil.addEventListener('click', () => { veil.hidden = true; }, { once: true });
}

// tellHost posts a message to the page this one is framed in, if any.
export function tellHost(type) {
  if (window.parent !== window) window.parent.postMessage({ type }, '*');
}

// watchVisibility calls visible(bool) when the plot comes on or goes off
// screen (an embed scrolled out of the host's view) or the tab is hidden.
export function watchVisibility(target, visible) {
  let onScreen = true;
  const report = () => visible(onScreen && document.visibilityState !== 'hidden');
  if ('IntersectionObserver' in window && target) {
    new IntersectionObserver((entries) => {
      onScreen = entries[entries.length - 1].isIntersecting;
      report();
    }).observe(target);
  }
  document.addEventListener('visibilitychange', report);
}
