import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formulaOf } from '../fitview.mjs';

const custom = { name: 'custom', formula: 'H = p^2/2 + 1 - cos(q)' };
const pendulum = { name: 'pendulum', formula: 'H = p²/(2ml²) + mgl(1 − cos fq)' };

test('formulaOf writes a typed H as people write it', () => {
  assert.equal(formulaOf(custom, ' p^2/2 + 1 - cos(q) '), 'H = p²/2 + 1 − cos(q)');
  assert.equal(formulaOf(custom, '(p1^2 + p2^2)/2 + q1^2*q2 - q2^3/3'), 'H = (p₁² + p₂²)/2 + q₁²·q₂ − q₂³/3');
  assert.equal(formulaOf(custom, 'q^2.5 + q^12 + k1*p1'), 'H = q^2.5 + q^12 + k1·p₁');
});

test('formulaOf keeps a registered formula, and the default without a typed one', () => {
  assert.equal(formulaOf(pendulum, 'q*p'), pendulum.formula);
  assert.equal(formulaOf(custom, ''), custom.formula);
  assert.equal(formulaOf(undefined, 'q'), '');
});
