/**
 * The gallery page (dist/index.html, served at /widgets/): every element live, each with the
 * snippet a partner copies. The live markup and the snippet come from the same string.
 */

/** @type {{ id: string; title: string; text: string; markup: string; css?: string }[]} */
export const demos = [
  {
    id: 'region-card',
    title: '<vigia-region-card>',
    text: 'Una región: sus espacios de coordinación por nivel, efectivos policiales capacitados, si es de alta incidencia, con la fuente de cada cifra. / A region at a glance.',
    markup: `<vigia-region-card region="puno" heading-level="3">
  <p>Puno: espacios de coordinación contra la trata de personas y efectivos policiales capacitados (datos de Vigía).</p>
</vigia-region-card>`,
  },
  {
    id: 'region-card-en',
    title: '<vigia-region-card lang="en">',
    text: 'El mismo elemento en inglés. / The same element in English.',
    markup: `<vigia-region-card region="08" lang="en" heading-level="3"></vigia-region-card>`,
  },
  {
    id: 'counter',
    title: '<vigia-coordination-counter>',
    text: 'Sin region: las cinco regiones del informe juntas. / With no region: the five regions together.',
    markup: `<vigia-coordination-counter heading-level="3"></vigia-coordination-counter>`,
  },
  {
    id: 'counter-level',
    title: '<vigia-coordination-counter region level>',
    text: 'Un nivel en una región, con el desglose. / One level in one region, with the breakdown.',
    markup: `<vigia-coordination-counter region="cusco" level="provincial" heading-level="3"></vigia-coordination-counter>`,
  },
  {
    id: 'counter-national',
    title: '<vigia-coordination-counter national>',
    text: 'Los totales nacionales que reporta la fuente. / The national totals the source reports.',
    markup: `<vigia-coordination-counter national heading-level="3"></vigia-coordination-counter>`,
  },
  {
    id: 'services',
    title: '<vigia-services>',
    text: 'Los servicios de la Política Nacional por entidad: sectores y organismos autónomos. / The policy services by entity.',
    markup: `<vigia-services heading-level="3"></vigia-services>`,
  },
  {
    id: 'indicator',
    title: '<vigia-indicator key>',
    text: 'Una cifra con su periodo y su fuente. / One statistic with its period and source.',
    markup: `<vigia-indicator key="victims-women-share" heading-level="3"></vigia-indicator>`,
  },
  {
    id: 'indicator-pending',
    title: '<vigia-indicator key> (pendiente / pending)',
    text: 'Un conjunto de datos que la fuente solo muestra como imagen: datos pendientes, nunca cero. / A dataset the source shows only as an image: pending, never zero.',
    markup: `<vigia-indicator key="trafficking-cases-by-region-2021-2023" heading-level="3"></vigia-indicator>`,
  },
  {
    id: 'training-chart',
    title: '<vigia-training-chart>',
    text: 'Efectivos policiales capacitados por región: gráfico de barras accesible con los números como texto. / Officers trained by region.',
    markup: `<vigia-training-chart heading-level="3"></vigia-training-chart>`,
  },
  {
    id: 'region-map',
    title: '<vigia-region-map>',
    text: 'Mapa de recuadros de las cinco regiones, coloreado por una cifra, con leyenda y tabla. / Tile map of the five regions.',
    markup: `<vigia-region-map metric="coordination-spaces" heading-level="3"></vigia-region-map>`,
  },
  {
    id: 'theming',
    title: 'Temas / Theming',
    text: 'Propiedades --vigia-* y ::part() desde la hoja de estilos de la página. / Custom properties and parts from the page’s stylesheet.',
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

const escape = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** One element in es and en, on a light and a dark page, at desktop and phone widths. */
function variants(markup) {
  const en = markup.replace(/^(<vigia-[\w-]+)/, '$1 lang="en"').replace(/ lang="en"( [^>]*)? lang="en"/, ' lang="en"$1');
  const cell = (label, cls, m) => `<figure class="v ${cls}"><figcaption>${label}</figcaption>${m}</figure>`;
  return `<details class="variants"><summary>es / en · claro / oscuro · escritorio / teléfono — es / en · light / dark · desktop / phone</summary>
  <div class="vgrid">
  ${cell('es · claro / light · 700 px', 'light w700', markup)}
  ${cell('en · oscuro / dark · 700 px', 'dark w700', en)}
  ${cell('es · oscuro / dark · 360 px', 'dark w360', markup)}
  ${cell('en · claro / light · 360 px', 'light w360', en)}
  </div></details>`;
}

export function galleryHtml() {
  const themeCss = demos.map((d) => d.css ?? '').join('\n');
  const sections = demos
    .map(
      (d) => `<section aria-labelledby="h-${d.id}">
  <h2 id="h-${d.id}"><code>${escape(d.title)}</code></h2>
  <p>${escape(d.text)}</p>
  <div class="demo">${d.markup}</div>
  ${d.id === 'theming' ? '' : variants(d.markup.replace(/\n\s*<p>[^<]*<\/p>\n/, ''))}
  <pre><code id="c-${d.id}">${escape((d.css ? `<style>\n${d.css}\n</style>\n` : '') + d.markup)}</code></pre>
  <button type="button" data-copy="c-${d.id}">Copiar / Copy</button>
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
<style>
  body { font-family: system-ui, sans-serif; margin: 0; line-height: 1.5; color: #1c2024; background: #f6f7f9; }
  @media (prefers-color-scheme: dark) { body { color: #e9ebee; background: #0f1114; } a { color: #8cc2ff; } }
  main { max-width: 60rem; margin: 0 auto; padding: 1rem; }
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
</style>
<script src="./vigia-widgets.js"></script>
</head>
<body>
<main>
<h1>Vigía: widgets para sitios aliados / widgets for partner sites</h1>
<p>Cifras con fuente sobre la trata de personas de niñas, niños y adolescentes en Arequipa, Cusco, Puno, Tacna y Moquegua.
Pegue una etiqueta <code>&lt;script&gt;</code> y un elemento: no hace falta compilar nada. /
Sourced figures on child trafficking in southern Peru: paste one script tag and an element.</p>
<h2>1. El script / The script</h2>
<pre><code id="c-script">${escape('<script src="__ORIGIN__/widgets/vigia-widgets.js" data-endpoint="__ORIGIN__/graphql"></script>')}</code></pre>
<button type="button" data-copy="c-script">Copiar / Copy</button>
<p>Atributos comunes / Common attributes: <code>endpoint</code>, <code>lang</code> (<code>es</code> | <code>en</code>), <code>heading-level</code> (2–6),
<code>theme</code> (<code>page</code> por defecto / default, <code>light</code>, <code>dark</code>, <code>auto</code>), <code>detail</code>.
Documentación / Docs: <a href="./custom-elements.json">custom-elements.json</a>.
Los seis en un artículo de periódico / All six in a newspaper article: <a href="./demo.html">demo.html</a>.</p>
${sections}
</main>
<script>
  // Snippets name this server, so a partner can paste them as they are.
  if (location.protocol.startsWith('http')) {
    for (const code of document.querySelectorAll('pre code')) code.textContent = code.textContent.replaceAll('__ORIGIN__', location.origin);
  }
  for (const button of document.querySelectorAll('[data-copy]')) {
    button.addEventListener('click', async () => {
      const text = document.getElementById(button.dataset.copy).textContent;
      try { await navigator.clipboard.writeText(text); button.textContent = 'Copiado / Copied'; } catch { button.textContent = 'Seleccione y copie / Select and copy'; }
    });
  }
</script>
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
