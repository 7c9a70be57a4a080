/**
 * The gallery page (dist/index.html, served at /widgets/): the embed builder (src/builder/, bundled
 * here and inlined, so vigia-widgets.js carries none of it), then every element live, each with
 * the snippet a partner copies (the live markup and the snippet come from the same string). The
 * page is in Spanish, or English with its language switch (`?lang=en`).
 */
import { fileURLToPath } from 'node:url';
import { build, runnerImport } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));

/** The loader tag partners paste (README's "one script tag"); `__ORIGIN__` becomes the server's base in the page. */
export const SCRIPT_TAG = '<script src="__ORIGIN__/widgets/vigia-widgets.js" data-endpoint="__ORIGIN__/graphql"></script>';

/** The builder's script and CSS: src/builder/main.ts bundled with Lit, minified, held in memory. */
async function bundleBuilder() {
  // Vite may set NODE_ENV while it builds; the widgets' own build reads it afterwards.
  const nodeEnv = process.env.NODE_ENV;
  const result = await build({
    configFile: false,
    root,
    logLevel: 'warn',
    publicDir: false,
    build: {
      write: false,
      target: 'es2022',
      minify: true,
      modulePreload: false,
      rolldownOptions: { input: 'src/builder/main.ts' },
    },
  });
  if (nodeEnv === undefined) delete process.env.NODE_ENV;
  else process.env.NODE_ENV = nodeEnv;
  const output = (Array.isArray(result) ? result[0] : result).output;
  const chunks = output.filter((o) => o.type === 'chunk');
  const css = output.find((o) => o.type === 'asset' && o.fileName.endsWith('.css'));
  if (chunks.length !== 1 || !css) throw new Error(`the embed builder should bundle into one script and one stylesheet; got ${output.map((o) => o.fileName).join(', ')}`);
  const js = chunks[0].code;
  const styles = String(css.source);
  // Inlined into the page: nothing in them may close their element early.
  if (/<\/script|<!--/i.test(js)) throw new Error('the embed builder bundle contains "</script" or "<!--"');
  if (/<\/style/i.test(styles)) throw new Error('the embed builder stylesheet contains "</style"');
  return { js, css: styles };
}

const builder = await bundleBuilder();

/**
 * schema.org JSON-LD for search engines (Google Dataset Search): Vigía's datasets as the reviewed
 * seed data has them (titles, descriptions, periods, the briefing they come from), each with its
 * CSV. URLs are relative to the page, so they name whatever server serves it; versions and dates
 * of change are in /catalog.jsonld, which the server builds from the live data.
 */
async function structuredData() {
  // Like build(), the module runner may set NODE_ENV; the widgets' own build reads it afterwards.
  const nodeEnv = process.env.NODE_ENV;
  const { module } = await runnerImport(fileURLToPath(new URL('../../schema/src/seed-data/index.ts', import.meta.url)));
  if (nodeEnv === undefined) delete process.env.NODE_ENV;
  else process.env.NODE_ENV = nodeEnv;
  const { seedData } = module;
  const documents = new Map(seedData.documents.map((d) => [d.key, d]));
  const sources = new Map(seedData.sources.map((s) => [s.key, s]));
  const documentOf = (sourceKey) => documents.get(sources.get(sourceKey)?.document);
  const catalog = {
    '@context': 'https://schema.org',
    '@type': 'DataCatalog',
    name: 'Vigía',
    url: '/catalog.jsonld',
    inLanguage: ['es', 'en'],
    dataset: seedData.datasets.map((d) => {
      const doc = documentOf(d.source);
      return {
        '@type': 'Dataset',
        identifier: d.key,
        name: d.title,
        alternateName: d.titleEn,
        description: d.description,
        inLanguage: 'es',
        temporalCoverage: `${d.periodStart}/${d.periodEnd}`,
        spatialCoverage: { '@type': 'Country', name: 'Perú' },
        keywords: ['trata de personas', 'niñas, niños y adolescentes', 'Perú'],
        publisher: { '@type': 'Organization', name: 'Vigía' },
        ...(doc
          ? {
              creator: { '@type': 'Organization', name: doc.publisher },
              isBasedOn: { '@type': 'Report', name: doc.title, datePublished: doc.publishedOn, publisher: { '@type': 'Organization', name: doc.publisher } },
            }
          : {}),
        distribution: [{ '@type': 'DataDownload', encodingFormat: 'text/csv', contentUrl: `/data/${encodeURIComponent(d.key)}.csv` }],
      };
    }),
  };
  // Inside <script>: nothing may close it early.
  return JSON.stringify(catalog).replace(/</g, '\\u003c');
}

const jsonLd = await structuredData();

const escape = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Text in both languages; the page's CSS shows the one of `<html lang>`. Both arguments are HTML. */
const t = (es, en) => `<span data-l="es" lang="es">${es}</span><span data-l="en" lang="en">${en}</span>`;

/** @type {{ id: string; title: string; es: string; en: string; markup: string; css?: string }[]} */
export const demos = [
  {
    id: 'region-card',
    title: '<vigia-region-card>',
    es: 'Una región: sus espacios de coordinación por nivel, efectivos policiales capacitados, si es de alta incidencia, con la fuente de cada cifra.',
    en: 'A region at a glance: its coordination spaces by level, police officers trained, whether it has high incidence, with the source of every figure.',
    markup: `<vigia-region-card region="puno" heading-level="3">
  <p>Puno: espacios de coordinación contra la trata de personas y efectivos policiales capacitados (datos de Vigía).</p>
</vigia-region-card>`,
  },
  {
    id: 'region-card-en',
    title: '<vigia-region-card lang="en">',
    es: 'El mismo elemento en inglés.',
    en: 'The same element in English.',
    markup: `<vigia-region-card region="08" lang="en" heading-level="3"></vigia-region-card>`,
  },
  {
    id: 'counter',
    title: '<vigia-coordination-counter>',
    es: 'Sin region: las cinco regiones del informe juntas.',
    en: 'With no region: the five regions of the briefing together.',
    markup: `<vigia-coordination-counter heading-level="3"></vigia-coordination-counter>`,
  },
  {
    id: 'counter-level',
    title: '<vigia-coordination-counter region level>',
    es: 'Un nivel en una región, con el desglose.',
    en: 'One level in one region, with the breakdown.',
    markup: `<vigia-coordination-counter region="cusco" level="provincial" heading-level="3"></vigia-coordination-counter>`,
  },
  {
    id: 'counter-national',
    title: '<vigia-coordination-counter national>',
    es: 'Los totales nacionales que reporta la fuente.',
    en: 'The national totals the source reports.',
    markup: `<vigia-coordination-counter national heading-level="3"></vigia-coordination-counter>`,
  },
  {
    id: 'services',
    title: '<vigia-services>',
    es: 'Los servicios de la Política Nacional por entidad: sectores y organismos autónomos.',
    en: 'The National Policy’s services by entity: sectors and autonomous bodies.',
    markup: `<vigia-services heading-level="3"></vigia-services>`,
  },
  {
    id: 'indicator',
    title: '<vigia-indicator key>',
    es: 'Una cifra con su periodo y su fuente.',
    en: 'One figure with its period and source.',
    markup: `<vigia-indicator key="victims-women-share" heading-level="3"></vigia-indicator>`,
  },
  {
    id: 'indicator-pending',
    title: '<vigia-indicator key> (pendiente / pending)',
    es: 'Un conjunto de datos que la fuente solo muestra como imagen: datos pendientes, nunca cero.',
    en: 'A dataset the source shows only as an image: data pending, never zero.',
    markup: `<vigia-indicator key="trafficking-cases-by-region-2021-2023" heading-level="3"></vigia-indicator>`,
  },
  {
    id: 'training-chart',
    title: '<vigia-training-chart>',
    es: 'Efectivos policiales capacitados por región: gráfico de barras accesible con los números como texto.',
    en: 'Police officers trained by region: an accessible bar chart with the numbers as text.',
    markup: `<vigia-training-chart heading-level="3"></vigia-training-chart>`,
  },
  {
    id: 'region-map',
    title: '<vigia-region-map>',
    es: 'Mapa de recuadros de las cinco regiones, coloreado por una cifra, con leyenda y tabla.',
    en: 'A tile map of the five regions, shaded by one figure, with a legend and a table.',
    markup: `<vigia-region-map metric="coordination-spaces" heading-level="3"></vigia-region-map>`,
  },
  {
    id: 'theming',
    title: 'Temas / Theming',
    es: 'Propiedades <code>--vigia-*</code> y <code>::part()</code> desde la hoja de estilos de la página.',
    en: 'Custom properties (<code>--vigia-*</code>) and <code>::part()</code> from the page’s stylesheet.',
    css: `.brand {
  --vigia-color-accent: #7a1f3d;
  --vigia-color-border: #7a1f3d;
  --vigia-radius: 0;
  --vigia-font: Georgia, serif;
}
.brand::part(title) { text-transform: uppercase; letter-spacing: 0.04em; }
@media (prefers-color-scheme: dark) {
  .brand { --vigia-color-accent: #f0a3bd; --vigia-color-border: #f0a3bd; }
}`,
    markup: `<vigia-region-map class="brand" metric="police-trained" heading-level="3"></vigia-region-map>`,
  },
];

/** A copy button for the code element `id`, with its visible "Copied". */
const copyButton = (id, what) =>
  `<button type="button" data-copy="${id}" data-what="${escape(what)}">${t('Copiar', 'Copy')}<span class="visually-hidden"> ${escape(what)}</span></button>` +
  `<span class="copied" aria-hidden="true">✓ ${t('Copiado', 'Copied')}</span>`;

/** One element in es and en, on a light and a dark page, at desktop and phone widths. */
function variants(markup) {
  const en = markup.replace(/^(<vigia-[\w-]+)/, '$1 lang="en"').replace(/ lang="en"( [^>]*)? lang="en"/, ' lang="en"$1');
  const cell = (label, cls, m) => `<figure class="v ${cls}"><figcaption>${label}</figcaption>${m}</figure>`;
  return `<details class="variants"><summary>${t('es / en · claro / oscuro · escritorio / teléfono', 'es / en · light / dark · desktop / phone')}</summary>
  <div class="vgrid">
  ${cell(t('es · claro · 700 px', 'es · light · 700 px'), 'light w700', markup)}
  ${cell(t('en · oscuro · 700 px', 'en · dark · 700 px'), 'dark w700', en)}
  ${cell(t('es · oscuro · 360 px', 'es · dark · 360 px'), 'dark w360', markup)}
  ${cell(t('en · claro · 360 px', 'en · light · 360 px'), 'light w360', en)}
  </div></details>`;
}

export function galleryHtml() {
  const themeCss = demos.map((d) => d.css ?? '').join('\n');
  const sections = demos
    .map(
      (d) => `<section aria-labelledby="h-${d.id}">
  <h2 id="h-${d.id}"><code>${escape(d.title)}</code></h2>
  <p>${t(d.es, d.en)}</p>
  <div class="demo">${d.markup}</div>
  ${d.id === 'theming' ? '' : variants(d.markup.replace(/\n\s*<p>[^<]*<\/p>\n/, ''))}
  <pre><code id="c-${d.id}">${escape((d.css ? `<style>\n${d.css}\n</style>\n` : '') + d.markup)}</code></pre>
  ${copyButton(`c-${d.id}`, d.title)}
</section>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="es">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Vigía — widgets</title>
<link rel="icon" href="data:,">
<script type="application/ld+json">${jsonLd}</script>
<style>
  :root { color-scheme: light dark; }
  body { font-family: system-ui, sans-serif; margin: 0; line-height: 1.5; color: #1c2024; background: #f6f7f9; }
  @media (prefers-color-scheme: dark) { body { color: #e9ebee; background: #0f1114; } a { color: #8cc2ff; } }
  /* The page's two languages: the switch sets <html lang>. */
  html:not([lang="en"]) [data-l="en"], html[lang="en"] [data-l="es"] { display: none; }
  .top { display: flex; justify-content: space-between; align-items: center; gap: 1rem; max-width: 72rem; margin: 0 auto; padding: 0.75rem 1rem 0; }
  .top strong { font-size: 1.15rem; }
  .langs { display: flex; gap: 0.25rem; }
  .langs button { font: inherit; min-height: 2.75rem; padding: 0.3rem 0.8rem; border: 1px solid #8a939e; border-radius: 0.4rem; background: transparent; color: inherit; cursor: pointer; }
  .langs button[aria-pressed="true"] { font-weight: 700; border-color: currentColor; box-shadow: inset 0 0 0 1px currentColor; }
  .langs button:focus-visible { outline: 3px solid #0a5bab; outline-offset: 2px; }
  @media (prefers-color-scheme: dark) { .langs button:focus-visible { outline-color: #8cc2ff; } }
  main { max-width: 72rem; margin: 0 auto; padding: 1rem; }
  h1 { font-size: clamp(1.5rem, 4vw, 2.1rem); line-height: 1.2; margin: 0.5rem 0; }
  section { margin: 2rem 0; }
  pre { overflow-x: auto; padding: 0.75rem; background: rgba(127, 127, 127, 0.12); border-radius: 0.4rem; }
  .demo { max-width: 44rem; }
  .variants summary { cursor: pointer; margin: 0.5rem 0; }
  .vgrid { display: flex; flex-wrap: wrap; gap: 1rem; align-items: flex-start; }
  .v { margin: 0; padding: 1rem; border-radius: 0.4rem; }
  .v figcaption { font-size: 0.8rem; margin-bottom: 0.5rem; }
  .v.light { background: #fff; color: #1c2024; color-scheme: light; }
  .v.dark { background: #121417; color: #e9ebee; color-scheme: dark; }
  .v.dark a { color: #8cc2ff; }
  .w700 { width: min(100%, 700px); }
  .w360 { width: 360px; max-width: 100%; }
  /* Reserve the space of each element until the script defines it (no layout jump). */
  :is(vigia-region-card, vigia-coordination-counter, vigia-services, vigia-indicator, vigia-training-chart, vigia-region-map):not(:defined) {
    display: block; min-height: 12rem;
  }
${themeCss}
${builder.css}
</style>
<script src="./vigia-widgets.js"></script>
</head>
<body>
<header class="top"><strong>Vigía</strong>
<div class="langs" role="group" aria-label="Idioma de la página / Page language">
<button type="button" data-page-lang="es" lang="es" aria-pressed="true">Español</button>
<button type="button" data-page-lang="en" lang="en" aria-pressed="false">English</button>
</div></header>
<main>
<h1>${t('Vigía: widgets e inserciones para sitios aliados', 'Vigía: widgets and embeds for partner sites')}</h1>
<p>${t(
    'Cifras con fuente sobre la trata de personas de niñas, niños y adolescentes en Arequipa, Cusco, Puno, Tacna y Moquegua, para su sitio: con una etiqueta <code>&lt;script&gt;</code>, un iframe, un enlace oEmbed o una imagen.',
    'Sourced figures on the trafficking of children and adolescents in Arequipa, Cusco, Puno, Tacna and Moquegua, for your site: with a <code>&lt;script&gt;</code> tag, an iframe, an oEmbed link or an image.',
  )}</p>
<section id="builder" class="builder" aria-labelledby="builder-heading">
<h2 id="builder-heading">${t('Cree su inserción', 'Make your embed')}</h2>
<p>${t(
    'Elija un gráfico, sus datos, el idioma y el tema; véalo en vivo y copie el código. Para páginas con JavaScript, el script; para un CMS que quita los scripts, el iframe o el enlace (oEmbed); para boletines, impresión y redes, la imagen.',
    'Pick a graphic, its data, the language and the theme; see it live and copy the code. For pages that run JavaScript, the script; for a CMS that strips scripts, the iframe or the link (oEmbed); for newsletters, print and social media, the image.',
  )}</p>
<div id="vigia-builder" data-loader="${escape(SCRIPT_TAG)}">
<noscript><p>${t(
    'El generador necesita JavaScript. Cada ejemplo de abajo tiene su código.',
    'The builder needs JavaScript. Every example below has its code.',
  )}</p></noscript>
</div>
</section>
<h2>${t('El script de los widgets', 'The widgets’ script')}</h2>
<pre><code id="c-script" data-origin>${escape(SCRIPT_TAG)}</code></pre>
${copyButton('c-script', '<script src="…/vigia-widgets.js">')}
<p>${t('Atributos comunes', 'Common attributes')}: <code>endpoint</code>, <code>lang</code> (<code>es</code> | <code>en</code>), <code>heading-level</code> (2–6),
<code>theme</code> (<code>page</code> ${t('por defecto', 'default')}, <code>light</code>, <code>dark</code>, <code>auto</code>), <code>detail</code>.
${t('Documentación', 'Docs')}: <a href="./custom-elements.json">custom-elements.json</a>.
${t('Los seis en un artículo de periódico', 'All six in a newspaper article')}: <a href="./demo.html">demo.html</a>.</p>
${sections}
</main>
<p id="copy-status" class="visually-hidden" role="status"></p>
<script type="module">${builder.js}</script>
</body>
</html>
`;
}

/**
 * A regional newspaper's article page (700 px serif column, its own link colour, a light/dark
 * switch of its own) with the six elements in the text: dist/demo.html, served at /widgets/demo.html.
 * `?lang=en` shows the English widgets; `?theme=dark` starts the page dark.
 */
export function demoHtml() {
  return `<!doctype html>
<html lang="es">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>La trata de niñas, niños y adolescentes en el sur — El Diario del Sur (demo)</title>
<link rel="icon" href="data:,">
<style>
  :root { color-scheme: light; --paper: #fbfaf7; --ink: #222; --link: #9b1c31; --rule: #d9d4c7; }
  html.dark { color-scheme: dark; --paper: #16181b; --ink: #e6e3dc; --link: #f2a7b3; --rule: #3b3d42; }
  body { margin: 0; background: var(--paper); color: var(--ink); font: 19px/1.6 Georgia, 'Times New Roman', serif; }
  a { color: var(--link); }
  .masthead { border-bottom: 3px double var(--rule); padding: 0.75rem 1rem; display: flex; justify-content: space-between; align-items: center; gap: 1rem; flex-wrap: wrap; }
  .masthead strong { font-size: 1.4rem; letter-spacing: 0.02em; }
  .masthead button { font: 14px system-ui, sans-serif; padding: 0.3rem 0.7rem; }
  article { max-width: 700px; margin: 0 auto; padding: 1rem; }
  h1 { font-size: 2rem; line-height: 1.15; margin: 0.5rem 0; }
  .dek { font-size: 1.15rem; color: color-mix(in srgb, var(--ink) 75%, transparent); }
  .byline { font: 14px system-ui, sans-serif; color: color-mix(in srgb, var(--ink) 75%, transparent); }
  article > :is(vigia-region-card, vigia-coordination-counter, vigia-services, vigia-indicator, vigia-training-chart, vigia-region-map) { margin: 1.75rem 0; }
  :is(vigia-region-card, vigia-coordination-counter, vigia-services, vigia-indicator, vigia-training-chart, vigia-region-map):not(:defined) { display: block; min-height: 24rem; }
</style>
<script src="./vigia-widgets.js"></script>
</head>
<body>
<header class="masthead"><strong>El Diario del Sur</strong><button type="button" id="mode" aria-pressed="false">Modo oscuro</button></header>
<main>
<article>
<p class="byline">Arequipa · Demostración de los widgets de Vigía (texto de ejemplo)</p>
<h1>Trata de niñas, niños y adolescentes: lo que informa el Ministerio del Interior sobre el sur</h1>
<p class="dek">Cinco regiones, sus espacios de coordinación y la capacitación policial, con las cifras del informe de febrero de 2024.</p>
<p>Este es un texto de ejemplo de un artículo. Los gráficos que siguen son los elementos de Vigía tal como los pega una redacción: cada cifra viene de la API, con su fuente.</p>
<vigia-region-card region="puno" heading-level="2"></vigia-region-card>
<p>Texto del artículo entre gráficos. <a href="#">Un enlace del periódico</a> tiene el color del periódico, y los enlaces de los widgets también.</p>
<vigia-coordination-counter heading-level="2"></vigia-coordination-counter>
<p>Más texto del artículo.</p>
<vigia-region-map heading-level="2"></vigia-region-map>
<p>Más texto del artículo.</p>
<vigia-training-chart heading-level="2"></vigia-training-chart>
<p>Más texto del artículo.</p>
<vigia-services heading-level="2"></vigia-services>
<p>Más texto del artículo.</p>
<vigia-indicator key="victims-women-share" heading-level="2"></vigia-indicator>
<vigia-indicator key="trafficking-cases-by-region-2021-2023" heading-level="2"></vigia-indicator>
<p>Fin del texto de ejemplo.</p>
</article>
</main>
<script>
  const params = new URLSearchParams(location.search);
  if (params.get('lang') === 'en') {
    document.documentElement.lang = 'en';
    for (const el of document.querySelectorAll('article > *')) if (el.localName.startsWith('vigia-')) el.setAttribute('lang', 'en');
  }
  const button = document.getElementById('mode');
  const set = (dark) => { document.documentElement.classList.toggle('dark', dark); button.setAttribute('aria-pressed', String(dark)); };
  set(params.get('theme') === 'dark');
  button.addEventListener('click', () => set(!document.documentElement.classList.contains('dark')));
</script>
</body>
</html>
`;
}
