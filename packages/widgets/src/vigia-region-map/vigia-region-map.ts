import { html, nothing, type TemplateResult } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import type { Source } from '../api.js';
import { VigiaElement, define, type View } from '../base.js';
import { call, type Call } from '../client.js';
import type { Locale } from '../i18n.js';
import { base } from '../styles.js';
import { luminance, rgba } from '../theme.js';
import { GRID } from './layout.js';
import { REGION_MAP } from './operation.js';
import { styles } from './styles.js';

interface Region {
  code: string;
  slug: string;
  name: string;
  isFocus: boolean;
  highIncidence: boolean;
  highIncidenceSource: Source | null;
  /** `value` is null only when suppressed, which officer counts never are; shown as no value then. */
  policeTrained: { value: number | null; periodStart: string; periodEnd: string; source: Source; dataset: { csvUrl: string; title: string } } | null;
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

/** A class of values: its members' range and the shade it is drawn in. */
interface Class {
  shade: 1 | 2 | 3;
  values: number[];
}

/**
 * Up to three equal-interval classes between the smallest and largest figure (two for yes/no);
 * only classes that hold a region are kept, so the legend shows what the map shows.
 */
function classify(values: number[], yesNo: boolean): (v: number) => Class | undefined {
  const min = Math.min(...values);
  const max = Math.max(...values);
  const step = (max - min) / 3;
  const index = (v: number): 0 | 1 | 2 => (yesNo ? (v ? 2 : 0) : step ? (Math.min(2, Math.floor((v - min) / step)) as 0 | 1 | 2) : 2);
  const classes = new Map<number, Class>();
  for (const v of values) {
    const i = index(v);
    const c = classes.get(i) ?? { shade: (i + 1) as 1 | 2 | 3, values: [] };
    c.values.push(v);
    classes.set(i, c);
  }
  return (v) => classes.get(index(v));
}

/**
 * The five regions of the briefing on a tile map of Peru's 25 departments (each in its
 * approximate place), shaded by a chosen figure that is also written in each tile, with a legend
 * of the classes in the data and the table behind a disclosure.
 *
 * @element vigia-region-map
 * @attr {"police-trained"|"coordination-spaces"|"high-incidence"} metric - The figure that shades the map (default "police-trained").
 * @attr {"map"|"table"} view - `table` shows the table alone (default: the map, with the table behind a disclosure).
 * @csspart map - The tile map (a list of the five regions).
 * @csspart tile - Each region's tile.
 * @csspart legend - The legend.
 * @csspart table - The data table.
 */
export class VigiaRegionMap extends VigiaElement<{ regions: Region[] }> {
  static override properties = { metric: {}, view: {} };
  static override styles = [base, styles];
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

  protected subject(loc: Locale): string {
    return loc.m.aboutMap;
  }

  protected override updated(): void {
    super.updated();
    // Black or white text on each filled tile, whichever contrasts more with its fill (the fill
    // follows --vigia-color-bar, so no fixed text colour would do for every partner).
    for (const tile of this.renderRoot.querySelectorAll<HTMLElement>('.tile.in')) {
      const fill = rgba(getComputedStyle(tile).backgroundColor);
      if (!fill || fill[3]! < 0.5) continue;
      const l = luminance(fill);
      tile.style.color = (l + 0.05) / 0.05 >= 1.05 / (l + 0.05) ? '#000' : '#fff';
    }
  }

  private tiles(): [string, number, number, string][] {
    return Object.entries(GRID).map(([code, [c, r, iso]]) => [code, c, r, iso]);
  }

  protected override skeleton(loc: Locale): TemplateResult {
    const { m } = loc;
    const metric = this.m ?? 'police-trained';
    const table = this.view?.trim().toLowerCase() === 'table';
    return html`<header>
        <span class="h sk sk-line">${m.mapTitle[metric]}</span>
        <span class="subtitle sk sk-line">${m.mapSub('0000–0000')}</span>
      </header>
      ${table
        ? html`<table>${[0, 1, 2, 3, 4, 5].map(() => html`<tr><td><span class="sk">Xxxxxxxx</span></td><td class="n"><span class="sk">000</span></td></tr>`)}</table>`
        : html`<div class="wrap">
              <ul class="map">
                ${this.tiles().map(
                  ([, c, r]) => html`<li class="tile sk" style=${styleMap({ gridColumn: String(c + 1), gridRow: String(r + 1) })}></li>`,
                )}
              </ul>
              <div>
                <p class="lg"><span class="sk">${m.legend}</span></p>
                <ul class="legend">${[0, 1, 2, 3].map(() => html`<li><span class="sk">■ 000 a 000</span></li>`)}</ul>
              </div>
            </div>
            <p class="summary sk sk-line">${m.showTable}</p>`}
      <p class="foot"><span class="sk">${m.source}: Xxxxxxxxxx xxx Xxxxxxxx, xxx. 0000, xxxxxxx 0 x 0 · ${m.csv} · Vigía</span></p>
      <p class="summary sk sk-line">${m.fullSource}</p>`;
  }

  protected renderData({ regions: all }: { regions: Region[] }, loc: Locale): View {
    const { m } = loc;
    const metric = this.m!;
    const label = m.metrics[metric];
    const yesNo = metric === 'high-incidence';
    const regions = all.filter((r) => r.isFocus);
    const values = regions.map((r) => figure(r, metric)).filter((v): v is number => v !== null);
    const classOf = classify(values, yesNo);
    const text = (v: number | null) => (v === null ? m.noValue : yesNo ? (v ? m.yes : m.no) : loc.num(v));
    const classes = [...new Set(values.map((v) => classOf(v)!))].sort((a, b) => a.shade - b.shade);
    const trained = regions.find((r) => r.policeTrained)?.policeTrained;
    const period = metric === 'police-trained' && trained ? loc.period(trained.periodStart, trained.periodEnd) : '';
    const table = html`<table part="table">
      <caption>${m.byRegion(label)}</caption>
      <thead><tr><th scope="col">${m.region}</th><th scope="col" class="n">${label}</th></tr></thead>
      <tbody>
        ${regions.map((r) => html`<tr><th scope="row">${r.name}</th><td class="n">${text(figure(r, metric))}</td></tr>`)}
      </tbody>
    </table>`;
    const byCode = new Map(all.map((r) => [r.code, r]));
    // The five in the API's order (reading order); the other departments only draw the country.
    const focus = regions.filter((r) => GRID[r.code]).map((r) => [r.code, ...GRID[r.code]!] as const);
    const others = this.tiles().filter(([code]) => !byCode.get(code)?.isFocus);
    const at = (c: number, r: number) => styleMap({ gridColumn: String(c + 1), gridRow: String(r + 1) });
    const graphic =
      this.view?.trim().toLowerCase() === 'table'
        ? table
        : html`<div class="wrap">
            <ul class="map" part="map" aria-label=${m.byRegion(label)}>
              ${focus.map(([code, c, row, iso]) => {
                const r = byCode.get(code)!;
                const v = figure(r, metric);
                const cls = v === null ? undefined : classOf(v);
                return html`<li part="tile" class="tile in ${cls ? `c${cls.shade}` : 'out'}" style=${at(c, row)}>
                  <span class="vh">${r.name}: </span><span class="short" aria-hidden="true">${iso}</span><span class="long" aria-hidden="true">${r.name}</span>
                  <span class="v">${text(v)}</span>
                </li>`;
              })}
              ${others.map(
                ([, c, row, iso]) => html`<li class="tile out" style=${at(c, row)} aria-hidden="true">${iso}</li>`,
              )}
            </ul>
            <div>
              <p class="lg" id="lg">${m.legend}</p>
              <ul class="legend" part="legend" aria-labelledby="lg">
                ${classes.map(
                  (k) => html`<li>
                    <span class="sw c${k.shade}" aria-hidden="true"></span>${yesNo
                      ? text(k.values[0]!)
                      : m.range(loc.num(Math.min(...k.values)), loc.num(Math.max(...k.values)))}
                  </li>`,
                )}
                <li><span class="sw out" aria-hidden="true"></span>${m.outside}</li>
              </ul>
            </div>
          </div>`;
    const sources =
      metric === 'police-trained'
        ? regions.map((r) => r.policeTrained?.source)
        : metric === 'coordination-spaces'
          ? regions.map((r) => r.coordinationSpaceSummary.source)
          : regions.map((r) => r.highIncidenceSource);
    return {
      title: m.mapTitle[metric],
      subtitle: m.mapSub(period),
      graphic,
      more: this.view?.trim().toLowerCase() === 'table' ? null : { label: m.showTable, body: table },
      sources,
      csv: metric === 'police-trained' && trained ? { url: trained.dataset.csvUrl, title: trained.dataset.title } : null,
    };
  }
}

define('vigia-region-map', VigiaRegionMap);

declare global {
  interface HTMLElementTagNameMap {
    'vigia-region-map': VigiaRegionMap;
  }
}
