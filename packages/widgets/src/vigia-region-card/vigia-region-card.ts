import { html, nothing, type TemplateResult } from 'lit';
import { LEVELS, type Indicator, type Source, type Space, type Summary, figureText } from '../api.js';
import { VigiaElement, define, type View } from '../base.js';
import { call, type Call } from '../client.js';
import type { Locale } from '../i18n.js';
import { levelBar, levelBarSkeleton } from '../levels.js';
import { base } from '../styles.js';
import { REGION_CARD } from './operation.js';
import { styles } from './styles.js';

interface Region {
  name: string;
  isFocus: boolean;
  highIncidence: boolean;
  highIncidenceSource: Source | null;
  coordinationSpaceSummary: Summary;
  coordinationSpaces: { edges: { node: Space }[] };
  policeTrained: Indicator | null;
}

/** A space's place as the source gives it: "Catta (Quispicanchi)", "San Román – Juliaca", "La Rinconada". */
function place(s: Space): string {
  const main = s.district ?? s.province ?? s.locality;
  if (!main) return s.name;
  if (s.district && s.province) return `${s.district} (${s.province})`;
  if (!s.district && s.province && s.locality) return `${s.province} – ${s.locality}`;
  return main;
}

/**
 * A region at a glance: its headline figures side by side (coordination spaces against
 * trafficking, police officers trained, high-incidence status as a tag), its spaces by level as a
 * stacked bar, the named spaces behind a disclosure, and one source line.
 *
 * @element vigia-region-card
 * @attr {string} region - INEI ubigeo code ("21") or slug ("puno"), case-insensitive.
 * @csspart figure - A headline number.
 * @csspart badge - The high-incidence tag.
 * @csspart bar - The stacked bar of spaces by level.
 * @csspart list - The bar's key.
 */
export class VigiaRegionCard extends VigiaElement<{ region: Region | null }> {
  static override properties = { region: {} };
  static override styles = [base, styles];
  /** INEI ubigeo code or slug of the region. */
  declare region: string | null;

  constructor() {
    super();
    this.region = null;
  }

  protected query(loc: Locale): Call | string {
    const code = this.region?.trim();
    if (!code) return loc.m.noRegion;
    return call(REGION_CARD, { code, lang: loc.m.api });
  }

  protected missing(data: { region: Region | null }, loc: Locale): string | null {
    return data.region ? null : loc.m.unknownRegion(this.region ?? '');
  }

  protected subject(loc: Locale): string {
    return loc.m.aboutRegion(this.region ?? '');
  }

  protected override skeleton(loc: Locale): TemplateResult {
    const { m } = loc;
    return html`<header>
        <span class="h sk sk-line">${m.cardTitle('Xxxxxxxx')}</span>
        <span class="subtitle sk sk-line">${m.cardSub('2021–2023')}</span>
      </header>
      <ul class="stats">
        <li class="stat"><span class="fig sk sk-line">00</span><span class="sk">${m.cardSpaces(2)}</span></li>
        <li class="stat"><span class="fig sk sk-line">000</span><span class="sk">${m.cardTrained('2021–2023')}</span></li>
        <li class="stat tagcell"><span class="tag sk">${m.highIncidence}</span></li>
      </ul>
      ${levelBarSkeleton(loc)}
      <p class="summary sk sk-line">${m.seeSpaces('0')}</p>
      <p class="foot"><span class="sk">${m.source}: Xxxxxxxxxx xxx Xxxxxxxx, xxx. 0000, xxxxxxx 0, 0 x 0 · ${m.csv} · Vigía</span></p>
      <p class="summary sk sk-line">${m.fullSource}</p>`;
  }

  protected renderData({ region: r }: { region: Region }, loc: Locale): View {
    const { m } = loc;
    const sum = r.coordinationSpaceSummary;
    const spaces = r.coordinationSpaces.edges.map((e) => e.node);
    const trained = r.policeTrained;
    const period = trained ? loc.period(trained.periodStart, trained.periodEnd) : '';
    const named = spaces.filter((s) => s.level !== 'REGIONAL');
    const graphic = html`<ul class="stats">
        <li class="stat">
          ${r.isFocus
            ? html`<span class="fig" part="figure">${loc.num(sum.total)}</span><span class="lab">${m.cardSpaces(sum.total)}</span>`
            : html`<span class="lab">${m.notDetailed}</span>`}
        </li>
        <li class="stat">
          ${trained
            ? html`<span class="fig" part="figure">${figureText(trained, loc)}</span><span class="lab">${m.cardTrained(period)}</span>`
            : html`<span class="lab">${m.noPoliceTrained}</span>`}
        </li>
        <li class="stat tagcell">
          <span class="tag ${r.highIncidence ? 'on' : 'off'}" part="badge">${r.highIncidence ? m.highIncidence : m.notHighIncidence}</span>
        </li>
      </ul>
      ${r.isFocus && sum.total ? levelBar(sum, loc) : nothing}`;
    const more =
      r.isFocus && spaces.length
        ? {
            label: spaces.length === 1 ? m.seeSpace : m.seeSpaces(loc.num(spaces.length)),
            body: html`<dl class="spaces">
              ${LEVELS.map((level) => {
                const here = spaces.filter((s) => s.level === level);
                return here.length
                  ? html`<dt>${m.levels[level]} (${loc.num(here.length)})</dt>
                      <dd>${level === 'REGIONAL' ? here.map((s) => s.name).join('; ') : loc.list(here.map(place))}</dd>`
                  : nothing;
              })}
            </dl>`,
          }
        : null;
    return {
      title: m.cardTitle(r.name),
      subtitle: m.cardSub(period),
      graphic,
      more,
      sources: [r.highIncidence ? r.highIncidenceSource : null, sum.source, ...sum.sources, trained?.source],
      notes: [sum.note, ...named.filter((s) => s.note).map((s) => `${place(s)}: ${s.note}`)],
      csv: trained ? { url: trained.dataset.csvUrl, title: trained.dataset.title } : null,
    };
  }
}

define('vigia-region-card', VigiaRegionCard);

declare global {
  interface HTMLElementTagNameMap {
    'vigia-region-card': VigiaRegionCard;
  }
}
