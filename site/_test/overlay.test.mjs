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
