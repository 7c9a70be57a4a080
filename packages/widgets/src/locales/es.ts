/**
 * Spanish, the default language, and the shape every other language must fill.
 * A new language is one file like `en.ts` registered in `../i18n.ts`, or `registerLocale()` at run time.
 */
const pl = (n: number, one: string, many: string) => (n === 1 ? one : many);

const levelAdjective = {
  REGIONAL: ['regional', 'regionales'],
  PROVINCIAL: ['provincial', 'provinciales'],
  DISTRICT: ['distrital', 'distritales'],
  POPULATED_CENTER: ['de centro poblado', 'de centro poblado'],
} as const;

export const es = {
  /** BCP 47 tag for Intl formatting. */
  intl: 'es-PE',
  /** Which `Lang` the API writes prose in for this language. */
  api: 'ES' as 'ES' | 'EN',

  loading: 'Cargando datos de Vigía…',
  error: 'No se pudieron cargar los datos de Vigía. Revisa tu conexión e inténtalo de nuevo.',
  retry: 'Reintentar',
  badEndpoint: 'La dirección del servicio de datos (atributo endpoint) no es válida.',
  source: 'Fuente',
  slide: (n: string) => `lámina ${n}`,
  cites: (work: string) => `que cita: ${work}`,
  quoted: (text: string) => `«${text}»`,
  csv: 'Explorar los datos (CSV)',
  csvOf: (what: string) => `Descargar en CSV: ${what}`,
  pending: 'Datos pendientes',
  noValue: 'sin dato',
  note: 'Nota de la fuente',
  period: 'Periodo',
  showTable: 'Ver los datos como tabla',

  noRegion: 'Falta indicar la región (atributo region, por ejemplo region="puno").',
  unknownRegion: (code: string) => `No encontramos la región «${code}» en Vigía.`,
  noKey: 'Falta indicar el indicador (atributo key).',
  unknownIndicator: (key: string) => `No encontramos el indicador «${key}» en Vigía.`,
  unknownDataset: (key: string) => `No encontramos el conjunto de datos «${key}» en Vigía.`,
  badLevel: (value: string) =>
    `El nivel «${value}» no existe: usa regional, provincial, district o populated_center.`,
  badOption: (name: string, value: string) => `El valor «${value}» del atributo ${name} no es válido.`,

  levels: {
    REGIONAL: 'Regionales',
    PROVINCIAL: 'Provinciales',
    DISTRICT: 'Distritales',
    POPULATED_CENTER: 'De centro poblado',
  },
  local: 'Locales (provinciales, distritales y de centro poblado)',
  total: 'Total',
  spaces: (n: number, level?: keyof typeof levelAdjective) =>
    pl(n, 'espacio de coordinación', 'espacios de coordinación') +
    (level ? ` ${levelAdjective[level][n === 1 ? 0 : 1]}` : '') +
    ' contra la trata de personas',
  coordinationTitle: 'Espacios de coordinación contra la trata de personas',
  inRegion: (name: string) => `En ${name}`,
  inFocus: (names: string) => `En ${names} (las regiones del informe)`,
  national: 'En todo el país, según los totales nacionales que reporta la fuente',
  byLevel: 'Por nivel',
  notDetailed: 'La fuente no detalla espacios de coordinación para esta región.',

  highIncidence: 'Región de alta incidencia de trata de personas',
  notHighIncidence: 'La fuente no la señala como región de alta incidencia',
  policeTrained: 'Efectivos policiales capacitados',
  noPoliceTrained: 'La fuente no da efectivos policiales capacitados para esta región.',

  summary: (n: number, entities: string) => `${pl(n, 'servicio', 'servicios')} a cargo de ${entities} entidades`,
  sectors: 'Sectores',
  autonomous: 'Organismos autónomos',
  services: (n: number, text: string) => `${text} ${pl(n, 'servicio', 'servicios')}`,
  activities: (n: number, text: string) =>
    `${text} ${pl(n, 'actividad operativa', 'actividades operativas')}`,
  includes: (units: string) => `Incluye ${units}`,
  detailed: 'Servicios que la fuente detalla',
  serviceNumber: (n: string) => `Servicio ${n}`,
  result: (achieved: string, unit: string, year: string) => `${achieved} ${unit} en ${year}`,
  execution: (rate: string) => `${rate} de ejecución`,

  region: 'Región',
  value: 'Valor',
  chartSummary: (title: string, items: string) => `${title}: ${items}`,
  courses: 'Cursos',

  metrics: {
    'police-trained': 'Efectivos policiales capacitados',
    'coordination-spaces': 'Espacios de coordinación contra la trata',
    'high-incidence': 'Regiones de alta incidencia de trata de personas',
  },
  byRegion: (what: string) => `${what}, por región`,
  legend: 'Leyenda',
  yes: 'Sí',
  no: 'No',
  range: (from: string, to: string) => (from === to ? from : `${from} a ${to}`),
  mapNote: 'Mapa esquemático: cada región es un recuadro en su posición aproximada.',
};
