/**
 * Spanish, the default language, and the shape every other language must fill: the words every
 * widget shares, then each element's own (`<element>/messages.ts`).
 * A new language is one file like `en.ts` registered in `../i18n.ts`, or `registerLocale()` at run time.
 */
import { es as card } from '../vigia-region-card/messages.js';
import { es as counter } from '../vigia-coordination-counter/messages.js';
import { es as services } from '../vigia-services/messages.js';
import { es as indicator } from '../vigia-indicator/messages.js';
import { es as chart } from '../vigia-training-chart/messages.js';
import { es as map } from '../vigia-region-map/messages.js';

/** A slug as a place name: "madre-de-dios" → "Madre de Dios". */
const place = (slug: string) =>
  slug.trim().split(/[-\s]+/).map((w, i) => (i && /^(de|del|la|las|los|y)$/i.test(w) ? w.toLowerCase() : w.charAt(0).toUpperCase() + w.slice(1).toLowerCase())).join(' ');

const pl = (n: number, one: string, many: string) => (n === 1 ? one : many);

export const common = {
  /** BCP 47 tag for Intl formatting. */
  intl: 'es-PE',
  /** Which `Lang` the API writes prose in for this language. */
  api: 'ES' as 'ES' | 'EN',

  loading: 'Cargando datos de Vigía…',
  error: (what: string) => `No se pudieron cargar los datos de Vigía sobre ${what}.`,
  why: (status: number) =>
    status === 0
      ? 'El servicio de datos de Vigía no respondió.'
      : status >= 500
        ? `El servicio de datos de Vigía no está disponible en este momento (error ${status}).`
        : `El servicio de datos de Vigía respondió con un error${status && status !== 200 ? ` (${status})` : ''}.`,
  retry: 'Reintentar',
  badEndpoint: 'La dirección del servicio de datos (atributo endpoint) no es válida.',
  source: 'Fuente',
  slide: (n: string) => `lámina ${n}`,
  slides: (n: number, list: string) => `${pl(n, 'lámina', 'láminas')} ${list}`,
  cites: (work: string) => `que cita: ${work}`,
  quoted: (text: string) => `«${text}»`,
  csv: 'Datos (CSV)',
  fullSource: 'Fuente completa',
  sourceAndNotes: 'Fuente completa y notas',
  cite: 'Citar estos datos',
  pending: 'Datos pendientes',
  noValue: 'sin dato',
  note: 'Nota de la fuente',
  period: 'Periodo',
  showTable: 'Ver los datos como tabla',
  region: 'Región',
  value: 'Valor',
  total: 'Total',
  yes: 'Sí',
  no: 'No',

  noRegion: 'Falta indicar la región (atributo region, por ejemplo region="puno").',
  unknownRegion: (code: string) => `No encontramos la región «${code}» en Vigía.`,
  aboutRegion: (code: string) => (/^\d+$/.test(code) ? `la región ${code}` : place(code)),
  noKey: 'Falta indicar el indicador (atributo key).',
  unknownIndicator: (key: string) => `No encontramos el indicador «${key}» en Vigía.`,
  unknownDataset: (key: string) => `No encontramos el conjunto de datos «${key}» en Vigía.`,
  badOption: (name: string, value: string) => `El valor «${value}» del atributo ${name} no es válido.`,

  levels: {
    REGIONAL: 'Regionales',
    PROVINCIAL: 'Provinciales',
    DISTRICT: 'Distritales',
    POPULATED_CENTER: 'De centro poblado',
  },
  spacesWord: (n: number) => pl(n, 'espacio de coordinación', 'espacios de coordinación'),
};

export const es = { ...common, ...card, ...counter, ...services, ...indicator, ...chart, ...map };
