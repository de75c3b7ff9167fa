import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Comparison } from '../race.mjs';

// replies as the worker sends them (session.RaceReply with race.Summary)
const summary = (o) => ({
  sampled: true, sampled_seconds: 0.1, sampled_rel_l2_H: 1e-6, adam_seconds: 0, adam_steps: 0,
  adam_best_rel_l2_H: null, reached: false, speedup: null, speedup_lower_bound: true, reason: '', limit_seconds: 10,
  text: 'the sampled network reached 1.0e-6 in 0.10 s; Adam has not taken a step yet', ...o,
});

test('a comparison from start to its end', () => {
  const c = new Comparison(7);
  assert.equal(c.phase, 'starting');
  assert.match(c.label(), /being fitted/);
  const start = c.apply({ type: 'race', phase: 'start', id: 7, result: { values: { width: '40' } }, adam: { steps: 50 },
    summary: summary({}), points: [{ seconds: 0, rel_l2_H: 0.5, steps: 0 }] }, 1000);
  assert.deepEqual(start.install, { values: { width: '40' } });
  assert.equal(start.status[0], 'busy');
  assert.equal(c.phase, 'running');
  assert.deepEqual(c.sampled, { seconds: 0.1, error: 1e-6 });

  // progress: points accumulate, a model goes to the canvas, the status speaks once a second
  const p1 = c.apply({ phase: 'progress', points: [{ seconds: 0.2, rel_l2_H: 0.1, steps: 10 }], model: { m: 40 },
    summary: summary({ adam_seconds: 0.2, adam_steps: 10, adam_best_rel_l2_H: 0.1, text: "Adam's best error …" }) }, 1500);
  assert.deepEqual(p1.compare, { m: 40 });
  assert.equal(p1.status, undefined);
  const p2 = c.apply({ phase: 'progress', points: [{ seconds: 0.3, rel_l2_H: null, steps: 20 }], summary: summary({ adam_steps: 20 }) }, 2600);
  assert.equal(p2.status[0], 'busy');
  assert.equal(c.adamPoints().length, 1, 'a null error is not drawn');
  assert.deepEqual(c.chart().points, [{ seconds: 0.2, error: 0.1 }]);

  const end = c.apply({ phase: 'progress', done: true, points: [{ seconds: 0.4, rel_l2_H: 0.05, steps: 50 }],
    summary: summary({ adam_steps: 50, adam_best_rel_l2_H: 0.05, speedup: 4, reason: 'steps', text: "Adam's best error after 50 steps" }) }, 3000);
  assert.equal(end.status[0], 'ok');
  assert.match(end.status[1], /Adam used its 50 steps/);
  assert.ok(c.done && !c.running);
  const s = c.state();
  assert.equal(s.points, 4);
  assert.equal(s.adam_steps, 50);
  assert.equal(s.speedup, 4);
  assert.equal(s.lower_bound, true);
  assert.equal(s.adam.budget_seconds, 10);
  assert.equal(s.reason, 'steps');
});

test('errors end a comparison and name the fields', () => {
  const c = new Comparison(1);
  const out = c.apply({ phase: 'start', error: "Adam's steps must be …", errors: [{ key: 'adam_steps', msg: '…' }], done: true });
  assert.deepEqual(out.status, ['error', "Adam's steps must be …"]);
  assert.equal(out.errors[0].key, 'adam_steps');
  assert.ok(!c.running);
  assert.equal(c.state().error, "Adam's steps must be …");
  assert.equal(c.result(), "Adam's steps must be …");
  const bad = new Comparison(2).apply(null);
  assert.equal(bad.status[0], 'error');
});

test('the outcome beside the chart says paused, stopped or why Adam ended', () => {
  const c = new Comparison(1);
  c.apply({ phase: 'start', summary: summary({ text: 'x' }) });
  c.paused = true;
  assert.match(c.result(), /^Paused\. X\./);
  c.paused = false;
  c.apply({ phase: 'stopped', done: true, summary: summary({ text: 'y' }) });
  assert.match(c.result(), /^Stopped\. Y\./);
});
