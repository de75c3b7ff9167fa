// node --test: the link format, against what core/experiment reads and
// writes (the same strings appear in its tests).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { escapeValue, formatLink, MAX_LINK_LENGTH, parseLink, unescapeValue } from '../link.mjs';

const fields = [
  { key: 'system', kind: 'choice' }, { key: 'params', kind: 'map', prefix: 'p.' }, { key: 'box', kind: 'text' },
  { key: 'train_box', kind: 'text', optional: true },
  { key: 'points', kind: 'int' }, { key: 'adam_budget', kind: 'text' }, { key: 'section', kind: 'map', prefix: 'section.' },
  { key: 'traj', kind: 'text' },
];

test('parseLink reads a whole URL, a fragment, or nothing', () => {
  const cases = [
    ['', {}], ['https://example.org/hnnplay/', {}], ['https://example.org/#', {}], ['#width=3', { width: '3' }],
    ['width=3&&points=20&', { width: '3', points: '20' }],
    ['box=-1%2C1%2C-2%2C2&p.f=%CF%80', { box: '-1,1,-2,2', 'p.f': 'π' }],
    ['adam_budget=100x%2C+60', { adam_budget: '100x, 60' }], ['playing', { playing: '' }],
  ];
  for (const [link, want] of cases) assert.deepEqual(parseLink(link), { values: want, error: '' }, link);
});

test('parseLink refuses what Go refuses', () => {
  for (const bad of ['width=%zz', 'width=%2', '=3', 'width=1&width=2', 'a'.repeat(MAX_LINK_LENGTH + 1)]) {
    const r = parseLink(bad);
    assert.notEqual(r.error, '', bad.slice(0, 40));
    assert.deepEqual(r.values, {});
  }
});

test('formatLink writes the table order, map entries sorted, and escapes as Go does', () => {
  const v = { 'section.q2': '0.5', points: '1500', system: 'pendulum', 'p.m': '2', 'p.f': '10', box: '-2pi,2pi,-1,1', adam_budget: '100x, 60', traj: '1,0.5;-2,1.25' };
  assert.equal(formatLink(v, fields),
    'system=pendulum&p.f=10&p.m=2&box=-2pi,2pi,-1,1&points=1500&adam_budget=100x,%2060&section.q2=0.5&traj=1,0.5;-2,1.25');
  // keys not in the table are left out
  assert.equal(formatLink({ bogus: '1', points: '3' }, fields), 'points=3');
  // an optional field's empty text too (the training region), but not another's
  assert.equal(formatLink({ train_box: '', traj: '', box: '0,1,0,1' }, fields), 'box=0,1,0,1&traj=');
  assert.equal(formatLink({ train_box: '-1,1,0,0.5', box: '-2,2,-1,1' }, fields), 'box=-2,2,-1,1&train_box=-1,1,0,0.5');
});

test('escape and unescape are inverse, for any text', () => {
  for (const s of ['', 'a b', '100x, 60', '-π,π,-1e+2,1', 'a&b=c#d%', 'é€😀', "it's \"quoted\""]) {
    const e = escapeValue(s);
    assert.match(e, /^[A-Za-z0-9\-_.~,*/:();%]*$/, s);
    assert.equal(unescapeValue(e), s);
  }
  const v = { adam_budget: '100x, 60', box: '-π,π,-1e+2,1', 'p.f': 'a&b=c#d%' };
  assert.deepEqual(parseLink(formatLink(v, fields)).values, v);
});
