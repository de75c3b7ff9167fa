import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fitLine, layout, order, SweepRun } from '../sweep.mjs';

// replies as the worker sends them (session.SweepReply with experiment.SweepResult's JSON)
const row = (h, e, c) => ({ h, errors: { rel_l2_H: e }, corrected: { rel_l2_H: c }, fit_seconds: 0.1 });
const result = (rows, p, q) => ({ system: 'pendulum', rows, order_H: p, corrected_order_H: q, link: 'system=pendulum' });
const steps = [0.1, 0.2, 0.4];

test('a sweep from start to its end', () => {
  const r = new SweepRun(4);
  const start = r.apply({ type: 'sweep', phase: 'start', id: 4, steps, done: 0, sweep: result([], null, null), finished: false });
  assert.deepEqual(start.status, ['busy', 'Sweep over h: fitting on snapshot pairs h = 0.1 apart (1 of 3)…']);
  assert.match(r.label(), /first fit runs/);
  const p1 = r.apply({ phase: 'progress', id: 4, steps, done: 1, sweep: result([row(0.1, 0.01, 1e-4)], null, null), finished: false });
  assert.match(p1.status[1], /h = 0.2 apart \(2 of 3\)/);
  assert.equal(r.text(), 'Fitting… 1 of 3 steps fitted.');
  const rows = [row(0.1, 0.01, 1e-4), row(0.2, 0.02, 4e-4), row(0.4, 0.04, 1.6e-3)];
  const end = r.apply({ phase: 'progress', id: 4, steps, done: 3, sweep: result(rows, 1, 2), finished: true });
  assert.equal(end.status[0], 'ok');
  assert.match(end.status[1], /order 1\.00, O\(h\), and that of H_corr with order 2\.00, O\(h²\)/);
  assert.ok(r.done && !r.running);
  assert.equal(r.text(), 'From h = 0.4 to h = 0.1, the error of Ĥ falls from 4.0e−2 to 1.0e−2 and that of H_corr from 1.6e−3 to 1.0e−4.');
  const s = r.state();
  assert.deepEqual(s.rows[1], { h: 0.2, rel_l2_H: 0.02, corrected_rel_l2_H: 4e-4 });
  assert.equal(s.order_H, 1);
  assert.equal(s.corrected_order_H, 2);
  assert.match(r.label(), /h = 0.4: Ĥ 4\.0e−2, H_corr 1\.6e−3/);
});

test('a sweep whose orders are not 1 and 2 says why', () => {
  const r = new SweepRun(2);
  const rows = [row(0.1, 0.004, 0.004), row(0.2, 0.008, 0.0045)];
  const end = r.apply({ phase: 'progress', id: 2, steps: [0.1, 0.2], done: 2, finished: true,
    sweep: { ...result(rows, 1, 0.17), note: 'the network\'s own error is the floor' } });
  assert.equal(end.status[0], 'info');
  assert.match(end.status[1], /Not the expected 1 and 2: the network's own error is the floor\./);
  assert.match(r.text(), /Why the slopes are not 1 and 2 here: the network's own error is the floor\.$/);
  assert.equal(r.state().note, 'the network\'s own error is the floor');
});

test('a refused sweep says why and marks the field', () => {
  const r = new SweepRun(1);
  const out = r.apply({ phase: 'start', id: 1, error: 'use aswim', errors: [{ key: 'sampler', msg: 'use aswim' }], finished: true });
  assert.deepEqual(out.errors, [{ key: 'sampler', msg: 'use aswim' }]);
  assert.equal(out.status[0], 'error');
  assert.ok(!r.running);
  assert.equal(r.text(), 'use aswim');
  assert.equal(r.apply(null).status[0], 'error');
});

test('order', () => {
  assert.equal(order(1.0234, 'h'), '1.02, O(h)');
  assert.equal(order(null, 'h'), '–');
  assert.equal(order(NaN, 'h²'), '–');
});

test('layout: log–log axes that hold every point', () => {
  const rows = [{ h: 0.05, e: 1e-2, c: 1e-4 }, { h: 0.8, e: 0.16, c: 0.03 }];
  const g = layout(rows, 400, 230, 12);
  for (const r of rows) {
    for (const v of [r.e, r.c]) {
      const x = g.X(r.h), y = g.Y(v);
      assert.ok(x > g.L && x < g.L + g.pw && y > g.T && y < g.T + g.ph, `(${r.h}, ${v}) at (${x}, ${y})`);
    }
  }
  // the scale is logarithmic: equal ratios are equal distances
  assert.ok(Math.abs((g.X(0.2) - g.X(0.1)) - (g.X(0.8) - g.X(0.4))) < 1e-9);
  assert.ok(Math.abs((g.Y(1e-3) - g.Y(1e-2)) - (g.Y(1e-2) - g.Y(1e-1))) < 1e-9);
  assert.ok(g.Y(1e-3) > g.Y(1e-2), 'smaller errors lower');
  // one point still gives a decade each way; none gives nothing
  const one = layout([{ h: 0.1, e: 1e-3, c: 1e-3 }], 400, 230, 12);
  assert.ok(one.x1 - one.x0 >= 1 && one.y1 - one.y0 >= 1);
  assert.equal(layout([{ h: 0.1, e: null, c: 0 }], 400, 230, 12), null);
});

test('fitLine: the power law of the given order through the points', () => {
  const pts = [0.1, 0.2, 0.4].map((h) => ({ h, e: 3 * h * h }));
  const [a, b] = fitLine(pts, 2);
  assert.equal(a.h, 0.1);
  assert.ok(Math.abs(b.h - 0.4) < 1e-12);
  assert.ok(Math.abs(a.e - 0.03) < 1e-12 && Math.abs(b.e - 0.48) < 1e-12);
  assert.equal(fitLine(pts.slice(0, 1), 2), null);
  assert.equal(fitLine(pts, null), null);
});
