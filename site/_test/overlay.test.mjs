// node --test: the legend follows the layers shown.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LEGEND, legendFor } from '../overlay.mjs';

test('the legend shows the entries of the layers on, and the box and trajectories always', () => {
  const kinds = (layers) => legendFor(layers).map((it) => it.kind);
  assert.deepEqual(kinds('learned,true,field'), ['learned', 'true', 'field', 'box', 'traj']);
  assert.deepEqual(kinds('true,sampling'), ['true', 'box', 'traj', 'neurons', 'pairs']);
  assert.deepEqual(kinds('poincare'), ['box', 'traj', 'crossings']);
  assert.deepEqual(kinds(''), ['box', 'traj']);
  // the data region's entry shows with a region (the model's train_box)
  assert.deepEqual(legendFor('learned', '-1,1,-1,1').map((it) => it.kind), ['learned', 'box', 'region', 'traj']);
  assert.equal(new Set(LEGEND.map((it) => it.kind)).size, LEGEND.length);
});

test('a model learned from a file calls the system\'s H a reference, in the page and the PNG', () => {
  const texts = (upload) => legendFor('true', '', upload).map((it) => it.text);
  assert.deepEqual(texts(false), ['true H: level sets', 'the box: where the data are drawn',
    'trajectory: learned (solid), true (dashed)']);
  assert.deepEqual(texts(true), ['reference H (the system chosen): level sets', 'the box: around your data',
    'trajectory: learned (solid), true (dashed)']);
  assert.equal(LEGEND[1].text, 'true H: level sets'); // the table itself is unchanged
});
