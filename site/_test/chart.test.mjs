import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decade, ranges, sci, secs, ticks } from '../chart.mjs';

test('the sampled point and 100x its time are in view, each axis spans a decade or more', () => {
  const r = ranges({ seconds: 0.1, error: 1e-7 }, [{ seconds: 0.5, error: 1e-2 }, { seconds: 3, error: 1e-3 }]);
  assert.ok(r.x0 <= Math.log10(0.1) && r.x1 >= Math.log10(10), JSON.stringify(r));
  assert.ok(r.y0 <= -7 && r.y1 >= -2);
  const one = ranges({ seconds: 1, error: 1 }, []);
  assert.ok(one.x1 - one.x0 >= 1 && one.y1 - one.y0 >= 1);
  assert.equal(ranges(null, []), null);
});

test('ticks are decades, thinned to about six', () => {
  assert.deepEqual(ticks(-2.3, 1.2), [-2, -1, 0, 1]);
  const many = ticks(-12, 1);
  assert.ok(many.length <= 7 && many.every((k) => k % 3 === 0), String(many));
});

test('numbers read as the Go side writes them', () => {
  assert.equal(decade(0), '1');
  assert.equal(decade(-3), '10⁻³');
  assert.equal(decade(12), '10¹²');
  assert.equal(sci(2.2e-3), '2.2e−3');
  assert.equal(sci(null), '–');
  assert.equal(sci(NaN), '–');
  assert.equal(secs(0.028), '0.028 s');
  assert.equal(secs(3.4), '3.40 s');
  assert.equal(secs(12.34), '12.3 s');
});
