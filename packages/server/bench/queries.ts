/**
 * The operations the benchmark sends: what the widgets send for a region card, a counter and
 * the services list (as packages/widgets/src builds them), and a deep connection query.
 */
const SOURCE = 'fragment S on Source{title publisher publishedOn section slide url citedWork}';
const summary = 'regional provincial district populatedCenter local total note(lang:ES) source{...S} sources{...S}';
const observation = 'key label(lang:ES) value unit periodStart periodEnd scope region{name slug} source{...S}';

export interface BenchQuery {
  name: string;
  description: string;
  query: string;
}

export const queries: BenchQuery[] = [
  {
    name: 'region-card',
    description: '<vigia-region-card region="puno">',
    query: `query RegionCard{a0:region(code:"puno"){name isFocus highIncidence highIncidenceSource{...S} coordinationSpaceSummary{${summary}} coordinationSpaces(first:100){edges{node{id name level province district locality note(lang:ES)}}} policeTrained{${observation} dataset{key title(lang:ES) status pendingReason(lang:ES) csvUrl}}}} ${SOURCE}`,
  },
  {
    name: 'counter',
    description: '<vigia-coordination-counter> (the five focus regions)',
    query: `query Counter{summary:coordinationSpaceSummary{${summary}} focus:regions(focus:true){name}} ${SOURCE}`,
  },
  {
    name: 'services',
    description: '<vigia-services>: policy, 15 entities, their 42 services and results',
    query: `query Services{policy{name(lang:ES) decree serviceCount entityCount source{...S}} entities{key name acronym kind serviceCount operationalActivityCount units{name acronym} services{number name(lang:ES) results{year achieved unit(lang:ES) executionRate source{...S}}} source{...S}}} ${SOURCE}`,
  },
  {
    name: 'deep-connection',
    description: 'regions → coordinationSpaces(first: 20) → node → region → policeTrained → source',
    query: `query Deep{regions{code coordinationSpaces(first:20){totalCount pageInfo{hasNextPage endCursor} edges{cursor node{id name level region{name policeTrained{value unit source{title section}}}}}}}}`,
  },
];

/** The bare server's constant answer: the ceiling of what graphql-yoga itself can do here. */
export const bareQuery: BenchQuery = { name: 'constant', description: 'bare graphql-yoga, `{ hello }`', query: 'query Constant{hello}' };
