// The quality light of a fit: its relative test error of H rated good,
// fair or poor, with a plain hint. The thresholds are the page's (stated
// under the light): good below 1e-4, fair below 1e-2, poor from 1e-2.

export const GOOD = 1e-4;
export const FAIR = 1e-2;

// percent writes an error for people: "7 %", "0.3 %", "2e-5".
export function percent(e) {
  if (!(e >= 0) || !Number.isFinite(e)) return '–';
  if (e >= 1) return Math.round(e * 100) + ' %';
  if (e >= 0.01) return (e * 100).toPrecision(2).replace(/\.?0+$/, '') + ' %';
  if (e >= 0.001) return (e * 100).toFixed(1) + ' %';
  return e.toExponential(1).replace('e-', 'e−');
}

// rate returns {level: 'good'|'fair'|'poor', text, hint} for a fit's
// report; larger, if given, is the system's larger setting (e.g. {width:
// '600'}) to suggest when the fit is not good.
export function rate(fit, larger) {
  const e = fit.rel_l2_H;
  if (!(e >= 0) || !Number.isFinite(e)) {
    return { level: 'poor', text: 'not finite', hint: 'try a larger rcond or a smaller width' };
  }
  const text = 'error ' + percent(e);
  if (e < GOOD) return { level: 'good', text, hint: 'the learned Ĥ matches H to the eye' };
  if (fit.inside && fit.outside && fit.outside.rel_l2_H > 10 * fit.inside.rel_l2_H) {
    return { level: e < FAIR ? 'fair' : 'poor', text,
      hint: `inside the data region the error is ${percent(fit.inside.rel_l2_H)}: the network does not extrapolate; use the whole box to train everywhere` };
  }
  const tips = [];
  if (fit.noise > 0) tips.push('less noise');
  tips.push('more points or a larger width');
  if (larger && Object.keys(larger).length) {
    tips.push('this system\'s larger setting (' + Object.entries(larger).map(([k, v]) => k.replace('_', ' ') + ' ' + v).join(', ') + ')');
  }
  const level = e < FAIR ? 'fair' : 'poor';
  return { level, text, hint: 'try ' + tips.join(', or ') };
}
