// Export: the plot as a PNG with its axes, labels, legend and title; files
// (CSV, JSON) to download. The canvas cannot be read back (WebGL without a
// preserved buffer), so the app hands over the pixels of a frame and this
// module composes them with what the page draws as HTML over the canvas.

import { formulaOf } from './fitview.mjs';
import { LEGEND, legendFor } from './overlay.mjs';

// csv writes rows (arrays) as CSV, quoting what needs it.
export function csv(header, rows) {
  const cell = (v) => {
    const s = v == null ? '' : String(v);
    return /[",\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  };
  return [header, ...rows].map((r) => r.map(cell).join(',')).join('\n') + '\n';
}

// curveCSV is a comparison's curve: the sampled point and Adam's points.
export function curveCSV(state) {
  const rows = [];
  if (state.sampled_seconds != null) rows.push(['sampled', state.sampled_seconds, 0, state.sampled_rel_l2_H]);
  for (const p of state.curve || []) rows.push(['adam', p.seconds, p.steps, p.rel_l2_H]);
  return csv(['method', 'seconds', 'steps', 'rel_l2_H'], rows);
}

// fileName names a download after the system and what it holds.
export function fileName(system, what, ext) {
  const safe = String(system || 'hnnplay').replace(/[^a-z0-9-]/gi, '');
  return `hnnplay-${safe}-${what}.${ext}`;
}

// download offers data (a Blob or text) as a file.
export function download(name, data, type = 'text/plain') {
  const blob = data instanceof Blob ? data : new Blob([data], { type });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10000);
}

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Liberation Sans", Arial, sans-serif';

// composePNG draws a captured frame ({width, height, data} in device
// pixels) with the labels of #axes, the legend and a title line above, and
// resolves with {blob, url, width, height, labels}: labels are the boxes
// (PNG pixels) of the texts drawn, so a test can look for their ink.
export async function composePNG(frame, { title, subtitle, dpr, legend = LEGEND, plot }) {
  const head = Math.round(46 * dpr);
  const c = document.createElement('canvas');
  c.width = frame.width;
  c.height = frame.height + head;
  const g = c.getContext('2d');
  g.fillStyle = '#fbfaf7';
  g.fillRect(0, 0, c.width, c.height);
  g.putImageData(new ImageData(frame.data, frame.width, frame.height), 0, head);
  const boxes = [];
  const text = (s, x, y, px, weight, align, colour) => {
    g.font = `${weight} ${px}px ${FONT}`;
    g.fillStyle = colour;
    g.textAlign = align;
    g.textBaseline = 'top';
    g.fillText(s, x, y);
    const w = g.measureText(s).width;
    const left = align === 'right' ? x - w : align === 'center' ? x - w / 2 : x;
    boxes.push({ text: s, x: Math.round(left), y: Math.round(y), w: Math.round(w), h: Math.round(px) });
  };
  text(title, 10 * dpr, 6 * dpr, 16 * dpr, 600, 'left', '#222b36');
  if (subtitle) text(subtitle, 10 * dpr, 26 * dpr, 12 * dpr, 400, 'left', '#5b6672');
  // the labels the page shows over the canvas
  for (const el of document.querySelectorAll('#axes .label')) {
    const cs = getComputedStyle(el);
    const px = parseFloat(cs.fontSize) * dpr;
    const align = el.classList.contains('align-right') ? 'right' : el.classList.contains('align-center') ? 'center' : 'left';
    text(el.textContent, parseFloat(el.style.left) * dpr, parseFloat(el.style.top) * dpr + head, px,
      el.classList.contains('axis') ? 'italic 400' : 400, align, cs.color);
  }
  if (plot) drawLegend(g, legend, plot, dpr, head);
  const blob = await new Promise((resolve) => c.toBlob(resolve, 'image/png'));
  return { blob, url: c.toDataURL('image/png'), width: c.width, height: c.height, labels: boxes };
}

// drawLegend draws the legend in the plot's top-right corner, as the page
// shows it; plot is the plot's rectangle in CSS pixels.
function drawLegend(g, items, plot, dpr, head) {
  const fs = 12 * dpr, row = 18 * dpr, sw = 26 * dpr, pad = 8 * dpr;
  g.font = `400 ${fs}px ${FONT}`;
  const w = Math.max(...items.map((i) => g.measureText(i.text).width)) + sw + 3 * pad;
  const h = items.length * row + pad;
  const x = (plot.x + plot.w) * dpr - w - 8 * dpr, y = plot.y * dpr + head + 8 * dpr;
  g.fillStyle = 'rgba(255,255,255,0.88)';
  g.strokeStyle = '#c4cbd3';
  g.lineWidth = dpr;
  g.fillRect(x, y, w, h);
  g.strokeRect(x, y, w, h);
  items.forEach((it, k) => {
    const cy = y + pad / 2 + row * k + row / 2, sx = x + pad;
    g.lineCap = 'round';
    switch (it.kind) {
      case 'learned': line(g, sx, cy, sw, 1.5 * dpr, '#1d3f6e'); break;
      case 'true': line(g, sx, cy, sw, 5 * dpr, 'rgba(232,168,58,0.65)'); break;
      case 'field': line(g, sx, cy, sw, 2 * dpr, 'rgba(60,125,168,0.8)', [6 * dpr, 3 * dpr]); break;
      case 'box': line(g, sx, cy, sw, 1 * dpr, '#8a949e', [4 * dpr, 4 * dpr]); break;
      case 'region': line(g, sx, cy, sw, 8 * dpr, 'rgba(31,138,76,0.18)'); line(g, sx, cy - 4 * dpr, sw, 2 * dpr, '#1f8a4c'); break;
      case 'neurons': line(g, sx, cy, sw, 2 * dpr, 'rgba(106,61,154,0.45)'); break;
      case 'pairs': {
        const grad = g.createLinearGradient(sx, 0, sx + sw, 0);
        ['#c9d6e3', '#2f6fa8', '#c24e1c', '#8c1c13'].forEach((c, i) => grad.addColorStop(i / 3, c));
        line(g, sx, cy, sw, 3 * dpr, grad);
        break;
      }
      case 'crossings':
        for (const [dx, r, c] of [[6, 2.5, '#0072b2'], [17, 1.8, 'rgba(0,114,178,0.45)']]) {
          g.fillStyle = c;
          g.beginPath();
          g.arc(sx + dx * dpr, cy, r * dpr, 0, 2 * Math.PI);
          g.fill();
        }
        break;
      case 'traj':
        line(g, sx, cy - 3 * dpr, sw, 2.4 * dpr, '#d55e00');
        line(g, sx, cy + 3 * dpr, sw, 1.6 * dpr, 'rgba(213,94,0,0.5)', [5 * dpr, 5 * dpr]);
        break;
    }
    g.fillStyle = '#222b36';
    g.textAlign = 'left';
    g.textBaseline = 'middle';
    g.fillText(it.text, sx + sw + pad, cy);
  });
}

function line(g, x, y, w, width, colour, dash = []) {
  g.setLineDash(dash);
  g.strokeStyle = colour;
  g.lineWidth = width;
  g.beginPath();
  g.moveTo(x, y);
  g.lineTo(x + w, y);
  g.stroke();
  g.setLineDash([]);
}

// exportPNG composes the frame on the plot with its system's name and H
// and the fit's figures and the page's address. page is main.mjs's: the
// app, the model on the plot (trained values, fit report), the systems.
export async function exportPNG(page) {
  const app = page.app();
  const fit = page.fit();
  const frame = await app.capture();
  const s = JSON.parse(app.state());
  const sys = page.system(page.trained().system);
  return composePNG(frame, {
    title: `${sys.title}:  ${formulaOf(sys, page.trained().formula)}`, dpr: frame.width / document.body.clientWidth, plot: s.plot, legend: legendFor(page.layers(), page.trained().train_box, !!page.trained().data),
    subtitle: fit && fit.link ? `${fit.sampler}, width ${fit.width}, ${fit.points} points: relative error of H ` +
      `${fit.rel_l2_H.toExponential(1)} — ${location.href.split('#')[0]}` : '',
  });
}

// exporters are the export buttons' actions, by button id: the PNG, the
// model file, the trajectories, the training data (computed again by the
// worker) and the comparison's curve.
export function exporters(page) {
  const name = (what, ext) => fileName(page.trained().system, what, ext);
  return {
    'export-png': async () => download(name('plot', 'png'), (await exportPNG(page)).blob),
    'export-model': () => {
      const r = page.app().modelFile();
      if (r.error) page.setStatus('error', r.error);
      else download(name('model', 'json'), r.text, 'application/json');
    },
    'export-traj': () => download(name('trajectories', 'csv'), page.app().trajectoriesCSV(), 'text/csv'),
    'export-data': async () => {
      const r = await page.data(page.trained());
      if (r && !r.error) download(name('training-data', 'csv'), r.csv, 'text/csv');
      else page.setStatus('error', r ? r.error : 'The worker restarted; try again.');
    },
    'export-curve': () => download(name('comparison', 'csv'), curveCSV(page.race()), 'text/csv'),
  };
}
