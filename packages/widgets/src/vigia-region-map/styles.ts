import { css } from 'lit';

/**
 * The tile map: Peru's 25 departments on a 5 × 8 grid that fills the column (beside its legend
 * from 560 px). Filled tiles use the shades of the bar colour (each ≥ 3:1 against the
 * background); departments outside the briefing are outlined only.
 */
export const styles = css`
  .wrap {
    display: grid;
    gap: calc(var(--_space) * 0.75);
  }
  @container (min-width: 560px) {
    .wrap {
      grid-template-columns: minmax(0, 3fr) minmax(0, 2fr);
      align-items: start;
    }
  }
  .map {
    container-type: inline-size;
    display: grid;
    grid-template-columns: repeat(5, minmax(0, 1fr));
    gap: 3px;
    list-style: none;
    padding: 0;
    margin: 0;
  }
  .tile {
    aspect-ratio: 1.25;
    border-radius: 3px;
    display: flex;
    flex-direction: column;
    align-items: center;
    justify-content: center;
    text-align: center;
    font: 400 12px / 1.15 var(--_lf);
    overflow: hidden;
  }
  .tile.out {
    border: 1px solid var(--_line);
    color: var(--_muted);
  }
  .tile.in {
    font-weight: 700;
  }
  .tile .v {
    font-size: 13px;
    font-variant-numeric: tabular-nums;
  }
  .long {
    display: none;
  }
  @container (min-width: 380px) {
    .in .long {
      display: inline;
    }
    .in .short {
      display: none;
    }
    .tile {
      aspect-ratio: 1.35;
    }
  }
  .c1 { background: var(--_s1); }
  .c2 { background: var(--_s2); }
  .c3 { background: var(--_s3); }
  .sw.out {
    border: 1px solid var(--_line);
  }
  .legend {
    list-style: none;
    padding: 0;
    margin: 0;
    display: grid;
    gap: 0.35em;
    font: var(--_small) / 1.3 var(--_lf);
  }
  .legend li {
    display: flex;
    align-items: center;
    gap: 0.5em;
  }
  .lg {
    font: 700 var(--_small) / 1.3 var(--_lf);
    margin: 0 0 0.35em;
  }
`;
