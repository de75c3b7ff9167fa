import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bounds, fieldOf, keysOf, optionLabel, pick } from '../fields.mjs';

const fields = [
  { key: 'system', group: 'data', kind: 'choice', options: [{ value: 'pendulum', label: 'Pendulum' }] },
  { key: 'params', group: 'data', kind: 'map', prefix: 'p.' },
  { key: 'width', group: 'network', kind: 'int', min: 1, max: 20000 },
  { key: 'step', group: 'simulate', kind: 'float', min: 0.0001, max: 1 },
  { key: 'section', group: 'view', kind: 'map', prefix: 'section.' },
];

test('fieldOf finds map entries by prefix', () => {
  assert.equal(fieldOf(fields, 'p.m').key, 'params');
  assert.equal(fieldOf(fields, 'section.q2').key, 'section');
  assert.equal(fieldOf(fields, 'p.'), undefined);
  assert.equal(fieldOf(fields, 'nope'), undefined);
});

test('pick and keysOf keep the groups asked for', () => {
  assert.deepEqual(keysOf(fields, 'data', 'view'), ['system', 'params', 'section']);
  assert.deepEqual(pick({ system: 'pendulum', 'p.m': '2', width: '3', 'section.q2': '1', zz: '1' }, fields, 'data'),
    { system: 'pendulum', 'p.m': '2' });
});

test('bounds say what the Go messages say', () => {
  assert.equal(bounds(fields[2]), 'a whole number from 1 to 20000');
  assert.equal(bounds(fields[3]), 'a number from 0.0001 to 1');
  assert.equal(bounds(fields[0]), 'one of pendulum');
  assert.equal(optionLabel(fields[0], 'pendulum'), 'Pendulum');
  assert.equal(optionLabel(fields[0], 'kepler'), 'kepler');
});
