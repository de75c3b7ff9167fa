// The comparison chart: test error of H against training time, log–log, for
// the sampled network (one point) and Adam (a curve). The scales and ticks
// are pure functions (tested with node --test); draw paints a 2D canvas.

const SUP = { '-': '⁻', 0: '⁰', 1: '¹', 2: '²', 3: '³', 4: '⁴', 5: '⁵', 6: '⁶', 7: '⁷', 8: '⁸', 9: '⁹' };

// decade writes 10^k as 1, 10¹, 10⁻³.
export const decade = (k) => (k === 0 ? '1' : '10' + String(k).split('').map((c) => SUP[c]).join(''));

// sci writes an error as 2.2e−3, or – when it is missing.
export const sci = (v) => (v == null || !Number.isFinite(v) ? '–' : v.toExponential(1).replace('e-', 'e−').replace('e+', 'e'));

// secs writes a time: 0.028 s, 3.40 s, 12.3 s.
export const secs = (v) => (v >= 10 ? v.toFixed(1) : v >= 0.1 ? v.toFixed(2) : v.toPrecision(2)) + ' s';

// ranges returns the log10 ranges of the chart: the data, padded; the
// sampled point and 100× its time are always in view; each range spans at
// least one decade.
export function ranges(sampled, points) {
  const xs = [], ys = [];
  if (sampled) { xs.push(sampled.seconds, sampled.seconds * 100); ys.push(sampled.error); }
  for (const p of points) { xs.push(p.seconds); ys.push(p.error); }
  if (xs.length === 0) return null;
  const lg = (v) => Math.log10(Math.max(v, 1e-300));
  let x0 = lg(Math.min(...xs)) - 0.3, x1 = lg(Math.max(...xs)) + 0.15;
  let y0 = lg(Math.min(...ys)) - 0.5, y1 = lg(Math.max(...ys)) + 0.3;
  if (x1 - x0 < 1) x1 = x0 + 1;
  if (y1 - y0 < 1) y0 = y1 - 1;
  return { x0, x1, y0, y1 };
}

// ticks returns the decades in [lo, hi] to label: every one, or every
// second, third… so that at most about max are shown.
export function ticks(lo, hi, max = 6) {
  const step = Math.max(1, Math.ceil((hi - lo) / max));
  const out = [];
  for (let k = Math.ceil(lo); k <= hi; k++) if (k % step === 0) out.push(k);
  return out;
}

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Liberation Sans", Arial, sans-serif';
const INK = '#222b36', MUTED = '#5b6672', GRID = '#eaedf0', SAMPLED = '#d55e00', ADAM = '#0072b2';

// draw paints the chart of a comparison {sampled: {seconds, error} | null,
// points: [{seconds, error}], running} on canvas.
export function draw(canvas, { sampled, points, running }) {
  const dpr = globalThis.devicePixelRatio || 1;
  const W = canvas.clientWidth, H = canvas.clientHeight;
  if (W < 10 || H < 10) return;
  if (canvas.width !== Math.round(W * dpr) || canvas.height !== Math.round(H * dpr)) {
    canvas.width = Math.round(W * dpr);
    canvas.height = Math.round(H * dpr);
  }
  const g = canvas.getContext('2d');
  g.setTransform(dpr, 0, 0, dpr, 0, 0);
  g.clearRect(0, 0, W, H);
  const fs = Math.min(24, Math.max(11, Math.round(H / 20))); // 24 px on a projector, enlarged
  g.font = `${fs}px ${FONT}`;
  const pts = points.filter((p) => p.seconds > 0 && p.error > 0 && Number.isFinite(p.error));
  const r = ranges(sampled, pts);
  if (!r) {
    g.fillStyle = MUTED;
    g.textAlign = 'center';
    g.fillText(running ? 'Fitting the sampled network…' : 'No comparison yet.', W / 2, H / 2);
    return;
  }
  const { x0, x1, y0, y1 } = r;
  // room for the y tick labels, then the rotated axis title beside them
  const L = fs * 4.2, R = 10, T = 10, B = fs * 2.6;
  const pw = W - L - R, ph = H - T - B;
  const lg = (v) => Math.log10(Math.max(v, 1e-300));
  const X = (v) => L + (lg(v) - x0) / (x1 - x0) * pw;
  const Y = (v) => T + (y1 - lg(v)) / (y1 - y0) * ph;

  g.lineWidth = 1;
  g.strokeStyle = GRID;
  g.fillStyle = MUTED;
  g.textAlign = 'center';
  g.textBaseline = 'top';
  for (const k of ticks(x0, x1)) {
    const x = Math.round(X(10 ** k)) + 0.5;
    g.beginPath(); g.moveTo(x, T); g.lineTo(x, T + ph); g.stroke();
    g.fillText(decade(k), x, T + ph + 3);
  }
  g.textAlign = 'right';
  g.textBaseline = 'middle';
  for (const k of ticks(y0, y1)) {
    const y = Math.round(Y(10 ** k)) + 0.5;
    g.beginPath(); g.moveTo(L, y); g.lineTo(L + pw, y); g.stroke();
    g.fillText(decade(k), L - 4, y);
  }
  g.strokeStyle = '#c4cbd3';
  g.strokeRect(L + 0.5, T + 0.5, pw - 1, ph - 1);
  g.fillStyle = INK;
  g.textAlign = 'right';
  g.textBaseline = 'bottom';
  g.fillText('training time (s)', L + pw, H - 1);
  g.save();
  g.translate(fs * 0.8, T + ph / 2);
  g.rotate(-Math.PI / 2);
  g.textAlign = 'center';
  g.textBaseline = 'middle';
  g.fillText('test error of H', 0, 0);
  g.restore();

  g.save();
  g.beginPath();
  g.rect(L, T, pw, ph);
  g.clip();
  if (sampled) {
    // the sampled error (dashed) and 10×, 100× the sampled time (dotted)
    g.strokeStyle = SAMPLED;
    g.globalAlpha = 0.7;
    g.setLineDash([5, 4]);
    const ys0 = Y(sampled.error);
    g.beginPath(); g.moveTo(L, ys0); g.lineTo(L + pw, ys0); g.stroke();
    g.setLineDash([1.5, 3]);
    g.strokeStyle = MUTED;
    g.fillStyle = MUTED;
    g.textBaseline = 'top';
    for (const f of [10, 100]) {
      const x = X(sampled.seconds * f);
      g.beginPath(); g.moveTo(x, T); g.lineTo(x, T + ph); g.stroke();
      const right = x + 3 + g.measureText(f + '×').width > L + pw; // the label stays inside
      g.textAlign = right ? 'right' : 'left';
      g.fillText(f + '×', x + (right ? -3 : 3), T + 2);
    }
    g.setLineDash([]);
    g.globalAlpha = 1;
  }
  if (pts.length) {
    g.strokeStyle = ADAM;
    g.lineWidth = 2;
    g.lineJoin = 'round';
    g.beginPath();
    pts.forEach((p, i) => (i ? g.lineTo(X(p.seconds), Y(p.error)) : g.moveTo(X(p.seconds), Y(p.error))));
    g.stroke();
    const last = pts[pts.length - 1];
    g.fillStyle = ADAM;
    g.beginPath(); g.arc(X(last.seconds), Y(last.error), 3.5, 0, 2 * Math.PI); g.fill();
  }
  if (sampled) {
    const x = X(sampled.seconds), y = Y(sampled.error);
    g.fillStyle = '#fff';
    g.beginPath(); g.arc(x, y, 6.5, 0, 2 * Math.PI); g.fill();
    g.fillStyle = SAMPLED;
    g.beginPath(); g.arc(x, y, 5, 0, 2 * Math.PI); g.fill();
  }
  g.restore();
  if (sampled) {
    g.fillStyle = SAMPLED;
    g.textAlign = X(sampled.seconds) > L + pw / 2 ? 'right' : 'left';
    g.textBaseline = 'bottom';
    const dx = g.textAlign === 'left' ? 8 : -8;
    g.fillText(`sampled ${sci(sampled.error)} in ${secs(sampled.seconds)}`, X(sampled.seconds) + dx, Math.max(T + 12, Y(sampled.error) - 6));
  }
}
