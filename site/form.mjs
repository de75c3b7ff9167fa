// The page's form, built from the table of settings the worker sends: the
// options of each choice, each control's default and help, the inputs of a
// system's parameters and of a 4-d system's section. values() reads the form
// as the text values a link and the worker take; set() fills it from them;
// mark() shows the worker's message next to each refused field.

import { bounds, fieldOf } from './fields.mjs';

const VARIABLE = /^(?:[qp][12₁₂]?|pi|π|e)$/;

// formulaParams lists the parameters of a typed H, for their inputs: the
// names that are not variables or constants (q, p, q1 … p2, pi, e) nor
// called as functions, in the order of first use, then those only given in
// values as p.NAME. The worker's parser has the last word; this only finds
// names, so a number's exponent ("1e-3") is not one.
export function formulaParams(text, values = {}) {
  const names = [];
  for (const m of String(text).matchAll(/(?<![\w.₀-₉α-ωΑ-Ω])[A-Za-z_α-ωΑ-Ω][\w₀-₉α-ωΑ-Ω]*/g)) {
    const after = text.slice(m.index + m[0].length).trimStart();
    if (!VARIABLE.test(m[0]) && after[0] !== '(' && !names.includes(m[0])) names.push(m[0]);
  }
  for (const k of Object.keys(values)) {
    if (k.startsWith('p.') && k.length > 2 && !names.includes(k.slice(2))) names.push(k.slice(2));
  }
  return names.map((name) => ({ name, default: '', doc: `${name}, a parameter of your H` }));
}

export class Form {
  // info is the worker's: {fields, systems, limits}.
  constructor(doc, info) {
    this.doc = doc;
    this.fields = info.fields;
    this.systems = info.systems;
    this.root = doc.getElementById('controls');
  }

  // controls returns the form controls of a field key (several for a set).
  controls(key) {
    return Array.from(this.root.querySelectorAll(`[name="${CSS.escape(key)}"]`));
  }

  system(name = this.value('system')) {
    return this.systems.find((s) => s.name === name);
  }

  value(key) {
    const c = this.controls(key)[0];
    return c ? c.value : undefined;
  }

  // build fills every control from its field: options, default, help.
  build() {
    for (const f of this.fields) {
      if (f.kind === 'set') {
        this.buildSet(f);
        continue;
      }
      for (const c of this.controls(f.key)) {
        if (c.tagName === 'SELECT') {
          c.replaceChildren(...f.options.map((o) => new Option(o.label, o.value)));
        }
        const help = f.help + (bounds(f) ? ` (${bounds(f)})` : '');
        c.title = help;
        const h = this.doc.querySelector(`[data-help="${f.key}"]`);
        if (h) h.textContent = f.help;
        else c.setAttribute('aria-description', help);
        if (f.default !== '' && c.tagName !== 'BUTTON') c.value = f.default;
        if (f.kind === 'float') c.inputMode = 'decimal';
        if (f.kind === 'int') c.inputMode = 'numeric';
      }
    }
    this.buildParams({});
    this.formula();
    this.box(true);
  }

  // buildSet makes one checkbox per option of a set field (the layers).
  buildSet(f) {
    const box = this.doc.getElementById(f.key);
    if (!box) return;
    const on = f.default.split(',');
    box.querySelectorAll('label.layer').forEach((l) => l.remove());
    const labels = f.options.map((o) => {
      const label = this.doc.createElement('label');
      label.className = 'layer';
      const input = this.doc.createElement('input');
      Object.assign(input, { type: 'checkbox', name: f.key, value: o.value, id: 'show-' + o.value, checked: on.includes(o.value) });
      const sw = this.doc.createElement('span');
      sw.className = 'swatch ' + o.value;
      sw.setAttribute('aria-hidden', 'true');
      label.append(input, ' ', sw, ' ', o.label);
      return label;
    });
    box.querySelector('legend').after(...labels);
  }

  // box shows the selected system's box (its preset's, else its own) as the
  // placeholder and, when reset is true, as the value.
  box(reset) {
    const sys = this.system();
    const c = this.controls('box')[0];
    if (!sys || !c) return;
    const box = (sys.preset && sys.preset.values.box) || sys.box;
    c.placeholder = box;
    if (reset) c.value = box;
    this.formulaBox();
  }

  // preset fills the settings of the selected system's preset (or of its
  // larger setting), and the others of its group from the table.
  preset(larger) {
    const sys = this.system();
    const p = (sys && sys.preset) || { values: {} };
    const values = {};
    // what any system's preset sets goes back to the table's default first
    for (const s of this.systems) {
      for (const k of Object.keys((s.preset && s.preset.values) || {})) {
        if (k !== 'box') values[k] = this.fields.find((f) => f.key === k).default;
      }
    }
    Object.assign(values, p.values, larger ? p.larger : {});
    delete values.box;
    this.set(values);
    this.box(true);
  }

  // hint shows under each field what it allows now (limits that depend on
  // other fields), by key.
  hint(hints) {
    this.root.querySelectorAll('.field-hint').forEach((e) => e.remove());
    for (const [k, text] of Object.entries(hints || {})) {
      const c = this.controls(k)[0];
      if (!c) continue;
      const h = this.doc.createElement('small');
      h.className = 'field-hint';
      h.textContent = text[0].toUpperCase() + text.slice(1);
      (c.closest('.row') || c.parentElement).append(h);
    }
  }

  // formula shows the input of H for the custom system only; for the others
  // it is disabled, so values() leaves it out, and keeps what was typed.
  formula() {
    const custom = this.value('system') === 'custom';
    const c = this.controls('formula')[0];
    if (!c) return;
    c.disabled = !custom;
    c.closest('.row').hidden = !custom;
  }

  // formulaChanged follows a newly typed H: the inputs of its parameters,
  // and the system's own box (empty) if the box has the other number of
  // coordinates (q1 … p2 are two degrees of freedom).
  formulaChanged() {
    this.buildParams(this.values());
    this.formulaBox();
  }

  // formulaBox empties the box (the system's own) when the custom system's
  // formula has the other number of degrees of freedom.
  formulaBox() {
    const f = this.controls('formula')[0];
    const c = this.controls('box')[0];
    if (!f || !c || f.disabled) return;
    const dof = /(^|[^\w])[qp][12₁₂](?!\w)/.test(f.value) ? 2 : 1;
    if (c.value.trim() !== '' && c.value.split(',').length !== 4 * dof) c.value = '';
  }

  // buildParams makes the inputs of the selected system's parameters
  // (empty = the default, shown as the placeholder); the custom system's
  // are the names of its formula (values' or the form's) and of values.
  buildParams(values) {
    const box = this.doc.getElementById('params');
    box.replaceChildren();
    const sys = this.system();
    const params = sys && sys.name === 'custom' ? formulaParams(values.formula ?? this.value('formula') ?? '', values) : (sys && sys.params) || [];
    for (const p of params) {
      const row = this.doc.createElement('div');
      row.className = 'row';
      const id = 'param-' + p.name;
      const label = this.doc.createElement('label');
      label.htmlFor = id;
      label.textContent = p.name;
      label.title = p.doc;
      const input = this.doc.createElement('input');
      Object.assign(input, { id, type: 'text', autocomplete: 'off', name: 'p.' + p.name, placeholder: p.default, title: p.doc });
      input.setAttribute('aria-description', p.default ? `${p.doc} (default ${p.default})` : p.doc);
      input.value = values['p.' + p.name] ?? '';
      row.append(label, input);
      box.append(row);
    }
  }

  // buildSection makes the inputs of the fixed coordinates of a 4-d
  // system's section, with the given values (numbers) or the anchor's.
  buildSection(values) {
    const box = this.doc.getElementById('section');
    box.querySelectorAll('.row').forEach((r) => r.remove());
    const sys = this.system();
    const names = (sys && sys.section) || [];
    box.hidden = names.length === 0;
    for (const n of names) {
      const row = this.doc.createElement('div');
      row.className = 'row';
      const id = 'section-' + n;
      const label = this.doc.createElement('label');
      label.htmlFor = id;
      const input = this.doc.createElement('input');
      Object.assign(input, { id, type: 'text', inputMode: 'decimal', autocomplete: 'off', name: 'section.' + n });
      const v = values['section.' + n] ?? sys.anchor[sys.coords.indexOf(n)];
      label.textContent = sys.labels[sys.coords.indexOf(n)] + ' fixed at';
      input.value = typeof v === 'number' ? String(Math.round(v * 1e6) / 1e6) : v;
      row.append(label, input);
      box.append(row);
    }
  }

  // values reads the form: every field that has a control, as text, keyed
  // as the worker and a link take them. Empty parameter inputs are left out.
  values() {
    const out = {};
    for (const f of this.fields) {
      if (f.kind === 'map') {
        this.root.querySelectorAll(`[name^="${CSS.escape(f.prefix)}"]`).forEach((c) => {
          if (c.value.trim() !== '') out[c.name] = c.value.trim();
        });
      } else if (f.kind === 'set') {
        const cs = this.controls(f.key);
        if (cs.length) out[f.key] = cs.filter((c) => c.checked).map((c) => c.value).join(',');
      } else if (f.kind === 'bool') {
        const c = this.doc.querySelector(`[data-field="${f.key}"]`);
        if (c) out[f.key] = String(c.getAttribute('aria-pressed') === 'true');
      } else {
        const c = this.controls(f.key)[0];
        if (c && !c.disabled) out[f.key] = c.value; // disabled: not of this system (the formula)
      }
    }
    return out;
  }

  // set fills the form from values (all keys optional): the system first,
  // then its parameters, box and section, then the rest.
  set(values) {
    if (values.system !== undefined) this.controls('system')[0].value = values.system;
    this.formula();
    this.box(false);
    this.buildParams(values);
    this.buildSection(values);
    for (const [k, v] of Object.entries(values)) {
      const f = fieldOf(this.fields, k);
      if (!f || f.kind === 'map' || k === 'system') continue;
      if (f.kind === 'set') {
        const on = v.split(',');
        this.controls(k).forEach((c) => { c.checked = on.includes(c.value); });
      } else if (f.kind === 'bool') {
        const c = this.doc.querySelector(`[data-field="${k}"]`);
        if (c) c.setAttribute('aria-pressed', String(v === 'true'));
      } else {
        this.controls(k).forEach((c) => { c.value = v; });
      }
    }
  }

  // mark shows each refused field's message next to its control and marks
  // the control invalid; the other fields are cleared.
  mark(errors) {
    this.root.querySelectorAll('[aria-invalid="true"]').forEach((c) => {
      c.removeAttribute('aria-invalid');
      c.removeAttribute('aria-errormessage');
    });
    this.root.querySelectorAll('.field-error').forEach((e) => e.remove());
    for (const e of errors || []) {
      const c = this.controls(e.key)[0];
      if (!c) continue;
      const id = 'error-' + e.key.replace(/[^a-z0-9_-]/gi, '-');
      const msg = this.doc.createElement('small');
      msg.className = 'field-error';
      msg.id = id;
      msg.textContent = e.msg;
      c.setAttribute('aria-invalid', 'true');
      c.setAttribute('aria-errormessage', id);
      (c.closest('.row') || c.parentElement).append(msg);
    }
  }
}
