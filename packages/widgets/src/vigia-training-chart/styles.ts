import { css } from 'lit';

/** The bar chart: HTML rows, so labels keep a legible size at every width. */
export const styles = css`
  .rows {
    --_lw: 6.5em;
    font-size: max(12px, 0.875em);
  }
  .rows li {
    min-height: 2.1em;
  }
  .rows .bar {
    height: 1.35em;
  }
  .sort {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.4em;
    margin: 0 0 0.6em;
    font: var(--_small) / 1.3 var(--_lf);
  }
  .courses {
    padding-inline-start: 1.1em;
    font-family: var(--_lf);
  }
  .courses li {
    margin-bottom: 0.3em;
  }
`;
