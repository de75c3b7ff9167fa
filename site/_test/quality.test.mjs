import assert from 'node:assert/strict';
import { test } from 'node:test';
import { actionFor } from '../keys.mjs';
import { FAIR, GOOD, percent, rate } from '../quality.mjs';
import { embedURL, snippet } from '../share.mjs';

test('the quality light rates by the stated thresholds, with a hint', () => {
  assert.equal(rate({ rel_l2_H: 3e-7 }).level, 'good');
  assert.equal(rate({ rel_l2_H: GOOD * 1.01 }).level, 'fair');
  const poor = rate({ rel_l2_H: 0.07 }, { width: '600' });
  assert.equal(poor.level, 'poor');
  assert.equal(poor.text, 'error 7 %');
  assert.match(poor.hint, /more points or a larger width/);
  assert.match(poor.hint, /larger setting \(width 600\)/);
  assert.equal(rate({ rel_l2_H: FAIR / 2, noise: 0.1 }).hint.startsWith('try less noise'), true);
  assert.equal(rate({ rel_l2_H: null }).level, 'poor');
  // trained in a region: the hint says the error is outside it
  const region = rate({ rel_l2_H: 0.9, inside: { rel_l2_H: 2e-7 }, outside: { rel_l2_H: 0.95 } });
  assert.equal(region.level, 'poor');
  assert.match(region.hint, /^inside the data region the error is 2\.0e−7: the network does not extrapolate/);
  assert.equal(percent(0.07), '7 %');
  assert.equal(percent(1.3), '130 %');
  assert.equal(percent(0.0034), '0.3 %');
  assert.equal(percent(2e-5), '2.0e−5');
});

test('the iframe snippet scales with its column and escapes the URL', () => {
  const u = embedURL('https://h.org/hnnplay/#system=pendulum&embed=false&width=300');
  assert.equal(u, 'https://h.org/hnnplay/#system=pendulum&width=300&embed=true');
  assert.equal(embedURL('https://h.org/'), 'https://h.org/#embed=true');
  const s = snippet('https://h.org/#a=1&b="2"');
  assert.match(s, /style="width:100%;aspect-ratio:16\/10;border:0"/);
  assert.match(s, /src="https:\/\/h.org\/#a=1&amp;b=&quot;2&quot;"/);
});

test('shortcuts act only outside the form controls', () => {
  const key = (k, o = {}) => ({ key: k, ctrlKey: false, metaKey: false, altKey: false, ...o });
  assert.equal(actionFor(key(' '), { tagName: 'BODY' }), 'play');
  assert.equal(actionFor(key('T'), { tagName: 'CANVAS' }), 'train');
  assert.equal(actionFor(key('?'), { tagName: 'BODY' }), 'help');
  assert.equal(actionFor(key('t'), { tagName: 'INPUT' }), '');
  assert.equal(actionFor(key(' '), { tagName: 'BUTTON' }), '');
  assert.equal(actionFor(key('t', { ctrlKey: true }), { tagName: 'BODY' }), '');
  assert.equal(actionFor(key('Tab'), { tagName: 'BODY' }), '');
  assert.equal(actionFor(key('x'), { tagName: 'BODY' }), '');
});
