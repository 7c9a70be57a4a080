/**
 * Every GraphQL operation the widgets send: fixed, named documents with variables, so the set is
 * known at build time. `pnpm --filter @vigia/widgets build` (scripts/build.mjs) loads this module,
 * writes each document under the SHA-256 of its exact text into `dist/persisted-operations.json`
 * (the server's default manifest) and embeds those hashes in the bundle as `__VIGIA_PERSISTED__`,
 * so the client sends `documentId=sha256:<hash>` instead of the text.
 *
 * Rules for this file: no imports, and documents are plain strings built at load time from the
 * fragments below (the build evaluates the same code, so the texts and their hashes agree). Each
 * document carries exactly the fragments it uses, as GraphQL requires. A new widget adds its
 * operation here and to OPERATIONS; tests/widgets/persisted.test.ts checks the manifest against
 * what a real page sends and validates every document against the published schema.
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
function operation<V extends Variables>(name: string, vars: string, body: string): Operation<V> {
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
  return { name, document: `query ${name}(${vars}){${body}}${defs}`, hash: hashes[name] };
}

type Lang = { lang: ApiLang };

export const REGION_CARD = operation<Lang & { code: string }>(
  'VigiaRegionCard',
  '$code:String!,$lang:Lang!',
  'region(code:$code){name isFocus highIncidence highIncidenceSource{...Source} coordinationSpaceSummary{...Summary} coordinationSpaces(first:100){edges{node{id name level province district locality note(lang:$lang)}}} policeTrained{...Indicator}}',
);

/** The coordination counter of one region. */
export const REGION_COUNTER = operation<Lang & { code: string }>(
  'VigiaRegionCounter',
  '$code:String!,$lang:Lang!',
  'region(code:$code){name coordinationSpaceSummary{...Summary}}',
);

/** The coordination counter of the five focus regions together. */
export const FOCUS_COUNTER = operation<Lang>(
  'VigiaFocusCounter',
  '$lang:Lang!',
  'summary:coordinationSpaceSummary{...Summary} focus:regions(focus:true){name}',
);

/** The national totals as the source reports them. */
export const NATIONAL_COUNTER = operation<Lang>(
  'VigiaNationalCounter',
  '$lang:Lang!',
  'summary:nationalCoordinationTotals{...Summary}',
);

export const SERVICES = operation<Lang>(
  'VigiaServices',
  '$lang:Lang!',
  'policy{name(lang:$lang) decree serviceCount entityCount source{...Source}} entities{key name acronym kind serviceCount operationalActivityCount units{name acronym} services{number name(lang:$lang) results{year achieved unit(lang:$lang) executionRate source{...Source}}} source{...Source}}',
);

/** An indicator key or a dataset key: both are asked for, whichever exists is shown. */
export const INDICATOR = operation<Lang & { key: string }>(
  'VigiaIndicator',
  '$key:String!,$lang:Lang!',
  'indicator(key:$key){...Indicator} dataset(key:$key){...Dataset}',
);

/** A dataset as a bar chart; `courses` adds the police courses (for the training dataset). */
export const TRAINING_CHART = operation<Lang & { key: string; courses: boolean }>(
  'VigiaTrainingChart',
  '$key:String!,$lang:Lang!,$courses:Boolean!',
  'dataset(key:$key){...Dataset} courses:trainingCourses@include(if:$courses){key name audience(lang:$lang) modality}',
);

export const REGION_MAP = operation<Lang>(
  'VigiaRegionMap',
  '$lang:Lang!',
  'regions(focus:true){code slug name highIncidence highIncidenceSource{...Source} policeTrained{value source{...Source} dataset{csvUrl title(lang:$lang)}} coordinationSpaceSummary{total source{...Source}}}',
);

/** Every operation, for the build's manifest. */
export const OPERATIONS: readonly Operation[] = [
  REGION_CARD,
  REGION_COUNTER,
  FOCUS_COUNTER,
  NATIONAL_COUNTER,
  SERVICES,
  INDICATOR,
  TRAINING_CHART,
  REGION_MAP,
];
