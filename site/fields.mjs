// Helpers over the table of settings that the worker sends (the JSON of
// core/experiment's Fields): which field a key belongs to, the defaults, the
// keys of a group, and how to say a field's bounds. Pure functions.

// fieldOf returns the field of a key, or of a map field's entry
// (p.f → params), or undefined.
export function fieldOf(fields, key) {
  return fields.find((f) => f.key === key || (f.kind === 'map' && key.startsWith(f.prefix) && key.length > f.prefix.length));
}

// keysOf returns the keys of the fields of the given groups, in table order.
export function keysOf(fields, ...groups) {
  return fields.filter((f) => groups.includes(f.group)).map((f) => f.key);
}

// pick returns the entries of values whose keys belong to the given groups
// (map fields' entries included).
export function pick(values, fields, ...groups) {
  const out = {};
  for (const [k, v] of Object.entries(values)) {
    const f = fieldOf(fields, k);
    if (f && groups.includes(f.group)) out[k] = v;
  }
  return out;
}

// bounds says what a field accepts, as the Go messages say it.
export function bounds(f) {
  switch (f.kind) {
    case 'int': return `a whole number from ${f.min} to ${f.max}`;
    case 'float': return `a number from ${f.min} to ${f.max}`;
    case 'choice': return 'one of ' + f.options.map((o) => o.value).join(', ');
    case 'set': return 'any of ' + f.options.map((o) => o.value).join(', ');
    case 'bool': return 'true or false';
    default: return '';
  }
}

// optionLabel returns the label of a choice's value, or the value.
export function optionLabel(f, value) {
  const o = f && f.options && f.options.find((x) => x.value === value);
  return o ? o.label : value;
}
