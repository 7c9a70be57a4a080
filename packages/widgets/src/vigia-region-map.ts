import { css, html, nothing, type TemplateResult } from 'lit';
import type { Source } from './api.js';
import { VigiaElement, define } from './base.js';
import { call, type Call } from './client.js';
import type { Locale } from './i18n.js';
import { REGION_MAP } from './operations.js';
import { base } from './styles.js';

interface Region {
  code: string;
  slug: string;
  name: string;
  highIncidence: boolean;
  highIncidenceSource: Source | null;
  /** `value` is null only when suppressed, which officer counts never are; shown as no value then. */
  policeTrained: { value: number | null; source: Source; dataset: { csvUrl: string; title: string } } | null;
  coordinationSpaceSummary: { total: number; source: Source | null };
}

const METRICS = ['police-trained', 'coordination-spaces', 'high-incidence'] as const;
type Metric = (typeof METRICS)[number];

/** A region's figure for a metric; `null` when the source gives none. */
function figure(r: Region, metric: Metric): number | null {
  if (metric === 'police-trained') return r.policeTrained?.value ?? null;
  if (metric === 'coordination-spaces') return r.coordinationSpaceSummary.total;
  return r.highIncidence ? 1 : 0;
}

/**
 * The five regions of the briefing as an accessible tile map (each region a tile in its
 * approximate position), coloured by a chosen figure that is also written in each tile, with a
 * legend and a table of the same figures.
 *
 * @element vigia-region-map
 * @attr {"police-trained"|"coordination-spaces"|"high-incidence"} metric - The figure that colours the tiles (default "police-trained").
 * @attr {"map"|"table"} view - `table` shows the table alone (default: the map, with the table on demand).
 * @attr {string} endpoint - GraphQL endpoint URL.
 * @attr {"es"|"en"} lang - Language (default `es`).
 * @attr {number} heading-level - Heading level of the title, 2–6 (default 2).
 * @csspart card - The card box.
 * @csspart title - The map title.
 * @csspart map - The tile map (a list).
 * @csspart tile - Each region's tile.
 * @csspart legend - The legend.
 * @csspart table - The data table.
 * @csspart source - Source lines.
 * @csspart link - Links (source, CSV).
 * @csspart skeleton - Loading placeholder.
 * @csspart error - Error message.
 * @csspart retry - Retry button.
 * @cssprop --vigia-color-bar - Colour the tiles are shaded with (default: the accent colour).
 * @cssprop --vigia-min-height - Space reserved while loading (default 20rem).
 */
export class VigiaRegionMap extends VigiaElement<{ regions: Region[] }> {
  static override properties = { metric: {}, view: {} };
  static override styles = [
    base,
    css`
      :host {
        min-height: var(--vigia-min-height, 20rem);
      }
      .map {
        display: grid;
        grid-template-columns: repeat(2, minmax(0, 1fr));
        gap: 0.4rem;
        list-style: none;
        padding: 0;
        max-width: 28rem;
      }
      .t-cusco { grid-area: 1 / 1; }
      .t-arequipa { grid-area: 2 / 1; }
      .t-puno { grid-area: 2 / 2; }
      .t-moquegua { grid-area: 3 / 1; }
      .t-tacna { grid-area: 3 / 2; }
      .tile, .sw {
        border: 1px solid var(--_line);
        border-radius: var(--vigia-radius, 0.5rem);
        background: color-mix(in srgb, var(--_bar) var(--_mix), var(--_bg));
      }
      .tile {
        min-height: 4.5rem;
        padding: 0.4rem;
      }
      .lbl {
        display: inline-block;
        background: var(--_bg);
        border-radius: 0.25rem;
        padding: 0.1rem 0.4rem;
      }
      .b0 { --_mix: 12%; }
      .b1 { --_mix: 38%; }
      .b2 { --_mix: 62%; }
      .b3 { --_mix: 88%; }
      .nd { --_mix: 0%; border-style: dashed; }
      .sw {
        display: inline-block;
        width: 1.2em;
        height: 1.2em;
        vertical-align: middle;
        margin-inline-end: 0.4em;
      }
      .legend {
        list-style: none;
        padding: 0;
      }
    `,
  ];
  /** Which figure colours the tiles. */
  declare metric: string | null;
  /** `table` for the table alone. */
  declare view: string | null;

  constructor() {
    super();
    this.metric = null;
    this.view = null;
  }

  private get m(): Metric | undefined {
    const v = this.metric?.trim().toLowerCase() || 'police-trained';
    return METRICS.find((x) => x === v);
  }

  protected query(loc: Locale): Call | string {
    if (!this.m) return loc.m.badOption('metric', this.metric ?? '');
    // Every metric and view shares one request.
    return call(REGION_MAP, { lang: loc.m.api });
  }

  protected missing(): null {
    return null;
  }

  protected override skeleton(): TemplateResult {
    return html`<span class="sk w6"></span
      ><ul class="map">${[1, 2, 3, 4, 5].map((i) => html`<li class="tile sk t-${['', 'cusco', 'arequipa', 'puno', 'moquegua', 'tacna'][i]}"></li>`)}</ul>`;
  }

  protected renderData({ regions }: { regions: Region[] }, loc: Locale): TemplateResult {
    const { m } = loc;
    const metric = this.m!;
    const label = m.metrics[metric];
    const yesNo = metric === 'high-incidence';
    const values = regions.map((r) => figure(r, metric)).filter((v): v is number => v !== null);
    const min = Math.min(...values);
    const max = Math.max(...values);
    // Four equal steps between the smallest and largest figure shown (or two for yes/no).
    const bin = (v: number | null) =>
      v === null ? 'nd' : `b${yesNo ? v * 3 : max === min ? 3 : Math.min(3, Math.floor(((v - min) / (max - min)) * 4))}`;
    const text = (v: number | null) => (v === null ? m.noValue : yesNo ? (v ? m.yes : m.no) : loc.num(v));
    const bins = new Map<string, number[]>();
    for (const r of regions) {
      const v = figure(r, metric);
      const b = bin(v);
      bins.set(b, [...(bins.get(b) ?? []), v ?? NaN]);
    }
    const legend = [...bins.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
    const table = html`<table part="table">
      <caption>${m.byRegion(label)}</caption>
      <thead><tr><th scope="col">${m.region}</th><th scope="col" class="n">${label}</th></tr></thead>
      <tbody>
        ${regions.map((r) => html`<tr><th scope="row">${r.name}</th><td class="n">${text(figure(r, metric))}</td></tr>`)}
      </tbody>
    </table>`;
    const sources =
      metric === 'police-trained'
        ? regions.map((r) => r.policeTrained?.source)
        : metric === 'coordination-spaces'
          ? regions.map((r) => r.coordinationSpaceSummary.source)
          : regions.map((r) => r.highIncidenceSource);
    const csv = regions.find((r) => r.policeTrained)?.policeTrained?.dataset;
    return html`${this.heading(m.byRegion(label))}
      ${this.view?.trim().toLowerCase() === 'table'
        ? table
        : html`<p class="muted">${m.mapNote}</p>
            <ul class="map" part="map">
              ${regions.map((r) => {
                const v = figure(r, metric);
                return html`<li part="tile" class="tile t-${r.slug} ${bin(v)}">
                  <span class="lbl">${r.name}: <span class="num">${text(v)}</span></span>
                </li>`;
              })}
            </ul>
            <p id="lg" class="sub"><strong>${m.legend}</strong></p>
            <ul class="legend" part="legend" aria-labelledby="lg">
              ${legend.map(([b, vs]) => {
                const nums = vs.filter((v) => !Number.isNaN(v));
                const desc = !nums.length
                  ? m.noValue
                  : yesNo
                    ? text(nums[0]!)
                    : m.range(loc.num(Math.min(...nums)), loc.num(Math.max(...nums)));
                return html`<li><span class="sw ${b}" aria-hidden="true"></span>${desc}</li>`;
              })}
            </ul>
            <details>
              <summary>${m.showTable}</summary>
              ${table}
            </details>`}
      ${this.sources(loc, sources)}
      ${metric === 'police-trained' && csv ? this.source(loc, null, { url: csv.csvUrl, title: csv.title }) : nothing}`;
  }
}

define('vigia-region-map', VigiaRegionMap);

declare global {
  interface HTMLElementTagNameMap {
    'vigia-region-map': VigiaRegionMap;
  }
}
