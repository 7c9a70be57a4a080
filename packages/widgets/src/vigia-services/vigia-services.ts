import { html, nothing, type TemplateResult } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import type { Source } from '../api.js';
import { VigiaElement, define, type View } from '../base.js';
import { call, type Call } from '../client.js';
import type { Locale } from '../i18n.js';
import { base } from '../styles.js';
import { SERVICES } from './operation.js';
import { styles } from './styles.js';

interface Service {
  number: number;
  name: string;
  results: { year: number; achieved: number; unit: string; executionRate: number | null; source: Source }[];
}
interface Entity {
  key: string;
  name: string;
  acronym: string;
  kind: 'SECTOR' | 'AUTONOMOUS_BODY';
  serviceCount: number;
  operationalActivityCount: number;
  units: { name: string; acronym: string | null }[];
  services: Service[];
  source: Source;
}
interface Data {
  policy: { name: string; decree: string; serviceCount: number; entityCount: number; source: Source };
  entities: Entity[];
}

const KINDS = { SECTOR: 'sectors', AUTONOMOUS_BODY: 'autonomous' } as const;

/**
 * The services of the National Policy against Trafficking to 2030, by the entity that delivers
 * them: sectors (ministries, with their units) and autonomous bodies; the results of the services
 * the source details.
 *
 * @element vigia-services
 * @attr {"sector"|"autonomous_body"} kind - Show only one kind of entity (default: both).
 * @csspart chart - Each group's bars (a list).
 * @csspart bar - Each bar.
 * @csspart figure - The detailed services' results.
 * @csspart list - The lists of entities behind the disclosure.
 */
export class VigiaServices extends VigiaElement<Data> {
  static override properties = { kind: {} };
  static override styles = [base, styles];
  /** `sector` or `autonomous_body` (case-insensitive) to show one group only. */
  declare kind: string | null;

  constructor() {
    super();
    this.kind = null;
  }

  private get kinds(): (keyof typeof KINDS)[] | undefined {
    const k = this.kind?.trim().toUpperCase().replace(/[\s-]+/g, '_');
    if (!k) return ['SECTOR', 'AUTONOMOUS_BODY'];
    return k in KINDS ? [k as keyof typeof KINDS] : undefined;
  }

  protected query(loc: Locale): Call | string {
    if (!this.kinds) return loc.m.badOption('kind', this.kind ?? '');
    // Every entity is fetched and the kind filtered here, so all service lists share one request.
    return call(SERVICES, { lang: loc.m.api });
  }

  protected missing(): null {
    return null;
  }

  protected subject(loc: Locale): string {
    return loc.m.aboutServices;
  }

  protected override skeleton(loc: Locale): TemplateResult {
    const { m } = loc;
    const kinds = this.kinds ?? ['SECTOR', 'AUTONOMOUS_BODY'];
    const rows = (n: number) =>
      html`<ol class="rows">${Array.from({ length: n }, (_, i) => html`<li><span class="lbl"><span class="sk">XXXX</span></span><span class="track"><span class="bar sk" style=${styleMap({ width: `${90 - i * 6}%` })}></span></span></li>`)}</ol>`;
    return html`<header>
        <span class="h sk sk-line">Xxxxxxxx Xxxxxxxx xxxxxx x xx Xxxxx xx Xxxxxxxx x xxx xxxxxx xx xxxxxxxxxx xx 0000</span>
        <span class="subtitle sk sk-line">00 ${m.summary(2, '00')} · Xxxxxxx Xxxxxxx X° 000-0000-XX</span>
      </header>
      ${kinds.includes('SECTOR') ? html`<p class="grp"><span class="sk">${m.sectors}</span></p>${rows(11)}` : nothing}
      ${kinds.includes('AUTONOMOUS_BODY') ? html`<p class="grp"><span class="sk">${m.autonomous}</span></p>${rows(4)}` : nothing}
      <ul class="key"><li><span class="sk">${m.keyServices} · ${m.keyActivity}</span></li></ul>
      <div class="results">
        <p class="grp"><span class="sk">${m.detailed}</span></p>
        <ul class="stats">
          ${[1, 2].map(() => html`<li class="stat"><span class="fig sk sk-line">0,000</span><span class="sk">xxxxxxxxx xxxxxxxx xx 0000 · 000.0% xx xxxxxxxx · Xxxxxxxx 0 · XXXXXXXX</span></li>`)}
        </ul>
      </div>
      <p class="summary sk sk-line">${m.seeEntities('00')}</p>
      <p class="foot"><span class="sk">${m.source}: Xxxxxxxxxx xxx Xxxxxxxx, xxx. 0000, xxxxxxx 0 x 0 · Vigía</span></p>
      <p class="summary sk sk-line">${m.fullSource}</p>`;
  }

  protected renderData({ policy, entities }: Data, loc: Locale): View {
    const { m } = loc;
    const kinds = this.kinds!;
    const groups = kinds.map((kind) => [kind, entities.filter((e) => e.kind === kind)] as const);
    const shown = groups.flatMap(([, list]) => list);
    const detailed = shown.flatMap((e) => e.services.filter((s) => s.results.length).map((s) => [e, s] as const));
    const max = Math.max(1, ...shown.map((e) => e.serviceCount || e.operationalActivityCount));
    const count = (e: Entity) =>
      e.serviceCount || !e.operationalActivityCount
        ? m.services(e.serviceCount, loc.num(e.serviceCount))
        : m.activities(e.operationalActivityCount, loc.num(e.operationalActivityCount));
    const sorted = (list: readonly Entity[]) =>
      [...list].sort((a, b) => b.serviceCount - a.serviceCount || b.operationalActivityCount - a.operationalActivityCount);
    const anyActivity = shown.some((e) => !e.serviceCount && e.operationalActivityCount);
    const graphic = html`${groups.map(
        ([kind, list]) => html`<p class="grp" id="g-${kind}">${m[KINDS[kind]]} (${loc.num(list.length)})</p>
          <ol class="rows ${kind === 'SECTOR' ? 'sc' : 'ab'}" part="chart" aria-labelledby="g-${kind}">
            ${sorted(list).map((e) => {
              const activity = !e.serviceCount && e.operationalActivityCount > 0;
              const n = e.serviceCount || e.operationalActivityCount;
              return html`<li>
                <span class="lbl" aria-hidden="true">${e.acronym}</span>
                <span class="track" aria-hidden="true">
                  <span part="bar" class="bar ${activity ? 'act' : ''}" style=${styleMap({ width: `${(n / max) * 82}%` })}></span>
                  <span class="num">${activity ? count(e) : loc.num(n)}</span>
                </span>
                <span class="vh">${e.name} (${e.acronym}): ${count(e)}</span>
              </li>`;
            })}
          </ol>`,
      )}
      <ul class="key" aria-hidden="true">
        ${kinds.map((k) => html`<li><span class="sw ${k === 'SECTOR' ? 'sv' : 'ab'}"></span>${m.keyServices}: ${m[KINDS[k]].toLowerCase()}</li>`)}
        ${anyActivity ? html`<li><span class="sw act"></span>${m.keyActivity}</li>` : nothing}
      </ul>
      ${detailed.length
        ? html`<div class="results">
            <p class="grp">${m.detailed}</p>
            <ul class="stats">
              ${detailed.flatMap(([e, s]) =>
                s.results.map(
                  (r) => html`<li class="stat">
                    <span class="fig" part="figure">${loc.num(r.achieved)}</span>
                    <span class="lab">${m.resultUnit(r.unit, String(r.year))}${r.executionRate != null
                        ? html` · <strong>${m.execution(loc.pct(r.executionRate))}</strong>`
                        : nothing}
                      · ${m.serviceNumber(loc.num(s.number))} (${e.acronym})</span>
                  </li>`,
                ),
              )}
            </ul>
          </div>`
        : nothing}`;
    const body = html`${groups.map(
        ([kind, list]) => html`<p class="grp">${m[KINDS[kind]]}</p>
          <ul class="ents" part="list">
            ${list.map(
              (e) => html`<li>
                <strong>${e.name}</strong> (${e.acronym}): <span class="num">${count(e)}</span>
                ${e.units.length
                  ? html`<br /><span class="muted">${m.includes(loc.list(e.units.map((u) => (u.acronym ? `${u.name} (${u.acronym})` : u.name))))}</span>`
                  : nothing}
              </li>`,
            )}
          </ul>`,
      )}
      ${detailed.length
        ? html`<p class="grp">${m.detailed}</p>
            <ul class="ents">
              ${detailed.map(
                ([, s]) => html`<li>
                  <strong>${m.serviceNumber(loc.num(s.number))}</strong>: ${s.name}.
                  ${s.results.map(
                    (r) => html`<span class="num">${m.result(loc.num(r.achieved), r.unit, String(r.year))}</span>${r.executionRate != null
                        ? html` (${m.execution(loc.pct(r.executionRate))})`
                        : nothing}.`,
                  )}
                </li>`,
              )}
            </ul>`
        : nothing}`;
    return {
      title: policy.name,
      subtitle: html`${loc.num(policy.serviceCount)} ${m.summary(policy.serviceCount, loc.num(policy.entityCount))} · ${policy.decree}`,
      graphic,
      more: { label: m.seeEntities(loc.num(shown.length)), body },
      sources: [policy.source, ...shown.map((e) => e.source), ...detailed.flatMap(([, s]) => s.results.map((r) => r.source))],
    };
  }
}

define('vigia-services', VigiaServices);

declare global {
  interface HTMLElementTagNameMap {
    'vigia-services': VigiaServices;
  }
}
