// node --test: a lesson's text takes the figures of the model on the plot.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fillText } from '../lesson.mjs';

test('placeholders take the fit report\'s figures, the problem size from the degrees of freedom', () => {
  const fit = { points: 1500, width: 200, rank: 201, fit_seconds: 0.2345, rel_l2_H: 1.41e-6, sampler: 'aswim' };
  assert.equal(fillText('{points} points, {width} neurons: {rows} × {cols}, rank {rank}, {seconds} s, error {error} ({sampler})', fit, 1,
    (s) => s.toUpperCase()),
  '1500 points, 200 neurons: 3001 × 201, rank 201, 0.23 s, error 1.4·10⁻⁶ (ASWIM)');
  assert.equal(fillText('{rows}', { points: 1000 }, 2), '4001');
  assert.equal(fillText('{error}', { rel_l2_H: 3.8e-4 }, 1), '3.8·10⁻⁴');
  assert.equal(fillText('{error}', { rel_l2_H: 2.5e-12 }, 1), '2.5·10⁻¹²');
});

test('without a model, or an unknown placeholder, the text says so plainly', () => {
  assert.equal(fillText('error {error} in {seconds} s', null, 1), 'error … in … s');
  assert.equal(fillText('{nope} stays', {}, 1), '{nope} stays');
  assert.equal(fillText('{error}', { rel_l2_H: null }, 1), '…');
});
