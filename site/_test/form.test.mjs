import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formulaParams } from '../form.mjs';

const names = (text, values) => formulaParams(text, values).map((p) => p.name);

test('formulaParams finds the parameters of a typed H', () => {
  assert.deepEqual(names('p^2/(2*m) + m*g*l*(1 - cos(f*q))'), ['m', 'g', 'l', 'f']);
  assert.deepEqual(names('(p1^2 + p₂^2)/2 + α*(q1^2*q₂ - q2^3/3) + 1e-3*pi*e*q1 + 2.5E2'), ['α']);
  assert.deepEqual(names('sin (q) + mysin(p) + k1*q + k1'), ['k1']);
  assert.deepEqual(names('k*q^2', { 'p.k': '2', 'p.m': '1', width: '3' }), ['k', 'm']);
  assert.deepEqual(names(''), []);
});
