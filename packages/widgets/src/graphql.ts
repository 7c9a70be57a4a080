/**
 * How the widgets' GraphQL operations are written: the shared fragments and `operation()`, which
 * each element's `operation.ts` calls (its folder holds its document). `operations.ts` lists them
 * all for the build, which hashes each document's exact text into `dist/persisted-operations.json`
 * and embeds the hashes in the bundle as `__VIGIA_PERSISTED__`, so the client sends
 * `documentId=sha256:<hash>` instead of the text.
 *
 * Rules for this file: no imports, and documents are plain strings built at load time from the
 * fragments below (the build evaluates the same code, so the texts and their hashes agree). Each
 * document carries exactly the fragments it uses, as GraphQL requires.
 */

/** Variables of an operation (JSON values). */
export type Variables = Readonly<Record<string, unknown>>;

/** A persisted operation: its name, its exact text, and the build-time hash of that text. */
export interface Operation<V extends Variables = Variables> {
  readonly name: string;
  readonly document: string;
  /** Lowercase hex SHA-256 of `document`; undefined outside the build (the client then sends the text). */
  readonly hash: string | undefined;
  /** Type only: the variables this operation takes. */
  readonly variables?: V;
  /**
   * Keys of `DataChange.datasets` the answer always depends on (besides the `dataset { key }`s
   * in the answer itself): a live widget re-fetches when a change names one.
   */
  readonly reads?: readonly string[];
}

/** Languages the API writes prose in (the `Lang` enum); locales map onto one of them. */
export type ApiLang = 'ES' | 'EN';

// Set by scripts/build.mjs (Vite `define`): operation name → hash.
declare const __VIGIA_PERSISTED__: Readonly<Record<string, string>> | undefined;
const hashes: Readonly<Record<string, string>> = typeof __VIGIA_PERSISTED__ === 'object' ? __VIGIA_PERSISTED__ : {};

/** Fragments by name; a fragment may use `$lang`, which every operation declares. */
const fragments: Record<string, string> = {
  Source: 'title publisher publishedOn section slide url citedWork',
  Summary:
    'regional provincial district populatedCenter local total note(lang:$lang) source{...Source} sources{...Source} dataset{csvUrl title(lang:$lang)}',
  Observation:
    'key label(lang:$lang) value suppressed displayValue unit periodStart periodEnd scope region{name slug} source{...Source}',
  Indicator: '...Observation dataset{key title(lang:$lang) status pendingReason(lang:$lang) csvUrl}',
  Dataset:
    'key title(lang:$lang) description(lang:$lang) unit status pendingReason(lang:$lang) csvUrl periodStart periodEnd source{...Source} observations{...Observation}',
};
const types: Record<string, string> = {
  Source: 'Source',
  Summary: 'CoordinationSpaceSummary',
  Observation: 'Indicator',
  Indicator: 'Indicator',
  Dataset: 'Dataset',
};

/** `query <name>(<vars>){<body>}` followed by every fragment the body uses, directly or not. */
export function operation<V extends Variables>(name: string, vars: string, body: string, reads: readonly string[] = []): Operation<V> {
  const used: string[] = [];
  const visit = (text: string) => {
    for (const [, spread] of text.matchAll(/\.\.\.(\w+)/g)) {
      if (!used.includes(spread!)) {
        used.push(spread!);
        visit(fragments[spread!]!);
      }
    }
  };
  visit(body);
  const defs = used.map((f) => `fragment ${f} on ${types[f]}{${fragments[f]}}`).join('');
  return { name, document: `query ${name}(${vars}){${body}}${defs}`, hash: hashes[name], reads };
}

/** What live widgets subscribe to (live.ts): the keys of each change. */
export const LIVE: Operation = { name: 'VigiaLive', document: 'subscription VigiaLive{dataChanged{datasets}}', hash: hashes['VigiaLive'] };

/** Every operation takes the language the API writes prose in. */
export type Lang = { lang: ApiLang };
