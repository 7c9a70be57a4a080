import { lexicographicSortSchema, type GraphQLSchema } from 'graphql';
import { builder } from './builder.js';
import './date-time.js';
import './types/source.js';
import './types/coordination.js';
import './types/summary.js';
import './types/dataset.js';
import './types/history.js';
import './types/citation.js';
import './types/region.js';
import './types/policy.js';
import './types/context-facts.js';
import './types/audit.js';
import './types/write-state.js';
import './types/viewer.js';
import './mutations/index.js';
import './types/live.js';
import './types/webhooks.js';

/** The Vigía GraphQL schema, sorted so the published SDL is stable. */
export const schema: GraphQLSchema = lexicographicSortSchema(builder.toSchema());
