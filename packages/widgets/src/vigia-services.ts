import { html, nothing, type TemplateResult } from 'lit';
import type { Source } from './api.js';
import { VigiaElement, define } from './base.js';
import { call, type Call } from './client.js';
import type { Locale } from './i18n.js';
import { SERVICES } from './operations.js';

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
 * @attr {string} endpoint - GraphQL endpoint URL.
 * @attr {"es"|"en"} lang - Language (default `es`).
 * @attr {number} heading-level - Heading level of the title, 2–6 (default 2).
 * @csspart card - The card box.
 * @csspart title - The policy's name.
 * @csspart subtitle - Group headings.
 * @csspart figure - Headline numbers.
 * @csspart list - Lists of entities.
 * @csspart source - Source lines.
 * @csspart link - Links.
 * @csspart skeleton - Loading placeholder.
 * @csspart error - Error message.
 * @csspart retry - Retry button.
 */
export class VigiaServices extends VigiaElement<Data> {
  static override properties = { kind: {} };
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

  protected renderData({ policy, entities }: Data, loc: Locale): TemplateResult {
    const { m } = loc;
    const detailed = entities.flatMap((e) => e.services.filter((s) => s.results.length));
    const groups = this.kinds!.map((kind) => [kind, entities.filter((e) => e.kind === kind)] as const);
    return html`${this.heading(policy.name)}
      <p>
        <span class="figure" part="figure">${loc.num(policy.serviceCount)}</span>
        ${m.summary(policy.serviceCount, loc.num(policy.entityCount))}
        <span class="muted">(${policy.decree})</span>
      </p>
      ${this.source(loc, policy.source)}
      ${groups.map(
        ([kind, list]) => html`${this.heading(m[KINDS[kind]], true)}
          <ul part="list">
            ${list.map(
              (e) => html`<li>
                <strong>${e.name}</strong> (${e.acronym}):
                ${e.serviceCount || !e.operationalActivityCount
                  ? html`<span class="num">${m.services(e.serviceCount, loc.num(e.serviceCount))}</span>`
                  : nothing}
                ${e.operationalActivityCount
                  ? html`<span class="num">${m.activities(e.operationalActivityCount, loc.num(e.operationalActivityCount))}</span>`
                  : nothing}
                ${e.units.length
                  ? html`<br /><span class="muted"
                        >${m.includes(loc.list(e.units.map((u) => (u.acronym ? `${u.name} (${u.acronym})` : u.name))))}</span
                      >`
                  : nothing}
              </li>`,
            )}
          </ul>`,
      )}
      ${this.sources(loc, groups.flatMap(([, list]) => list.map((e) => e.source)))}
      ${detailed.length
        ? html`${this.heading(m.detailed, true)}
            <ul part="list">
              ${detailed.map(
                (s) => html`<li>
                  <strong>${m.serviceNumber(loc.num(s.number))}</strong>: ${s.name}
                  <ul>
                    ${s.results.map(
                      (r) => html`<li>
                        <span class="num">${m.result(loc.num(r.achieved), r.unit, String(r.year))}</span>${r.executionRate != null
                          ? html` (${m.execution(loc.pct(r.executionRate))})`
                          : nothing}
                      </li>`,
                    )}
                  </ul>
                </li>`,
              )}
            </ul>
            ${this.sources(loc, detailed.flatMap((s) => s.results.map((r) => r.source)))}`
        : nothing}`;
  }
}

define('vigia-services', VigiaServices);

declare global {
  interface HTMLElementTagNameMap {
    'vigia-services': VigiaServices;
  }
}
