import { css } from 'lit';

/** The indicator: one big figure, or a dataset's few figures as a small table. */
export const styles = css`
  .one .fig:not(.pending) {
    font-size: var(--vigia-figure-size, 2.6em);
  }
  .reason {
    font-family: var(--_lf);
    font-size: var(--_small);
    margin: 0.25em 0 0;
  }
`;
