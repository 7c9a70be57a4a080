import type { Messages } from '../i18n.js';

const pl = (n: number, one: string, many: string) => (n === 1 ? one : many);

const levelAdjective = {
  REGIONAL: 'regional',
  PROVINCIAL: 'provincial',
  DISTRICT: 'district',
  POPULATED_CENTER: 'populated-centre',
} as const;

/** English. */
export const en: Messages = {
  intl: 'en',
  api: 'EN',

  loading: 'Loading Vigía data…',
  error: 'The Vigía data could not be loaded. Check your connection and try again.',
  retry: 'Try again',
  badEndpoint: 'The data service address (endpoint attribute) is not valid.',
  source: 'Source',
  slide: (n) => `slide ${n}`,
  cites: (work) => `citing ${work}`,
  quoted: (text) => `“${text}”`,
  csv: 'Explore the data (CSV)',
  csvOf: (what) => `Download as CSV: ${what}`,
  pending: 'Data pending',
  noValue: 'no data',
  note: 'Note on the source',
  period: 'Period',
  showTable: 'Show the data as a table',

  noRegion: 'No region given (region attribute, e.g. region="puno").',
  unknownRegion: (code) => `There is no region “${code}” in Vigía.`,
  noKey: 'No indicator given (key attribute).',
  unknownIndicator: (key) => `There is no indicator “${key}” in Vigía.`,
  unknownDataset: (key) => `There is no dataset “${key}” in Vigía.`,
  badLevel: (value) =>
    `There is no level “${value}”: use regional, provincial, district or populated_center.`,
  badOption: (name, value) => `“${value}” is not a valid value for the ${name} attribute.`,

  levels: {
    REGIONAL: 'Regional',
    PROVINCIAL: 'Provincial',
    DISTRICT: 'District',
    POPULATED_CENTER: 'Populated centre',
  },
  local: 'Local (provincial, district and populated centre)',
  total: 'Total',
  spaces: (n, level) =>
    (level ? `${levelAdjective[level]} ` : '') +
    pl(n, 'coordination space', 'coordination spaces') +
    ' against trafficking in persons',
  coordinationTitle: 'Coordination spaces against trafficking in persons',
  inRegion: (name) => `In ${name}`,
  inFocus: (names) => `In ${names} (the briefing’s regions)`,
  national: 'Nationwide, as the national totals reported by the source',
  byLevel: 'By level',
  notDetailed: 'The source does not detail coordination spaces for this region.',

  highIncidence: 'High-incidence region for trafficking in persons',
  notHighIncidence: 'The source does not name it a high-incidence region',
  policeTrained: 'Police officers trained',
  noPoliceTrained: 'The source gives no police officers trained for this region.',

  summary: (n, entities) => `${pl(n, 'service', 'services')} delivered by ${entities} entities`,
  sectors: 'Sectors',
  autonomous: 'Autonomous bodies',
  services: (n, text) => `${text} ${pl(n, 'service', 'services')}`,
  activities: (n, text) => `${text} ${pl(n, 'operational activity', 'operational activities')}`,
  includes: (units) => `Includes ${units}`,
  detailed: 'Services the source details',
  serviceNumber: (n) => `Service ${n}`,
  result: (achieved, unit, year) => `${achieved} ${unit} in ${year}`,
  execution: (rate) => `${rate} of target`,

  region: 'Region',
  value: 'Value',
  chartSummary: (title, items) => `${title}: ${items}`,
  courses: 'Courses',

  metrics: {
    'police-trained': 'Police officers trained',
    'coordination-spaces': 'Coordination spaces against trafficking',
    'high-incidence': 'High-incidence regions for trafficking in persons',
  },
  byRegion: (what) => `${what}, by region`,
  legend: 'Legend',
  yes: 'Yes',
  no: 'No',
  range: (from, to) => (from === to ? from : `${from} to ${to}`),
  mapNote: 'Schematic map: each region is a tile in its approximate position.',
};
