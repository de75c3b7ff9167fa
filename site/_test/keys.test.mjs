// node --test: which keys are shortcuts, and where they are not.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { actionFor, SHORTCUTS } from '../keys.mjs';

const body = { tagName: 'BODY' };

test('every shortcut maps to its action on the page, upper case too (but Space)', () => {
  for (const s of SHORTCUTS) {
    assert.equal(actionFor({ key: s.key }, body), s.action, s.label);
    if (/^[a-z]$/.test(s.key)) assert.equal(actionFor({ key: s.key.toUpperCase() }, body), s.action, s.label);
  }
  assert.equal(new Set(SHORTCUTS.map((s) => s.key)).size, SHORTCUTS.length, 'a key twice');
});

test('no shortcut while typing, on a button, or with a modifier; Tab and Escape are never taken', () => {
  for (const tagName of ['INPUT', 'SELECT', 'TEXTAREA', 'BUTTON']) assert.equal(actionFor({ key: 'c' }, { tagName }), '', tagName);
  assert.equal(actionFor({ key: 'c' }, { tagName: 'DIV', isContentEditable: true }), '');
  for (const mod of ['ctrlKey', 'metaKey', 'altKey']) assert.equal(actionFor({ key: 'r', [mod]: true }, body), '', mod);
  for (const key of ['Tab', 'Escape', 'x', 'Enter']) assert.equal(actionFor({ key }, body), '', key);
});
