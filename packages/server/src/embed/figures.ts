/**
 * The figures of each element, for the server-rendered fallback, the images and oEmbed: the same
 * data and the same suppression an anonymous reader gets from the API. Each element's question is
 * a GraphQL document run in-process against the API's own schema, over the in-memory snapshot
 * (`readModel.current()`), as an anonymous caller: no SQL, no second implementation of the rules
 * (a small victim count comes back as its `displayValue`, "< 5", never as the number).
 */
import { graphql } from 'graphql';
import type { PrismaClient } from '@vigia/schema';
import type { Context } from '../context.js';
import type { ReadModel } from '../read-model/read-model.js';
import { schema } from '../graphql/index.js';
import type { EmbedTarget, Lang } from './params.js';
import { formatNumber, sourceLine, wordsFor, type SourceData, type Words } from './words.js';

/** One row of figures: a label and the value as text (already formatted, or "< 5", or pending). */
export interface FigureRow {
  label: string;
  value: string;
  /** The number behind `value`, for bars; null when suppressed, pending or not a number. */
  amount: number | null;
}

/** What every embed shows, whatever its format. */
export interface Figure {
  title: string;
  subtitle: string;
  /** The headline figure, when the element has one. */
  headline?: { value: string; label: string };
  rows: FigureRow[];
  /** Draw rows as bars (charts, maps). */
  bars: boolean;
  /** Short lines under the figures (high incidence, pending reason). */
  notes: string[];
  /** The one source line, as the widget writes it: "Fuente: Ministerio del Interior, feb. 2024, láminas 2, 8 y 9". */
  source: string;
  /** The full citation: publisher, document title, date, slides. */
  citation: string;
  /** Description for Open Graph and oEmbed: the title with the headline. */
  description: string;
  /** Keys of the datasets behind the figures shown (their citations and schema.org Dataset); none for services. */
  datasets: string[];
}

export type FigureResult = { found: true; figure: Figure } | { found: false; message: string };

interface Obs {
  label: string;
  value: number | null;
  displayValue: string;
  suppressed: boolean;
  unit: string;
  periodStart: string;
  periodEnd: string;
  region: { name: string } | null;
  source: SourceData;
  dataset: { key: string };
}
interface Summary {
  regional: number;
  provincial: number;
  district: number;
  populatedCenter: number;
  local: number;
  total: number;
  note: string | null;
  source: SourceData | null;
  sources: SourceData[];
  dataset: { key: string } | null;
}
interface DatasetData {
  key: string;
  title: string;
  description: string;
  unit: string;
  status: string;
  pendingReason: string | null;
  periodStart: string | null;
  periodEnd: string | null;
  source: SourceData;
  observations: Obs[];
}

const FRAGMENTS = `
fragment S on Source { title publisher publishedOn section slide }
fragment O on Indicator { label(lang: $lang) value displayValue suppressed unit periodStart periodEnd region { name } source { ...S } dataset { key } }
fragment Sum on CoordinationSpaceSummary { regional provincial district populatedCenter local total note(lang: $lang) source { ...S } sources { ...S } dataset { key } }
fragment D on Dataset { key title(lang: $lang) description(lang: $lang) unit status pendingReason(lang: $lang) periodStart periodEnd source { ...S } observations { ...O } }`;

const Q = {
  regionCard: `query($code: String!, $lang: Lang!) { region(code: $code) { name highIncidence highIncidenceSource { ...S } coordinationSpaceSummary { ...Sum } policeTrained { ...O } } }`,
  regionCounter: `query($code: String!, $lang: Lang!) { region(code: $code) { name coordinationSpaceSummary { ...Sum } } }`,
  focusCounter: `query($lang: Lang!) { summary: coordinationSpaceSummary { ...Sum } regions(focus: true) { name } }`,
  nationalCounter: `query($lang: Lang!) { summary: nationalCoordinationTotals { ...Sum } }`,
  services: `query($lang: Lang!) { policy { name(lang: $lang) decree serviceCount entityCount source { ...S } } entities { name acronym kind serviceCount operationalActivityCount source { ...S } services { number results { year achieved unit(lang: $lang) executionRate source { ...S } } } } }`,
  indicator: `query($key: String!, $lang: Lang!) { indicator(key: $key) { ...O dataset { title(lang: $lang) } } dataset(key: $key) { ...D } }`,
  dataset: `query($key: String!, $lang: Lang!) { dataset(key: $key) { ...D } }`,
  regionMap: `query($lang: Lang!) { regions(focus: true) { name highIncidence highIncidenceSource { ...S } policeTrained { ...O } coordinationSpaceSummary { total source { ...S } } } }`,
};

export interface FigureSource {
  prisma: PrismaClient;
  readModel: ReadModel;
}

/** Runs one document as an anonymous reader of the current snapshot. */
async function ask<T>(from: FigureSource, baseUrl: string, document: string, variables: Record<string, unknown>): Promise<T> {
  const used = FRAGMENTS.split('\nfragment ')
    .filter(Boolean)
    .map((f) => (f.startsWith('fragment ') ? f : `fragment ${f}`).trim());
  // Only the fragments the document uses (GraphQL refuses unused ones), transitively.
  const names = new Set<string>();
  const visit = (text: string) => {
    for (const [, n] of text.matchAll(/\.\.\.(\w+)/g)) {
      if (names.has(n!)) continue;
      names.add(n!);
      visit(used.find((f) => f.startsWith(`fragment ${n} `))!);
    }
  };
  visit(document);
  const source = [document, ...used.filter((f) => names.has(/^fragment (\w+)/.exec(f)![1]!))].join('\n');
  const context: Context = {
    request: new Request(new URL('/graphql', baseUrl)),
    prisma: from.prisma,
    caller: null,
    snapshot: await from.readModel.current(),
    readModel: from.readModel,
  };
  const result = await graphql({ schema, source, variableValues: variables, contextValue: context });
  if (result.errors?.length) throw new Error(`Embed query failed: ${result.errors.map((e) => e.message).join('; ')}`);
  return result.data as T;
}

/** An observation's value as a reader sees it: formatted, "< 5" when suppressed, "%" kept. */
function shown(o: Pick<Obs, 'value' | 'displayValue' | 'unit'>, lang: Lang): { value: string; amount: number | null } {
  if (o.value === null) return { value: o.displayValue, amount: null };
  const text = formatNumber(o.value, lang);
  return { value: o.unit === '%' ? `${text}%` : text, amount: o.value };
}

const year = (iso: string | null) => (iso ?? '').slice(0, 4);
const periodOf = (w: Words, start: string | null, end: string | null) => (start && end ? w.period(year(start), year(end)) : '');

const summaryRows = (w: Words, s: Summary, lang: Lang): FigureRow[] =>
  [s.regional, s.provincial, s.district, s.populatedCenter].map((n, i) => ({ label: w.levels[i]!, value: formatNumber(n, lang), amount: n }));

const LEVEL_FIELD: Record<string, keyof Summary> = { regional: 'regional', provincial: 'provincial', district: 'district', populated_center: 'populatedCenter' };

/** The figures of one embed, or why there are none (an unknown region or key: a 404). */
export async function figuresFor(from: FigureSource, baseUrl: string, target: EmbedTarget): Promise<FigureResult> {
  const { lang, attrs } = target;
  const w = wordsFor(lang);
  const apiLang = lang.toUpperCase();
  const ask$ = <T>(doc: string, vars: Record<string, unknown> = {}) => ask<T>(from, baseUrl, doc, { lang: apiLang, ...vars });
  const make = (f: Omit<Figure, 'description' | 'datasets'> & { datasets?: (string | null | undefined)[] }): FigureResult => ({
    found: true,
    figure: { ...f, datasets: [...new Set(f.datasets?.filter((k): k is string => !!k))], description: f.headline ? `${f.title}: ${f.headline.value} ${f.headline.label}. ${f.subtitle}` : `${f.title}. ${f.subtitle}` },
  });

  switch (target.element) {
    case 'region-card': {
      const code = attrs.get('region')!;
      const { region } = await ask$<{ region: { name: string; highIncidence: boolean; highIncidenceSource: SourceData | null; coordinationSpaceSummary: Summary; policeTrained: Obs | null } | null }>(Q.regionCard, { code });
      if (!region) return { found: false, message: w.unknownRegion(code) };
      const s = region.coordinationSpaceSummary;
      const p = region.policeTrained;
      const period = p ? periodOf(w, p.periodStart, p.periodEnd) : '';
      const rows = s.total > 0 ? summaryRows(w, s, lang) : [];
      if (p) rows.push({ label: w.cardTrained(period), ...shown(p, lang) });
      const notes = [region.highIncidence ? w.highIncidence : w.notHighIncidence];
      if (s.total === 0) notes.push(w.notDetailed);
      if (!p) notes.push(w.noPoliceTrained);
      return make({
        title: w.cardTitle(region.name),
        subtitle: w.cardSub(period),
        // A region the source does not detail has no count to headline (its notes say so).
        ...(s.total > 0 ? { headline: { value: formatNumber(s.total, lang), label: w.cardSpaces } } : {}),
        rows,
        bars: false,
        notes,
        ...sourceLine(w, [s.source, ...s.sources, p?.source, region.highIncidence ? region.highIncidenceSource : null]),
        datasets: [p?.dataset.key, s.dataset?.key],
      });
    }
    case 'coordination-counter': {
      const level = attrs.get('level');
      let summary: Summary;
      let where: string;
      if (attrs.has('national')) {
        summary = (await ask$<{ summary: Summary }>(Q.nationalCounter)).summary;
        where = w.national;
      } else if (attrs.has('region')) {
        const code = attrs.get('region')!;
        const { region } = await ask$<{ region: { name: string; coordinationSpaceSummary: Summary } | null }>(Q.regionCounter, { code });
        if (!region) return { found: false, message: w.unknownRegion(code) };
        summary = region.coordinationSpaceSummary;
        where = w.inRegion(region.name);
      } else {
        const data = await ask$<{ summary: Summary; regions: { name: string }[] }>(Q.focusCounter);
        summary = data.summary;
        const names = data.regions.map((r) => r.name);
        where = w.inFocus(names.length > 1 ? `${names.slice(0, -1).join(', ')}${w.and}${names.at(-1)}` : names.join(''));
      }
      const count = level ? (summary[LEVEL_FIELD[level]!] as number) : summary.total;
      return make({
        title: w.counterTitle,
        subtitle: where,
        headline: { value: formatNumber(count, lang), label: w.spaces(level) + (level ? ` (${w.ofTotal(formatNumber(summary.total, lang))})` : '') },
        rows: [...summaryRows(w, summary, lang), { label: w.local, value: formatNumber(summary.local, lang), amount: summary.local }, { label: w.total, value: formatNumber(summary.total, lang), amount: summary.total }],
        bars: false,
        notes: summary.note ? [summary.note] : [],
        ...sourceLine(w, [summary.source, ...summary.sources]),
        datasets: [summary.dataset?.key],
      });
    }
    case 'services': {
      const kind = attrs.get('kind')?.toUpperCase();
      type Result = { year: number; achieved: number; unit: string; executionRate: number | null; source: SourceData };
      const data = await ask$<{
        policy: { name: string; decree: string; serviceCount: number; entityCount: number; source: SourceData };
        entities: { name: string; acronym: string; kind: string; serviceCount: number; operationalActivityCount: number; source: SourceData; services: { number: number; results: Result[] }[] }[];
      }>(Q.services);
      const entities = data.entities.filter((e) => !kind || e.kind === kind);
      // The results the source details (a service, a year, what was achieved, the execution rate).
      const results = entities.flatMap((e) => e.services.flatMap((s) => s.results.map((r) => ({ ...r, number: s.number, acronym: e.acronym || e.name }))));
      const count = kind ? entities.reduce((n, e) => n + e.serviceCount, 0) : data.policy.serviceCount;
      return make({
        title: kind ? (kind === 'SECTOR' ? w.sectors : w.autonomous) + ` — ${data.policy.name}` : data.policy.name,
        subtitle: data.policy.decree,
        headline: { value: formatNumber(count, lang), label: w.servicesSummary(formatNumber(kind ? entities.length : data.policy.entityCount, lang)) },
        rows: entities.map((e) => ({
          label: e.acronym && e.acronym !== e.name ? `${e.name} (${e.acronym})` : e.name,
          // INEI has an operational activity, not a service: said in words, drawn without a bar.
          ...(e.serviceCount === 0 && e.operationalActivityCount > 0
            ? { value: w.activities(formatNumber(e.operationalActivityCount, lang)), amount: null }
            : { value: w.services(formatNumber(e.serviceCount, lang)), amount: e.serviceCount }),
        })),
        bars: true,
        notes: results.map((r) => w.result(r.number, r.acronym, formatNumber(r.achieved, lang), r.unit, String(r.year), r.executionRate === null ? null : `${formatNumber(r.executionRate, lang)}%`)),
        ...sourceLine(w, [data.policy.source, ...entities.map((e) => e.source), ...results.map((r) => r.source)]),
      });
    }
    case 'indicator': {
      const key = attrs.get('key')!;
      const data = await ask$<{ indicator: (Obs & { dataset: { title: string } }) | null; dataset: DatasetData | null }>(Q.indicator, { key });
      if (data.indicator) {
        const o = data.indicator;
        const v = shown(o, lang);
        const unit = o.unit === '%' ? '' : o.unit;
        return make({
          title: o.label,
          subtitle: [o.region?.name, periodOf(w, o.periodStart, o.periodEnd)].filter(Boolean).join(', '),
          headline: { value: v.value, label: unit },
          rows: [],
          bars: false,
          notes: [o.dataset.title],
          ...sourceLine(w, [o.source]),
          datasets: [o.dataset.key],
        });
      }
      if (data.dataset) return datasetFigure(w, lang, data.dataset, make);
      return { found: false, message: w.unknownKey(key) };
    }
    case 'training-chart': {
      const key = attrs.get('dataset') ?? 'police-officers-trained-2021-2023';
      const { dataset } = await ask$<{ dataset: DatasetData | null }>(Q.dataset, { key });
      if (!dataset) return { found: false, message: w.unknownKey(key) };
      const result = datasetFigure(w, lang, dataset, make);
      if (result.found && attrs.get('sort') !== 'source') result.figure.rows.sort((a, b) => (b.amount ?? -1) - (a.amount ?? -1));
      return result;
    }
    case 'region-map': {
      const metric = attrs.get('metric') ?? 'police-trained';
      const { regions } = await ask$<{ regions: { name: string; highIncidence: boolean; highIncidenceSource: SourceData | null; policeTrained: Obs | null; coordinationSpaceSummary: { total: number; source: SourceData | null } }[] }>(Q.regionMap);
      let rows: FigureRow[];
      let sources: (SourceData | null | undefined)[];
      let period = '';
      if (metric === 'police-trained') {
        rows = regions.map((r) => ({ label: r.name, ...(r.policeTrained ? shown(r.policeTrained, lang) : { value: w.noValue, amount: null }) }));
        sources = regions.map((r) => r.policeTrained?.source);
        const p = regions.find((r) => r.policeTrained)?.policeTrained;
        if (p) period = periodOf(w, p.periodStart, p.periodEnd);
      } else if (metric === 'coordination-spaces') {
        rows = regions.map((r) => ({ label: r.name, value: formatNumber(r.coordinationSpaceSummary.total, lang), amount: r.coordinationSpaceSummary.total }));
        sources = regions.map((r) => r.coordinationSpaceSummary.source);
      } else {
        rows = regions.map((r) => ({ label: r.name, value: r.highIncidence ? w.yes : w.no, amount: null }));
        sources = regions.map((r) => (r.highIncidence ? r.highIncidenceSource : null));
      }
      const datasets = metric === 'police-trained' ? regions.map((r) => r.policeTrained?.dataset.key) : [];
      return make({ title: w.mapTitle[metric]!, subtitle: w.mapSub(period), rows, bars: metric !== 'high-incidence', notes: [], ...sourceLine(w, sources), datasets });
    }
  }
}

function datasetFigure(w: Words, lang: Lang, d: DatasetData, make: (f: Omit<Figure, 'description' | 'datasets'> & { datasets?: string[] }) => FigureResult): FigureResult {
  const period = periodOf(w, d.periodStart, d.periodEnd);
  if (d.observations.length === 0) {
    // Figures the source shows only as a chart image: no numbers, ever.
    return make({ title: d.title, subtitle: period, headline: { value: w.pending, label: '' }, rows: [], bars: false, notes: d.pendingReason ? [d.pendingReason] : [], ...sourceLine(w, [d.source]), datasets: [d.key] });
  }
  // A dataset by region (the training chart) is labelled by region, as the widget's bars are, and
  // its one figure for all of them (the five regions' total) is the headline.
  const regional = d.observations.filter((o) => o.region);
  const others = d.observations.filter((o) => !o.region);
  const byRegion = regional.length > 1 && others.length <= 1 && new Set(regional.map((o) => o.region!.name)).size === regional.length;
  const total = byRegion ? others[0] : undefined;
  return make({
    title: d.title,
    subtitle: period,
    ...(total ? { headline: { value: shown(total, lang).value, label: total.label } } : {}),
    rows: (byRegion ? regional : d.observations).map((o) => ({ label: byRegion ? o.region!.name : o.label, ...shown(o, lang) })),
    bars: d.unit !== '%',
    notes: [],
    ...sourceLine(w, [d.source, ...d.observations.map((o) => o.source)]),
    datasets: [d.key],
  });
}
