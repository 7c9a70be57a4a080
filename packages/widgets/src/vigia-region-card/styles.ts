import { css } from 'lit';

/** The region card's own layout (the frame is styles.ts). */
export const styles = css`
  .tagcell {
    flex: 1 1 100%;
    min-width: 0;
  }
  @container (min-width: 560px) {
    .tagcell {
      flex: 1.3 1 0;
      align-self: center;
    }
  }
  .spaces {
    margin: 0;
    font-family: var(--_lf);
    font-size: var(--_small);
  }
  .spaces dt {
    font-weight: 700;
  }
  .spaces dd {
    margin: 0 0 0.4em;
  }
`;
