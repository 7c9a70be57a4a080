import { css } from 'lit';

/**
 * The shared frame. By default a widget follows the page (theme.ts): no background of its own,
 * the page's text and link colours, the page's font for the title and a sans-serif for labels,
 * figures and the footer (`--vigia-font-label`). `theme="light|dark|auto"` paints a card with the
 * defaults below. Every colour comes from a `--vigia-*` custom property; figure fills are at least
 * 3:1 against the background in both schemes (WCAG 1.4.11), text at least 4.5:1.
 */
export const base = css`
  :host {
    display: block;
    container-type: inline-size;
    font-family: var(--vigia-font, inherit);
    line-height: 1.4;
    --_lf: var(--vigia-font-label, system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif);
    --_space: var(--vigia-space, 1rem);
    --_radius: var(--vigia-radius, 0.5rem);
    /* Labels never shrink under 12 px, whatever the page's size. */
    --_small: max(12px, 0.8125em);
  }
  :host([hidden]) {
    display: none;
  }
  * {
    box-sizing: border-box;
  }
  .card {
    --_muted: var(--vigia-color-muted, color-mix(in srgb, currentColor 72%, transparent));
    --_line: var(--vigia-color-border, color-mix(in srgb, currentColor 28%, transparent));
    --_skel: var(--vigia-color-skeleton, color-mix(in srgb, currentColor 11%, transparent));
    --_bar: var(--vigia-color-bar, var(--_accent));
    /* Shades of the bar colour for classes and levels: lighter ones mix in the background,
       darker ones the text, so each keeps 3:1 against the background. */
    --_s1: color-mix(in srgb, var(--_bar) 68%, var(--_bg));
    --_s2: var(--_bar);
    --_s3: color-mix(in srgb, var(--_bar) 58%, var(--_ink));
    --_s4: color-mix(in srgb, var(--_bar) 28%, var(--_ink));
    min-height: var(--vigia-min-height, auto);
    overflow-wrap: anywhere;
  }
  .card.light {
    --_ink: #000;
    --_accent: var(--vigia-color-accent, #0a5bab);
    --_error: var(--vigia-color-error, #a3161a);
  }
  .card.dark {
    --_ink: #fff;
    --_accent: var(--vigia-color-accent, #8cc2ff);
    --_error: var(--vigia-color-error, #ff9b96);
  }
  .card.page {
    /* Unset custom property: the page's own text colour is inherited. */
    color: var(--vigia-color-text);
    --_bg: var(--vigia-color-background, var(--_pbg, #fff));
    --_link: var(--vigia-color-accent, var(--_plink, var(--_accent)));
    background: var(--vigia-color-background, transparent);
    border-top: 1px solid var(--_line);
    padding: calc(var(--_space) * 0.75) 0 calc(var(--_space) * 0.5);
  }
  .card.painted {
    --_link: var(--_accent);
    color: var(--_fgp);
    background: var(--_bg);
    border: 1px solid var(--_line);
    border-radius: var(--_radius);
    padding: var(--_space);
  }
  .card.painted.light {
    --_fgp: var(--vigia-color-text, #1c2024);
    --_bg: var(--vigia-color-background, #fff);
  }
  .card.painted.dark {
    --_fgp: var(--vigia-color-text, #e9ebee);
    --_bg: var(--vigia-color-background, #17191d);
  }
  h2, h3, h4, h5, h6 {
    margin: 0;
    font-size: 1.2em;
    line-height: 1.25;
    font-weight: 700;
  }
  .subtitle {
    margin: 0.2em 0 0;
    color: var(--_muted);
    font-size: 0.95em;
    line-height: 1.35;
  }
  header {
    margin-bottom: calc(var(--_space) * 0.75);
  }
  p, ul, ol, dl, figure, table {
    margin: 0 0 calc(var(--_space) / 2);
  }
  ul, ol {
    padding-inline-start: 1.25em;
  }
  a {
    color: var(--_link);
    text-decoration: underline;
    text-underline-offset: 0.15em;
  }
  a:focus-visible, button:focus-visible, summary:focus-visible, [tabindex]:focus-visible {
    outline: 3px solid var(--_accent);
    outline-offset: 2px;
  }
  button {
    font: 600 var(--_small) / 1.3 var(--_lf);
    color: var(--_accent);
    background: transparent;
    border: 1px solid currentColor;
    border-radius: 999px;
    padding: 0.35em 0.9em;
    cursor: pointer;
  }
  button[aria-pressed='true'] {
    color: var(--_bg);
    background: var(--_accent);
    border-color: var(--_accent);
  }
  .lf, .foot, summary, .key, .stat, .tag, .rows, table, .muted, .note, .cite, .cite-data {
    font-family: var(--_lf);
  }
  .foot {
    margin: calc(var(--_space) * 0.75) 0 0;
    font-size: var(--_small);
    color: var(--_muted);
    line-height: 1.45;
  }
  .foot a, .cite-data a {
    color: inherit;
  }
  details {
    font-size: var(--_small);
  }
  .more {
    margin-top: calc(var(--_space) * 0.5);
    font-size: 1em;
  }
  summary {
    cursor: pointer;
    color: var(--_link);
    font-size: var(--_small);
    font-weight: 600;
    padding: 0.3em 0;
    width: fit-content;
  }
  details .body {
    padding: 0.25em 0 0.5em;
  }
  .notes summary {
    font-weight: 400;
  }
  .cite, .note, .cite-data {
    color: var(--_muted);
    font-size: var(--_small);
    margin: 0.35em 0;
  }
  .muted {
    color: var(--_muted);
    font-size: var(--_small);
  }
  .num {
    font-variant-numeric: tabular-nums;
    font-weight: 700;
  }
  /* Headline figures side by side. */
  .stats {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) * 0.75) calc(var(--_space) * 1.5);
    margin: 0 0 calc(var(--_space) * 0.75);
    padding: 0;
    list-style: none;
  }
  .stat {
    min-width: 7.5em;
    flex: 1 1 0;
    font-size: var(--_small);
    line-height: 1.3;
  }
  .lab {
    color: var(--_muted);
  }
  .fig {
    display: block;
    font: 700 var(--vigia-figure-size, 2em) / 1.1 var(--_lf);
    font-variant-numeric: tabular-nums;
    margin-bottom: 0.1em;
  }
  .fig.pending {
    font-size: 1.6em;
  }
  .tag {
    display: inline-block;
    font-size: var(--_small);
    font-weight: 600;
    line-height: 1.3;
    padding: 0.2em 0.6em;
    border-radius: 0.3em;
    border: 1px solid currentColor;
  }
  .tag.on {
    color: var(--_error);
  }
  /* A stacked bar with its key. */
  .stack {
    display: flex;
    gap: 2px;
    height: 1.25rem;
    margin: 0 0 0.5em;
  }
  .stack > span {
    min-width: 4px;
  }
  .l1 { background: var(--_s1); }
  .l2 { background: var(--_s2); }
  .l3 { background: var(--_s3); }
  .l4 { background: var(--_s4); }
  .key {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25em 1em;
    list-style: none;
    padding: 0;
    margin: 0;
    font-size: var(--_small);
  }
  .key li {
    display: flex;
    align-items: center;
    gap: 0.35em;
  }
  .key [aria-current] {
    font-weight: 700;
  }
  .sw {
    display: inline-block;
    flex: none;
    width: 0.85em;
    height: 0.85em;
    border-radius: 2px;
  }
  /* Horizontal bars laid out in HTML, so their text keeps its size at every width. */
  .rows {
    list-style: none;
    padding: 0;
    margin: 0;
    font-size: var(--_small);
  }
  .rows li {
    display: grid;
    grid-template-columns: var(--_lw, 6.5em) minmax(0, 1fr);
    align-items: center;
    gap: 0.6em;
    min-height: 1.75em;
  }
  .rows .lbl {
    text-align: end;
    line-height: 1.2;
  }
  .rows .track {
    display: flex;
    align-items: center;
    gap: 0.4em;
  }
  .rows .bar {
    height: 1.1em;
    background: var(--_bar);
    border-radius: 0 2px 2px 0;
  }
  table {
    border-collapse: collapse;
    width: 100%;
    font-size: var(--_small);
  }
  th, td {
    text-align: start;
    padding: 0.25em 0.5em;
    border-bottom: 1px solid var(--_line);
  }
  td.n, th.n {
    text-align: end;
    font-variant-numeric: tabular-nums;
  }
  caption {
    text-align: start;
    font-weight: 700;
    padding-bottom: 0.25em;
  }
  .error .err {
    color: var(--_error);
    font-weight: 700;
    margin-bottom: 0.25em;
  }
  .vh {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
  /* Skeletons reuse the loaded layout; .sk paints a block where text or a graphic will be. */
  .sk {
    color: transparent !important;
    background: var(--_skel) !important;
    border-radius: 0.25em;
    animation: pulse 1.4s ease-in-out infinite;
  }
  .h {
    font-size: 1.2em;
    line-height: 1.25;
    font-weight: 700;
  }
  .summary {
    font: 600 var(--_small) / 1.4 var(--_lf);
    padding: 0.3em 0;
    margin: 0;
  }
  .skeleton .sk-line {
    display: block;
    width: fit-content;
    max-width: 100%;
  }
  @keyframes pulse {
    50% {
      opacity: 0.45;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .sk {
      animation: none;
    }
  }
`;
