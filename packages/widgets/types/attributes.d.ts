/**
 * The attributes of each Vigía element, for framework typings (jsx.d.ts, vue.d.ts).
 * Every value is a string attribute; booleans (`national`, `detail`, `live`) are on when present.
 */
export interface VigiaCommonAttributes {
  /** GraphQL endpoint URL (default: the script tag's data-endpoint, else /graphql on the page's origin). */
  endpoint?: string;
  /** `es` (default) or `en`. */
  lang?: 'es' | 'en' | (string & {});
  /** Heading level of the title, 2–6 (default 2). */
  'heading-level'?: number | `${number}`;
  /** Follow the page (default), force `light` or `dark`, or `auto` (the reader's system setting). */
  theme?: 'page' | 'light' | 'dark' | 'auto';
  /** Open every disclosure by default. */
  detail?: boolean;
  /** Follow the data: show new figures in place when they change on the server. */
  live?: boolean;
}

export interface VigiaElementAttributes {
  'vigia-region-card': VigiaCommonAttributes & { region: string };
  'vigia-coordination-counter': VigiaCommonAttributes & {
    region?: string;
    level?: 'regional' | 'provincial' | 'district' | 'populated_center' | (string & {});
    national?: boolean;
  };
  'vigia-services': VigiaCommonAttributes & { kind?: 'sector' | 'autonomous_body' };
  /** `indicator` carries the key: React and Vue keep `key` for themselves and never pass it on. */
  'vigia-indicator': VigiaCommonAttributes & { indicator: string };
  'vigia-training-chart': VigiaCommonAttributes & { dataset?: string; sort?: 'value' | 'source' };
  'vigia-region-map': VigiaCommonAttributes & {
    metric?: 'police-trained' | 'coordination-spaces' | 'high-incidence';
    view?: 'map' | 'table';
  };
}
