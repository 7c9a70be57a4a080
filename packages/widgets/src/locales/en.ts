import type { Messages } from '../i18n.js';
import { en as card } from '../vigia-region-card/messages.js';
import { en as counter } from '../vigia-coordination-counter/messages.js';
import { en as services } from '../vigia-services/messages.js';
import { en as indicator } from '../vigia-indicator/messages.js';
import { en as chart } from '../vigia-training-chart/messages.js';
import { en as map } from '../vigia-region-map/messages.js';
import type { common as es } from './es.js';

/** A slug as a place name: "madre-de-dios" → "Madre de Dios". */
const place = (slug: string) =>
  slug.trim().split(/[-\s]+/).map((w, i) => (i && /^(de|del|la|las|los|y)$/i.test(w) ? w.toLowerCase() : w.charAt(0).toUpperCase() + w.slice(1).toLowerCase())).join(' ');

const pl = (n: number, one: string, many: string) => (n === 1 ? one : many);

const common: typeof es = {
  intl: 'en',
  api: 'EN',

  loading: 'Loading Vigía data…',
  error: (what) => `Vigía’s data on ${what} could not be loaded.`,
  why: (status) =>
    status === 0
      ? 'The Vigía data service did not answer.'
      : status >= 500
        ? `The Vigía data service is unavailable right now (error ${status}).`
        : `The Vigía data service answered with an error${status && status !== 200 ? ` (${status})` : ''}.`,
  retry: 'Try again',
  badEndpoint: 'The data service address (endpoint attribute) is not valid.',
  source: 'Source',
  slide: (n) => `slide ${n}`,
  slides: (n, list) => `${pl(n, 'slide', 'slides')} ${list}`,
  cites: (work) => `citing ${work}`,
  quoted: (text) => `“${text}”`,
  csv: 'Data (CSV)',
  fullSource: 'Full source',
  sourceAndNotes: 'Full source and notes',
  cite: 'Cite this data',
  pending: 'Data pending',
  noValue: 'no data',
  note: 'Note on the source',
  period: 'Period',
  showTable: 'Show the data as a table',
  region: 'Region',
  value: 'Value',
  total: 'Total',
  yes: 'Yes',
  no: 'No',

  noRegion: 'No region given (region attribute, e.g. region="puno").',
  unknownRegion: (code) => `There is no region “${code}” in Vigía.`,
  aboutRegion: (code) => (/^\d+$/.test(code) ? `region ${code}` : place(code)),
  noKey: 'No indicator given (key attribute).',
  unknownIndicator: (key) => `There is no indicator “${key}” in Vigía.`,
  unknownDataset: (key) => `There is no dataset “${key}” in Vigía.`,
  badOption: (name, value) => `“${value}” is not a valid value for the ${name} attribute.`,

  levels: {
    REGIONAL: 'Regional',
    PROVINCIAL: 'Provincial',
    DISTRICT: 'District',
    POPULATED_CENTER: 'Populated centre',
  },
  spacesWord: (n) => pl(n, 'coordination space', 'coordination spaces'),
};

/** English. */
export const en: Messages = { ...common, ...card, ...counter, ...services, ...indicator, ...chart, ...map };
