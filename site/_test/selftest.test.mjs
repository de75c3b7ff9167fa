// node --test: the self-test's random choices and its consistency checks.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseLink } from '../link.mjs';
import { chooseKind, inconsistencies, KINDS, mutateLink, rng } from '../selftest.mjs';

test('rng is seeded, in [0, 1), and spread', () => {
  const a = rng(7), b = rng(7), c = rng(8);
  const xs = Array.from({ length: 2000 }, () => a());
  assert.deepEqual(xs.slice(0, 5), Array.from({ length: 5 }, () => b()));
  assert.notEqual(xs[0], c());
  assert.ok(xs.every((x) => x >= 0 && x < 1));
  const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
  assert.ok(Math.abs(mean - 0.5) < 0.03, String(mean));
});

test('every kind of action is drawn, about as often as weighed', () => {
  const r = rng(1), n = 20000, count = {};
  for (let i = 0; i < n; i++) { const k = chooseKind(r); count[k] = (count[k] || 0) + 1; }
  const total = KINDS.reduce((s, [, w]) => s + w, 0);
  for (const [k, w] of KINDS) assert.ok(Math.abs(count[k] / n - w / total) < 0.02, `${k}: ${count[k]}`);
});

test('a mutated link is still a string the link reader answers (values or an error), never a throw', () => {
  const r = rng(3);
  let hash = '#system=pendulum&width=200&traj=1,0';
  for (let i = 0; i < 500; i++) {
    hash = mutateLink(hash, r);
    assert.equal(typeof hash, 'string');
    const got = parseLink(hash);
    assert.ok(got.error !== undefined && got.values !== undefined);
    if (hash.length > 4000) hash = '#width=3';
  }
});

test('inconsistencies finds each disagreement and nothing in a consistent state', () => {
  const good = { starts: [[1, 0]], trajectories: 1, trained: true, fit: { rel_l2_H: 1e-6 }, plot: { w: 600, h: 400 },
    error: '', training: false, max_energy_drift: 1e-5 };
  const page = { status: 'Trained in 0.2 s', busy: false, hash: '#width=200' };
  assert.deepEqual(inconsistencies(good, page), []);
  const cases = [
    [{ trajectories: 2 }, {}, /starts/],
    [{ fit: { rel_l2_H: NaN } }, {}, /fit report/],
    [{ plot: { w: 0, h: 0 } }, {}, /empty plot/],
    [{ error: 'Width must be…' }, {}, /status line/],
    [{}, { busy: true }, /busy bar/],
    [{ max_energy_drift: Infinity }, {}, /energy drift/],
    [{}, { hash: '#width=%zz' }, /cannot read/],
  ];
  for (const [s, p, want] of cases) {
    const got = inconsistencies({ ...good, ...s }, { ...page, ...p });
    assert.equal(got.length, 1, JSON.stringify(got));
    assert.match(got[0], want);
  }
});
