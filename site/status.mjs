// The status line (#status): one message, of a kind (ok, info, busy or
// error). Once the app runs, it owns the line, so that #status and
// window.hnnplay.state().error always change together; before, the page
// writes it.

let app = null;

// useApp hands the status line to the app's setStatus.
export function useApp(api) { app = api; }

export function setStatus(kind, text) {
  if (app) {
    app.setStatus(kind, text);
    return;
  }
  const el = document.getElementById('status');
  el.textContent = text;
  el.dataset.kind = kind;
}

export function statusText() { return document.getElementById('status').textContent; }
