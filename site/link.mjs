// The settings part of a page's address: "#key=value&key=value…", keyed as
// the table of settings (experiment.Fields, sent by the worker) names them.
// The same format as core/experiment's ParseLink and Link, so a link written
// here is read there (`hnnplay fit -link`) and back: the same escaping, the
// same order, the same errors. Pure functions, tested with node --test.

export const MAX_LINK_LENGTH = 64 << 10;

const SAFE = /[A-Za-z0-9\-_.~,*/:();]/;

// escapeValue percent-encodes every byte but letters, digits and -_.~,*/:();
// (UTF-8 first), as Go's Link does.
export function escapeValue(s) {
  let out = '';
  for (const ch of String(s)) {
    if (SAFE.test(ch)) {
      out += ch;
      continue;
    }
    for (const b of new TextEncoder().encode(ch)) out += '%' + b.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

// unescapeValue reverses escapeValue; "+" is a space, as in form encoding.
// It throws on a bad percent escape.
export function unescapeValue(s) {
  if (!/[%+]/.test(s)) return s;
  const bytes = [];
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '+') {
      bytes.push(0x20);
    } else if (c === '%') {
      const h = s.slice(i + 1, i + 3);
      if (!/^[0-9A-Fa-f]{2}$/.test(h)) throw new Error(`"${s.slice(i, i + 3)}" is not a percent escape`);
      bytes.push(parseInt(h, 16));
      i += 2;
    } else {
      for (const b of new TextEncoder().encode(c)) bytes.push(b);
    }
  }
  return new TextDecoder().decode(new Uint8Array(bytes));
}

// parseLink reads a whole URL's fragment, or a fragment alone, into
// {values, error}: values maps keys to text; error is "" or why the link
// cannot be read (then values is empty).
export function parseLink(link) {
  const text = String(link ?? '');
  if (text.length > MAX_LINK_LENGTH) {
    return { values: {}, error: `the link is ${text.length} characters long; at most ${MAX_LINK_LENGTH} are read` };
  }
  let frag = text.trim();
  const hash = frag.indexOf('#');
  if (hash >= 0) frag = frag.slice(hash + 1);
  else if (frag.includes('://')) frag = '';
  const values = {};
  for (const part of frag.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const k = eq < 0 ? part : part.slice(0, eq);
    const v = eq < 0 ? '' : part.slice(eq + 1);
    let key, val;
    try {
      key = unescapeValue(k);
      val = unescapeValue(v);
    } catch (err) {
      return { values: {}, error: `the link's part "${part}": ${err.message}` };
    }
    if (key === '') return { values: {}, error: `the link's part "${part}" has no key` };
    if (Object.prototype.hasOwnProperty.call(values, key)) return { values: {}, error: `the link gives "${key}" twice` };
    values[key] = val;
  }
  return { values, error: '' };
}

// formatLink writes values in the order of the table fields (a map field's
// entries sorted by name), keeping only the keys present but for an optional
// field's empty text, as Go's Link does.
export function formatLink(values, fields) {
  const parts = [];
  const add = (k) => parts.push(escapeValue(k) + '=' + escapeValue(values[k]));
  for (const f of fields) {
    if (f.kind === 'map') {
      Object.keys(values).filter((k) => k.startsWith(f.prefix) && k.length > f.prefix.length).sort().forEach(add);
    } else if (Object.prototype.hasOwnProperty.call(values, f.key) && !(f.optional && values[f.key] === '')) {
      add(f.key);
    }
  }
  return parts.join('&');
}
