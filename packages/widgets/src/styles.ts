import { css } from 'lit';

/**
 * Shared look. Every colour, the font, radius and spacing come from `--vigia-*` custom
 * properties with light and dark defaults that meet WCAG AA contrast; the font is the host
 * page's unless `--vigia-font` says otherwise.
 */
export const base = css`
  :host {
    display: block;
    color-scheme: light dark;
    --_fg: var(--vigia-color-text, #1c2024);
    --_bg: var(--vigia-color-background, #fff);
    --_muted: var(--vigia-color-muted, #4a525c);
    --_line: var(--vigia-color-border, #c3c9d1);
    --_accent: var(--vigia-color-accent, #0a5bab);
    --_bar: var(--vigia-color-bar, var(--_accent));
    --_error: var(--vigia-color-error, #a3161a);
    --_skel: var(--vigia-color-skeleton, #e4e7eb);
    --_space: var(--vigia-space, 1rem);
    min-height: var(--vigia-min-height, 12rem);
    font-family: var(--vigia-font, inherit);
    line-height: 1.45;
  }
  @media (prefers-color-scheme: dark) {
    :host {
      --_fg: var(--vigia-color-text, #e9ebee);
      --_bg: var(--vigia-color-background, #17191d);
      --_muted: var(--vigia-color-muted, #b1b8c2);
      --_line: var(--vigia-color-border, #4a515b);
      --_accent: var(--vigia-color-accent, #8cc2ff);
      --_error: var(--vigia-color-error, #ff9b96);
      --_skel: var(--vigia-color-skeleton, #2c3036);
    }
  }
  :host([hidden]) {
    display: none;
  }
  * {
    box-sizing: border-box;
  }
  article {
    height: 100%;
    min-height: inherit;
    color: var(--_fg);
    background: var(--_bg);
    border: 1px solid var(--_line);
    border-radius: var(--vigia-radius, 0.5rem);
    padding: var(--_space);
    overflow-wrap: anywhere;
  }
  h2, h3, h4, h5, h6 {
    margin: 0 0 calc(var(--_space) / 2);
    font-size: 1.15em;
    line-height: 1.25;
  }
  :is(h3, h4, h5, h6).sub {
    font-size: 1em;
    margin-top: calc(var(--_space) * 0.75);
  }
  p, ul, ol, dl, figure, table {
    margin: 0 0 calc(var(--_space) / 2);
  }
  ul, ol {
    padding-inline-start: 1.25em;
  }
  a {
    color: var(--_accent);
    text-decoration: underline;
  }
  a:focus-visible, button:focus-visible, summary:focus-visible, [tabindex]:focus-visible {
    outline: 3px solid var(--_accent);
    outline-offset: 2px;
  }
  button {
    font: inherit;
    color: var(--_bg);
    background: var(--_accent);
    border: 0;
    border-radius: var(--vigia-radius, 0.5rem);
    padding: 0.4em 1em;
    cursor: pointer;
  }
  summary {
    cursor: pointer;
    color: var(--_accent);
  }
  .figure {
    display: block;
    font-size: var(--vigia-figure-size, 2.25em);
    font-weight: 700;
    line-height: 1.1;
    font-variant-numeric: tabular-nums;
  }
  .num {
    font-variant-numeric: tabular-nums;
    font-weight: 700;
  }
  .muted, .src, .note {
    color: var(--_muted);
    font-size: 0.875em;
  }
  .src {
    margin-top: calc(var(--_space) / 2);
  }
  .badge {
    display: inline-block;
    border: 1px solid currentColor;
    border-radius: 999px;
    padding: 0 0.6em;
    font-size: 0.875em;
  }
  [aria-current] {
    font-weight: 700;
  }
  .pending {
    font-weight: 700;
  }
  [role='alert'] {
    color: var(--_error);
  }
  table {
    border-collapse: collapse;
    width: 100%;
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
  .sk {
    display: block;
    height: 1em;
    margin: 0.6em 0;
    border-radius: 0.25em;
    background: var(--_skel);
    animation: pulse 1.4s ease-in-out infinite;
  }
  .w6 {
    width: 60%;
  }
  .w8 {
    width: 80%;
  }
  .sk.big {
    height: 2.25em;
    width: 40%;
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
