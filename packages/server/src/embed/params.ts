/**
 * What an embed URL may say: the element (the tag without `vigia-`), its attributes in the query
 * string, checked as the widget itself would, and for images the width. `/embed/<element>`,
 * `/embed/<element>.png` and `/embed/<element>.svg` share it, and the canonical URL of an embed
 * (oEmbed, Open Graph) is rebuilt from the checked attributes alone, in a fixed order.
 */

export const ELEMENTS = ['region-card', 'coordination-counter', 'services', 'indicator', 'training-chart', 'region-map'] as const;
export type ElementName = (typeof ELEMENTS)[number];
export type Lang = 'es' | 'en';
export type Format = 'html' | 'png' | 'svg';

interface AttrSpec {
  name: string;
  required?: boolean;
  /** Allowed values (compared case-insensitively, kept lowercase). */
  values?: readonly string[];
  /** A boolean attribute: present (``, `true`, its own name) or `false`. */
  boolean?: boolean;
}

const FREE_TEXT_MAX = 100;

/** Each element's own attributes, as its widget documents them. */
const SPECS: Record<ElementName, readonly AttrSpec[]> = {
  'region-card': [{ name: 'region', required: true }],
  'coordination-counter': [
    { name: 'region' },
    { name: 'level', values: ['regional', 'provincial', 'district', 'populated_center'] },
    { name: 'national', boolean: true },
  ],
  services: [{ name: 'kind', values: ['sector', 'autonomous_body'] }],
  indicator: [{ name: 'key', required: true }],
  'training-chart': [{ name: 'dataset' }, { name: 'sort', values: ['value', 'source'] }],
  'region-map': [
    { name: 'metric', values: ['police-trained', 'coordination-spaces', 'high-incidence'] },
    { name: 'view', values: ['map', 'table'] },
  ],
};

/** Every element's shared attributes (besides `endpoint`, which an embed sets itself). */
const COMMON: readonly AttrSpec[] = [
  { name: 'lang', values: ['es', 'en'] },
  { name: 'theme', values: ['light', 'dark', 'auto'] },
  { name: 'heading-level', values: ['2', '3', '4', '5', '6'] },
  { name: 'detail', boolean: true },
  // The widget on the page follows the data (images are drawn once; they ignore it).
  { name: 'live', boolean: true },
];

export const IMAGE_WIDTH = { default: 1200, min: 320, max: 2400 } as const;

export interface EmbedTarget {
  element: ElementName;
  format: Format;
  /** The checked attributes, in the element's order then the shared ones; booleans as "". */
  attrs: ReadonlyMap<string, string>;
  lang: Lang;
  theme: 'light' | 'dark' | 'auto';
  /** Images only: the width in CSS pixels. */
  width: number;
}

export type Parsed =
  | { ok: true; target: EmbedTarget }
  | { ok: false; status: 400 | 404; message: string; lang: Lang; element?: ElementName };

export const isElement = (name: string): name is ElementName => (ELEMENTS as readonly string[]).includes(name);

/** `/embed/region-card.png` → { element, format }, or null when the path is not an embed's. */
export function matchEmbedPath(path: string): { name: string; format: Format } | null {
  const m = /^\/embed\/([^/]+?)(?:\.(png|svg))?\/?$/.exec(path);
  return m ? { name: m[1]!, format: (m[2] as Format | undefined) ?? 'html' } : null;
}

/** Checks an embed request's query string. Unknown parameters (utm_… and the like) are ignored. */
export function parseEmbed(name: string, format: Format, query: URLSearchParams): Parsed {
  const langRaw = query.get('lang')?.trim().toLowerCase();
  const lang: Lang = langRaw === 'en' ? 'en' : 'es';
  if (!isElement(name)) {
    return { ok: false, status: 404, lang, message: lang === 'en' ? `Vigía has no element “${name}” to embed.` : `Vigía no tiene un elemento «${name}» para insertar.` };
  }
  const attrs = new Map<string, string>();
  for (const spec of [...SPECS[name], ...COMMON]) {
    const all = query.getAll(spec.name);
    if (all.length > 1) return bad(lang, name, `the attribute ${spec.name} is given ${all.length} times`, `el atributo ${spec.name} aparece ${all.length} veces`);
    const raw = all[0];
    if (raw === undefined) {
      if (spec.required) return bad(lang, name, `the attribute ${spec.name} is required`, `falta el atributo ${spec.name}`);
      continue;
    }
    const value = raw.trim();
    if (spec.boolean) {
      const v = value.toLowerCase();
      if (v === '' || v === 'true' || v === spec.name) attrs.set(spec.name, '');
      else if (v !== 'false') return bad(lang, name, `${spec.name} is a yes/no attribute: give it without a value, or "false"`, `${spec.name} es un atributo sí/no: escríbelo sin valor, o "false"`);
      continue;
    }
    if (spec.values) {
      const v = value.toLowerCase();
      if (!spec.values.includes(v)) {
        return bad(lang, name, `${spec.name} must be one of ${spec.values.join(', ')}`, `${spec.name} debe ser uno de: ${spec.values.join(', ')}`);
      }
      attrs.set(spec.name, v);
      continue;
    }
    if (value === '') {
      if (spec.required) return bad(lang, name, `the attribute ${spec.name} is empty`, `el atributo ${spec.name} está vacío`);
      continue;
    }
    if (value.length > FREE_TEXT_MAX || /[\u0000-\u001f\u007f]/.test(value)) {
      return bad(lang, name, `${spec.name} is not a valid value`, `${spec.name} no es un valor válido`);
    }
    attrs.set(spec.name, value);
  }
  let width: number = IMAGE_WIDTH.default;
  const widthRaw = query.get('width');
  if (format !== 'html' && widthRaw !== null) {
    if (!/^\d{1,5}$/.test(widthRaw) || +widthRaw < IMAGE_WIDTH.min || +widthRaw > IMAGE_WIDTH.max) {
      return bad(
        lang,
        name,
        `width must be a whole number of pixels from ${IMAGE_WIDTH.min} to ${IMAGE_WIDTH.max}`,
        `width debe ser un número entero de píxeles entre ${IMAGE_WIDTH.min} y ${IMAGE_WIDTH.max}`,
      );
    }
    width = +widthRaw;
  }
  const theme = (attrs.get('theme') as EmbedTarget['theme'] | undefined) ?? 'light';
  return { ok: true, target: { element: name, format, attrs, lang, theme, width } };
}

function bad(lang: Lang, element: ElementName, en: string, es: string): Parsed {
  return { ok: false, status: 400, lang, element, message: lang === 'en' ? `Bad embed parameters: ${en}.` : `Parámetros de inserción no válidos: ${es}.` };
}

/** `/embed/<element>[.png|.svg]?<attributes>` (plus `width` for an image given one), relative to the server. */
export function embedPath(target: EmbedTarget, format: Format = 'html', width?: number): string {
  const query = new URLSearchParams();
  for (const [name, value] of target.attrs) query.append(name, value);
  if (format !== 'html' && width !== undefined) query.set('width', String(width));
  const qs = query.toString().replace(/=(&|$)/g, '$1');
  return `/embed/${target.element}${format === 'html' ? '' : `.${format}`}${qs ? `?${qs}` : ''}`;
}
