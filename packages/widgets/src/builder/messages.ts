/** The embed builder's words, in the page's two languages (the widgets' own are in src/locales/). */
import type { ElementName, Lang, Theme } from './embed.js';

export interface Messages {
  chooseWidget: string;
  chooseData: string;
  languageAndTheme: string;
  preview: string;
  previewNote: string;
  copyHeading: string;
  elements: Record<ElementName, { name: string; about: string }>;
  region: string;
  focusRegions: string;
  otherRegions: string;
  scope: string;
  fiveTogether: string;
  national: string;
  level: string;
  allLevels: string;
  levels: Record<'regional' | 'provincial' | 'district' | 'populated_center', string>;
  kind: string;
  allKinds: string;
  kinds: Record<'sector' | 'autonomous_body', string>;
  figure: string;
  wholeDataset: (count: number) => string;
  pending: string;
  dataset: string;
  sort: string;
  sorts: Record<'value' | 'source', string>;
  metric: string;
  metrics: Record<'police-trained' | 'coordination-spaces' | 'high-incidence', string>;
  view: string;
  views: Record<'map' | 'table', string>;
  widgetLang: string;
  theme: string;
  themes: Record<Theme, string>;
  detail: string;
  loadingLists: string;
  listsFailed: (why: string) => string;
  typeValue: string;
  needValue: string;
  snippets: Record<SnippetId, { title: string; hint: string }>;
  copy: string;
  copied: string;
  copiedStatus: (what: string) => string;
  selectedStatus: string;
  preparing: string;
  snippetFailed: (why: string) => string;
  fallbackLink: string;
  open: string;
}

export type SnippetId = 'script' | 'iframe' | 'link' | 'oembed' | 'png' | 'svg';

const es: Messages = {
  chooseWidget: '1. El gráfico',
  chooseData: '2. Los datos',
  languageAndTheme: '3. Idioma y tema',
  preview: 'Vista previa',
  previewNote: 'El elemento en vivo, con los datos actuales de Vigía.',
  copyHeading: '4. Copie el código',
  elements: {
    'region-card': { name: 'Ficha de una región', about: 'Espacios de coordinación, efectivos capacitados, alta incidencia.' },
    'coordination-counter': { name: 'Contador de espacios', about: 'Espacios de coordinación contra la trata, por nivel.' },
    services: { name: 'Servicios de la Política', about: 'Los servicios de la Política Nacional por entidad.' },
    indicator: { name: 'Una cifra o un conjunto', about: 'Una cifra con su periodo y su fuente.' },
    'training-chart': { name: 'Gráfico por región', about: 'Barras por región: efectivos policiales capacitados.' },
    'region-map': { name: 'Mapa de regiones', about: 'Mapa de recuadros coloreado por una cifra.' },
  },
  region: 'Región',
  focusRegions: 'Las cinco regiones del informe',
  otherRegions: 'Otras regiones (fuera del informe)',
  scope: 'Qué contar',
  fiveTogether: 'Las cinco regiones juntas',
  national: 'Totales nacionales (según la fuente)',
  level: 'Nivel',
  allLevels: 'Todos los niveles',
  levels: { regional: 'Regional', provincial: 'Provincial', district: 'Distrital', populated_center: 'De centro poblado' },
  kind: 'Entidades',
  allKinds: 'Todas',
  kinds: { sector: 'Sectores', autonomous_body: 'Organismos autónomos' },
  figure: 'Cifra o conjunto de datos',
  wholeDataset: (n) => (n === 1 ? 'Todo el conjunto (1 cifra)' : `Todo el conjunto (${n} cifras)`),
  pending: 'datos pendientes',
  dataset: 'Conjunto de datos',
  sort: 'Orden de las barras',
  sorts: { value: 'De mayor a menor', source: 'Como en la fuente' },
  metric: 'Cifra del mapa',
  metrics: { 'police-trained': 'Efectivos policiales capacitados', 'coordination-spaces': 'Espacios de coordinación', 'high-incidence': 'Alta incidencia de trata' },
  view: 'Vista',
  views: { map: 'Mapa', table: 'Tabla' },
  widgetLang: 'Idioma del gráfico',
  theme: 'Tema',
  themes: { light: 'Claro', dark: 'Oscuro', auto: 'Automático (el del lector)' },
  detail: 'Fuentes y listas abiertas',
  loadingLists: 'Cargando las regiones y los conjuntos de datos de Vigía…',
  listsFailed: (why) => `No se pudo cargar la lista de regiones y conjuntos de datos de Vigía (${why}). Escriba el valor a mano.`,
  typeValue: 'código o clave',
  needValue: 'Escriba el valor en «2. Los datos» para ver el código.',
  snippets: {
    script: {
      title: 'Con script',
      hint: 'Para sitios que admiten JavaScript (HTML propio, WordPress autoalojado). La etiqueta script va una sola vez por página; el enlace es lo que ve quien no ejecuta scripts.',
    },
    iframe: {
      title: 'Iframe',
      hint: 'Para un CMS que quita los scripts pero admite iframes. Con su pequeño script, el iframe toma la altura de su contenido; sin él, conserva una altura fija.',
    },
    link: {
      title: 'Enlace (oEmbed)',
      hint: 'Péguelo en un CMS que convierte enlaces en inserciones (oEmbed) o compártalo: las redes muestran su imagen.',
    },
    oembed: { title: 'URL oEmbed', hint: 'Para desarrolladores: JSON con el iframe, el título y la miniatura.' },
    png: { title: 'Imagen PNG', hint: 'Para boletines, impresión y redes. Otro ancho: añada &width=600 (de 320 a 2400).' },
    svg: { title: 'Imagen SVG', hint: 'Para impresión y maquetación: se escala sin perder nitidez.' },
  },
  copy: 'Copiar',
  copied: 'Copiado',
  copiedStatus: (what) => `Copiado: ${what}.`,
  selectedStatus: 'Texto seleccionado: pulse Ctrl+C (⌘C en Mac) para copiarlo.',
  preparing: 'Preparando el código…',
  snippetFailed: (why) => `No se pudo preparar el iframe: ${why}`,
  fallbackLink: 'Ver el gráfico en Vigía',
  open: 'Abrir',
};

const en: Messages = {
  chooseWidget: '1. The graphic',
  chooseData: '2. The data',
  languageAndTheme: '3. Language and theme',
  preview: 'Preview',
  previewNote: 'The live element, with Vigía’s current data.',
  copyHeading: '4. Copy the code',
  elements: {
    'region-card': { name: 'Region card', about: 'Coordination spaces, officers trained, high incidence.' },
    'coordination-counter': { name: 'Space counter', about: 'Coordination spaces against trafficking, by level.' },
    services: { name: 'Policy services', about: 'The National Policy’s services by entity.' },
    indicator: { name: 'One figure or dataset', about: 'One figure with its period and source.' },
    'training-chart': { name: 'Chart by region', about: 'Bars by region: police officers trained.' },
    'region-map': { name: 'Region map', about: 'A tile map shaded by one figure.' },
  },
  region: 'Region',
  focusRegions: 'The five regions of the briefing',
  otherRegions: 'Other regions (outside the briefing)',
  scope: 'What to count',
  fiveTogether: 'The five regions together',
  national: 'National totals (as the source reports them)',
  level: 'Level',
  allLevels: 'All levels',
  levels: { regional: 'Regional', provincial: 'Provincial', district: 'District', populated_center: 'Populated centre' },
  kind: 'Entities',
  allKinds: 'All',
  kinds: { sector: 'Sectors', autonomous_body: 'Autonomous bodies' },
  figure: 'Figure or dataset',
  wholeDataset: (n) => (n === 1 ? 'The whole dataset (1 figure)' : `The whole dataset (${n} figures)`),
  pending: 'data pending',
  dataset: 'Dataset',
  sort: 'Bar order',
  sorts: { value: 'Largest first', source: 'As in the source' },
  metric: 'Figure on the map',
  metrics: { 'police-trained': 'Police officers trained', 'coordination-spaces': 'Coordination spaces', 'high-incidence': 'High incidence of trafficking' },
  view: 'View',
  views: { map: 'Map', table: 'Table' },
  widgetLang: 'Language of the graphic',
  theme: 'Theme',
  themes: { light: 'Light', dark: 'Dark', auto: 'Automatic (the reader’s)' },
  detail: 'Sources and lists open',
  loadingLists: 'Loading Vigía’s regions and datasets…',
  listsFailed: (why) => `Could not load Vigía’s list of regions and datasets (${why}). Type the value.`,
  typeValue: 'code or key',
  needValue: 'Type the value in “2. The data” to see the code.',
  snippets: {
    script: {
      title: 'With a script tag',
      hint: 'For sites that run JavaScript (your own HTML, self-hosted WordPress). The script tag goes once per page; the link is what readers without scripts see.',
    },
    iframe: {
      title: 'Iframe',
      hint: 'For a CMS that strips scripts but keeps iframes. With its small script the iframe takes its content’s height; without it, it keeps a fixed height.',
    },
    link: {
      title: 'Link (oEmbed)',
      hint: 'Paste it into a CMS that turns links into embeds (oEmbed), or share it: social networks show its image.',
    },
    oembed: { title: 'oEmbed URL', hint: 'For developers: JSON with the iframe, the title and the thumbnail.' },
    png: { title: 'PNG image', hint: 'For newsletters, print and social media. Another width: add &width=600 (320 to 2400).' },
    svg: { title: 'SVG image', hint: 'For print and layout: it scales without losing sharpness.' },
  },
  copy: 'Copy',
  copied: 'Copied',
  copiedStatus: (what) => `Copied: ${what}.`,
  selectedStatus: 'Text selected: press Ctrl+C (⌘C on a Mac) to copy it.',
  preparing: 'Preparing the code…',
  snippetFailed: (why) => `Could not prepare the iframe: ${why}`,
  fallbackLink: 'View the graphic on Vigía',
  open: 'Open',
};

export const MESSAGES: Record<Lang, Messages> = { es, en };
