import assert from 'node:assert/strict';
import { test } from 'node:test';
import { csv, curveCSV, fileName } from '../export.mjs';

test('CSV quotes what needs quoting', () => {
  assert.equal(csv(['a', 'b'], [[1, 'x,y'], ['"q"', null]]), 'a,b\n1,"x,y"\n"""q""",\n');
});

test('the comparison curve as CSV: the sampled point, then Adam', () => {
  const s = { sampled_seconds: 0.2, sampled_rel_l2_H: 1e-6, curve: [{ seconds: 0, steps: 0, rel_l2_H: 0.5 }, { seconds: 1.5, steps: 100, rel_l2_H: null }] };
  assert.equal(curveCSV(s), 'method,seconds,steps,rel_l2_H\nsampled,0.2,0,0.000001\nadam,0,0,0.5\nadam,1.5,100,\n');
  assert.equal(curveCSV({ curve: [] }), 'method,seconds,steps,rel_l2_H\n');
});

test('file names carry the system and stay safe', () => {
  assert.equal(fileName('henon-heiles', 'model', 'json'), 'hnnplay-henon-heiles-model.json');
  assert.equal(fileName('../x y', 'plot', 'png'), 'hnnplay-xy-plot.png');
});
