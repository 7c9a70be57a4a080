import { css } from 'lit';

/** The counter's own layout: the number beside its words, then the bar. */
export const styles = css`
  .count {
    display: flex;
    align-items: baseline;
    gap: 0.5em;
    margin: 0 0 0.75em;
    font-family: var(--_lf);
    font-size: var(--_small);
    line-height: 1.3;
  }
  .count .fig {
    flex: none;
    font-size: var(--vigia-figure-size, 2.6em);
  }
  .local {
    margin: 0.35em 0 0;
  }
`;
