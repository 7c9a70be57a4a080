/**
 * An embed as a standalone SVG: title, subtitle, the headline figure, the rows (as bars for charts
 * and maps), notes, the source line and the Vigía credit. Built from the same `Figure` as the
 * page's fallback, without a browser: text is laid out with Inter's average advance widths (a
 * conservative estimate, so lines wrap early rather than overflow), and every value is escaped.
 */
import { esc } from '../core/escape.js';
import type { Figure } from './figures.js';

export const FONT_FAMILY = 'Inter';

const THEMES = {
  light: { bg: '#ffffff', text: '#1c2024', muted: '#4a525c', accent: '#0a5bab', border: '#c3c9d1', bar: '#0a5bab' },
  dark: { bg: '#17191d', text: '#e9ebee', muted: '#b1b8c2', accent: '#8cc2ff', border: '#4a515b', bar: '#8cc2ff' },
};

/** Average advance of Inter (em), a little wide on purpose: bold, regular. */
const ADVANCE = { bold: 0.6, regular: 0.56 };

/** Greedy word wrap to `max` px at `size` px. A word longer than a line is cut with "…". */
export function wrap(text: string, size: number, max: number, weight: 'bold' | 'regular' = 'regular'): string[] {
  const perChar = size * ADVANCE[weight];
  const fit = Math.max(4, Math.floor(max / perChar));
  const lines: string[] = [];
  let line = '';
  for (let word of text.split(/\s+/).filter(Boolean)) {
    if (word.length > fit) word = `${word.slice(0, fit - 1)}…`;
    if (!line) line = word;
    else if (line.length + 1 + word.length <= fit) line += ` ${word}`;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  return lines;
}

export interface SvgOptions {
  width: number;
  theme: 'light' | 'dark';
  lang: string;
  /** The credit line, e.g. "Vigía · vigia.example.org". */
  credit: string;
}

export function renderSvg(figure: Figure, { width, theme, lang, credit }: SvgOptions): { svg: string; height: number } {
  const c = THEMES[theme];
  // Sizes are set for a 1200 px social card and scale with the width (never below half).
  const k = Math.max(width / 1200, 0.5);
  const pad = Math.round(56 * k);
  const inner = width - 2 * pad;
  const out: string[] = [];
  let y = pad;

  const text = (x: number, size: number, value: string, opts: { weight?: 'bold' | 'regular'; fill?: string; anchor?: 'end' | 'start' } = {}) =>
    out.push(
      `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" font-size="${size.toFixed(1)}"${opts.weight === 'bold' ? ' font-weight="700"' : ''} fill="${opts.fill ?? c.text}"${opts.anchor === 'end' ? ' text-anchor="end"' : ''}>${esc(value)}</text>`,
    );
  const block = (value: string, size: number, weight: 'bold' | 'regular', fill: string, lineHeight = 1.25, max = inner) => {
    for (const line of wrap(value, size, max, weight)) {
      y += size * lineHeight;
      text(pad, size, line, { weight, fill });
    }
  };

  block(figure.title, 46 * k, 'bold', c.text, 1.2);
  if (figure.subtitle) {
    y += 8 * k;
    block(figure.subtitle, 26 * k, 'regular', c.muted);
  }
  if (figure.headline) {
    y += 24 * k;
    const size = 96 * k;
    y += size;
    text(pad, size, figure.headline.value, { weight: 'bold', fill: c.accent });
    if (figure.headline.label) {
      y += 8 * k;
      block(figure.headline.label, 28 * k, 'regular', c.text);
    }
  }
  if (figure.rows.length) {
    y += 24 * k;
    const size = 26 * k;
    const rowH = size * 1.7;
    const max = Math.max(0, ...figure.rows.map((r) => r.amount ?? 0));
    const labelW = figure.bars ? inner * 0.42 : inner * 0.7;
    for (const row of figure.rows) {
      const labelLines = wrap(row.label, size, labelW - 12 * k);
      const top = y;
      out.push(`<line x1="${pad}" x2="${pad + inner}" y1="${(top + 0.5).toFixed(1)}" y2="${(top + 0.5).toFixed(1)}" stroke="${c.border}" stroke-width="1"/>`);
      y = top + (rowH - size) / 2;
      for (const line of labelLines) {
        y += size * 1.15;
        text(pad, size, line);
      }
      const rowBottom = Math.max(y + (rowH - size * 1.15) / 2, top + rowH);
      const baseline = top + (rowH - size) / 2 + size * 1.15 - 2 * k;
      if (figure.bars) {
        const x0 = pad + labelW;
        // Room after the longest bar for the longest value, written in bold.
        const valueW = Math.max(...figure.rows.map((r) => r.value.length)) * size * ADVANCE.bold + 10 * k;
        const barMax = Math.max(0, inner - labelW - valueW);
        const barW = row.amount !== null && max > 0 ? Math.max(2, (barMax * row.amount) / max) : 0;
        if (barW) out.push(`<rect x="${x0.toFixed(1)}" y="${(baseline - size * 0.85).toFixed(1)}" width="${barW.toFixed(1)}" height="${(size * 0.95).toFixed(1)}" fill="${c.bar}" rx="${(3 * k).toFixed(1)}"/>`);
        const saved = y;
        y = baseline;
        text(x0 + barW + (barW ? 10 * k : 0), size, row.value, { weight: 'bold' });
        y = saved;
      } else {
        const saved = y;
        y = baseline;
        text(pad + inner, size, row.value, { weight: 'bold', anchor: 'end' });
        y = saved;
      }
      y = rowBottom;
    }
    out.push(`<line x1="${pad}" x2="${pad + inner}" y1="${(y + 0.5).toFixed(1)}" y2="${(y + 0.5).toFixed(1)}" stroke="${c.border}" stroke-width="1"/>`);
  }
  for (const note of figure.notes) {
    y += 14 * k;
    block(note, 24 * k, 'regular', c.text);
  }
  y += 28 * k;
  if (figure.source) block(figure.source, 20 * k, 'regular', c.muted);
  y += 6 * k;
  block(credit, 20 * k, 'bold', c.accent);
  const height = Math.max(Math.ceil(y + pad), Math.round(width * 0.525));

  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="t d" xml:lang="${esc(lang)}" font-family="${FONT_FAMILY}, 'Helvetica Neue', Arial, sans-serif">` +
    `<title id="t">${esc(figure.title)}</title><desc id="d">${esc([figure.description, figure.rows.map((r) => `${r.label}: ${r.value}`).join('; '), ...figure.notes, figure.citation].filter(Boolean).join(' — '))}</desc>` +
    `<rect width="100%" height="100%" fill="${c.bg}"/>` +
    out.join('') +
    `</svg>`;
  return { svg, height };
}
