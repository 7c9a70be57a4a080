import { css } from 'lit';

/** The services chart: two groups of sorted bars, then the detailed results. */
export const styles = css`
  .grp {
    font: 700 var(--_small) / 1.3 var(--_lf);
    margin: 0.75em 0 0.35em;
  }
  .grp:first-child {
    margin-top: 0;
  }
  .rows {
    --_lw: 6.2em;
  }
  .rows li {
    min-height: 1.55em;
  }
  .rows .bar {
    height: 0.95em;
  }
  .rows.ab .bar,
  .sw.ab {
    background: var(--_s3);
  }
  .rows .bar.act,
  .sw.act {
    background: transparent;
    border: 2px dashed var(--_bar);
  }
  .sw.sv {
    background: var(--_bar);
  }
  .key {
    margin: 0.6em 0 0;
  }
  .results {
    margin-top: 1em;
  }
  .results .stat {
    min-width: 12em;
  }
  .ents {
    padding-inline-start: 1.1em;
    font-family: var(--_lf);
  }
  .ents li {
    margin-bottom: 0.3em;
  }
`;
