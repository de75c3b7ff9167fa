// Your data: a CSV file the user chooses, or pastes, trained on instead of
// generated data. The page reads the file (after checking its size against
// the worker's limit) and hands the text to the worker once; the worker
// parses it (core/data.ReadFile) and keeps it for every fit, comparison and
// export whose settings name it (the "data" setting, a hidden input of the
// form). Nothing is sent anywhere else. A restarted worker (a cancelled
// fit) gets the text again. A link holds only the file's name: a page
// opened with one says so and trains on generated data.

const $ = (id) => document.getElementById(id);

export class Uploads {
  // deps: worker (bridge.mjs's Worker), form, train(), maxBytes (the
  // worker's limit on a file's size).
  constructor({ worker, form, train, maxBytes }) {
    this.worker = worker;
    this.form = form;
    this.train = train;
    this.maxBytes = maxBytes;
    this.current = null; // {name, text} of the data in use
    worker.onStart = () => {
      const c = this.current;
      if (c) worker.post({ type: 'upload', id: 0, request: { id: 0, name: c.name, text: c.text } });
    };
  }

  wire() {
    $('data-file').addEventListener('change', async () => {
      const file = $('data-file').files[0];
      $('data-file').value = '';
      if (!file) return;
      if (file.size > this.maxBytes) {
        this.note('error', `${file.name} is ${(file.size / 1e6).toFixed(1)} MB; the page reads files of at most ` +
          `${this.maxBytes / 1e6} MB: use fewer rows.`);
        return;
      }
      this.use(file.name, await file.text());
    });
    $('data-use').addEventListener('click', () => {
      const text = $('data-paste').value;
      const bytes = new TextEncoder().encode(text).length;
      if (bytes > this.maxBytes) {
        this.note('error', `The pasted text is ${(bytes / 1e6).toFixed(1)} MB; the page reads at most ${this.maxBytes / 1e6} MB.`);
        return;
      }
      this.use('pasted.csv', text);
    });
    $('data-generated').addEventListener('click', () => {
      this.current = null;
      this.worker.post({ type: 'upload', id: 0, request: { id: 0, name: '' } });
      this.form.set({ data: '' });
      $('data-generated').hidden = true;
      this.note('', '');
      this.train();
    });
  }

  // use has the worker read the text; if it can, the data are used and
  // trained on, else its message (line, column) shows and the data in use
  // stay.
  async use(name, text) {
    this.note('busy', `Reading ${name}…`);
    const r = await this.worker.upload(name, text);
    if (!r) {
      this.note('error', `The trainer restarted while reading ${name}; choose it again.`);
      return;
    }
    if (r.error) {
      this.note('error', r.error.endsWith('.') ? r.error : r.error + '.');
      return;
    }
    this.current = { name, text };
    this.form.set({ data: name });
    $('data-generated').hidden = false;
    this.note('busy', `${name}: ${r.about}. Training on it…`);
    this.train();
  }

  // fromLink clears a link's data setting that names no file in use, and
  // returns what to tell ("" if nothing).
  fromLink(values) {
    const name = values.data;
    if (!name || (this.current && this.current.name === name)) return '';
    this.form.set({ data: '' });
    const msg = `this link was made with an uploaded file, ${name}, which links do not carry: upload it again ` +
      '(meanwhile the page trains on generated data)';
    this.note('error', msg[0].toUpperCase() + msg.slice(1) + '.');
    return msg;
  }

  // show says what a fit trained on: the report's upload text, or nothing
  // for generated data.
  show(fit) {
    const u = fit && fit.upload;
    // The legend names the system's H a reference while the model on the
    // plot learned from a file.
    if (u) document.body.dataset.upload = '';
    else delete document.body.dataset.upload;
    if (u) this.note('ok', u.text);
    else if (!this.current && $('data-note').dataset.kind !== 'error') this.note('', '');
    $('data-generated').hidden = !u && !this.current;
  }

  note(kind, text) {
    const el = $('data-note');
    el.hidden = !text;
    el.dataset.kind = kind;
    el.textContent = text;
  }
}
