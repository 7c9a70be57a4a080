/**
 * How the embeds word their figures, in Spanish and English: the texts, numbers as each
 * language writes them, and the source line under every figure.
 */
import type { Lang } from './params.js';

/** A figure's source, as the embeds' GraphQL documents ask for it. */
export interface SourceData {
  title: string;
  publisher: string;
  publishedOn: string;
  section: string;
  slide: number | null;
}

const WORDS = {
  es: {
    source: 'Fuente',
    slide: (n: string) => `lámina ${n}`,
    slides: (n: string) => `láminas ${n}`,
    pending: 'Datos pendientes',
    levels: ['Regionales', 'Provinciales', 'Distritales', 'De centro poblado'],
    local: 'Locales (provinciales, distritales y de centro poblado)',
    total: 'Total',
    unknownRegion: (c: string) => `No encontramos la región «${c}» en Vigía.`,
    unknownKey: (c: string) => `No encontramos el indicador o conjunto de datos «${c}» en Vigía.`,
    cardTitle: (name: string) => `${name} frente a la trata de personas`,
    cardSub: (period: string) => `Espacios de coordinación y efectivos policiales capacitados${period ? ` (${period})` : ''}`,
    cardSpaces: 'espacios de coordinación contra la trata',
    cardTrained: (period: string) => `Efectivos policiales capacitados, ${period}`,
    noPoliceTrained: 'La fuente no da efectivos policiales capacitados para esta región.',
    notDetailed: 'La fuente no detalla espacios de coordinación para esta región.',
    highIncidence: 'Región de alta incidencia de trata de personas',
    notHighIncidence: 'La fuente no la señala como región de alta incidencia',
    counterTitle: 'Espacios de coordinación contra la trata de personas',
    levelWords: { regional: 'regionales', provincial: 'provinciales', district: 'distritales', populated_center: 'de centro poblado' } as Record<string, string>,
    spaces: (level?: string) => `espacios de coordinación${level ? ` ${WORDS.es.levelWords[level]}` : ''} contra la trata de personas`,
    ofTotal: (t: string) => `de ${t} en total`,
    inRegion: (n: string) => `En ${n}`,
    inFocus: (n: string) => `En ${n} (las regiones del informe)`,
    national: 'En todo el país, según los totales nacionales que reporta la fuente',
    servicesSummary: (e: string) => `servicios a cargo de ${e} entidades`,
    sectors: 'Sectores',
    autonomous: 'Organismos autónomos',
    services: (n: string) => `${n} ${n === '1' ? 'servicio' : 'servicios'}`,
    activities: (n: string) => `${n} ${n === '1' ? 'actividad operativa' : 'actividades operativas'}`,
    result: (n: number, who: string, achieved: string, unit: string, year: string, rate: string | null) =>
      `Servicio ${n} (${who}): ${achieved} ${unit} en ${year}${rate ? `, ${rate} de ejecución` : ''}`,
    and: ' y ',
    mapTitle: {
      'police-trained': 'Efectivos policiales capacitados en trata de personas, por región',
      'coordination-spaces': 'Espacios de coordinación contra la trata, por región',
      'high-incidence': 'Regiones de alta incidencia de trata de personas',
    } as Record<string, string>,
    mapSub: (period: string) => `Las cinco regiones del informe${period ? `, ${period}` : ''}`,
    yes: 'Sí',
    no: 'No',
    noValue: 'sin dato',
    period: (a: string, b: string) => (a === b ? a : `${a}–${b}`),
  },
  en: {
    source: 'Source',
    slide: (n: string) => `slide ${n}`,
    slides: (n: string) => `slides ${n}`,
    pending: 'Data pending',
    levels: ['Regional', 'Provincial', 'District', 'Populated centre'],
    local: 'Local (provincial, district and populated centre)',
    total: 'Total',
    unknownRegion: (c: string) => `Vigía has no region “${c}”.`,
    unknownKey: (c: string) => `Vigía has no indicator or dataset “${c}”.`,
    cardTitle: (name: string) => `${name}: the response to trafficking in persons`,
    cardSub: (period: string) => `Coordination spaces and police officers trained${period ? ` (${period})` : ''}`,
    cardSpaces: 'coordination spaces against trafficking',
    cardTrained: (period: string) => `Police officers trained, ${period}`,
    noPoliceTrained: 'The source gives no police officers trained for this region.',
    notDetailed: 'The source does not detail coordination spaces for this region.',
    highIncidence: 'High-incidence region for trafficking in persons',
    notHighIncidence: 'The source does not name it a high-incidence region',
    counterTitle: 'Coordination spaces against trafficking in persons',
    levelWords: { regional: 'regional', provincial: 'provincial', district: 'district', populated_center: 'populated-centre' } as Record<string, string>,
    spaces: (level?: string) => `${level ? `${WORDS.en.levelWords[level]} ` : ''}coordination spaces against trafficking in persons`,
    ofTotal: (t: string) => `of ${t} in all`,
    inRegion: (n: string) => `In ${n}`,
    inFocus: (n: string) => `In ${n} (the briefing’s regions)`,
    national: 'Nationwide, as the national totals reported by the source',
    servicesSummary: (e: string) => `services delivered by ${e} entities`,
    sectors: 'Sectors',
    autonomous: 'Autonomous bodies',
    services: (n: string) => `${n} ${n === '1' ? 'service' : 'services'}`,
    activities: (n: string) => `${n} ${n === '1' ? 'operational activity' : 'operational activities'}`,
    result: (n: number, who: string, achieved: string, unit: string, year: string, rate: string | null) =>
      `Service ${n} (${who}): ${achieved} ${unit} in ${year}${rate ? `, ${rate} of target` : ''}`,
    and: ' and ',
    mapTitle: {
      'police-trained': 'Police officers trained on trafficking in persons, by region',
      'coordination-spaces': 'Coordination spaces against trafficking, by region',
      'high-incidence': 'High-incidence regions for trafficking in persons',
    } as Record<string, string>,
    mapSub: (period: string) => `The briefing’s five regions${period ? `, ${period}` : ''}`,
    yes: 'Yes',
    no: 'No',
    noValue: 'no figure',
    period: (a: string, b: string) => (a === b ? a : `${a}–${b}`),
  },
};
export type Words = (typeof WORDS)['es'];
export const wordsFor = (lang: Lang): Words => WORDS[lang];

const intlTag = (lang: Lang) => (lang === 'es' ? 'es-PE' : 'en');
export const formatNumber = (n: number, lang: Lang) => new Intl.NumberFormat(intlTag(lang), { maximumFractionDigits: 1 }).format(n);

/**
 * The source line and the full citation of a figure's sources: every document once, its slides
 * merged — "Fuente: Ministerio del Interior, feb. 2024, láminas 2, 8 y 9", as the widget's footer.
 */
export function sourceLine(w: Words, sources: (SourceData | null | undefined)[]): { source: string; citation: string } {
  const byDoc = new Map<string, { s: SourceData; slides: Set<number>; sections: Set<string> }>();
  for (const s of sources) {
    if (!s) continue;
    const k = `${s.publisher}\u0000${s.title}`;
    let entry = byDoc.get(k);
    if (!entry) byDoc.set(k, (entry = { s, slides: new Set(), sections: new Set() }));
    if (s.slide !== null) entry.slides.add(s.slide);
    else if (s.section) entry.sections.add(s.section);
  }
  const list = new Intl.ListFormat(w === WORDS.en ? 'en' : 'es', { type: 'conjunction' });
  const month = new Intl.DateTimeFormat(w === WORDS.en ? 'en' : 'es-PE', { month: 'short', year: 'numeric', timeZone: 'UTC' });
  const short: string[] = [];
  const full: string[] = [];
  for (const { s, slides, sections } of byDoc.values()) {
    const sorted = [...slides].sort((a, b) => a - b).map(String);
    const where = sorted.length ? (sorted.length === 1 ? w.slide(sorted[0]!) : w.slides(list.format(sorted))) : [...sections].join('; ');
    const date = /^\d{4}-\d{2}/.test(s.publishedOn) ? month.format(new Date(`${s.publishedOn.slice(0, 7)}-01T00:00:00Z`)) : s.publishedOn;
    short.push([s.publisher.split(' — ')[0], date, where].filter(Boolean).join(', '));
    full.push([s.publisher, s.title, date, where].filter(Boolean).join(', '));
  }
  if (!short.length) return { source: '', citation: '' };
  return { source: `${w.source}: ${short.join(' · ')}`, citation: `${w.source}: ${full.join(' · ')}` };
}
