/**
 * The cost of an operation, computed before it runs and reported in `extensions.cost` (as
 * Shopify does) so clients can budget. The model: every object the answer may hold costs 1,
 * scalars are free; a connection holds `first` (or `last`, or the default page size) edges,
 * `nodes(ids:)` as many as asked, and any other list an assumed number of items. It needs
 * the variables, so it runs per request.
 */
import {
  GraphQLError,
  getArgumentValues,
  getNamedType,
  getNullableType,
  getVariableValues,
  isCompositeType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

export interface CostLimits {
  maxCost: number;
  maxPageSize: number;
  /** Items assumed for a list field with no `first`/`last`/`ids` argument. */
  assumedListSize: number;
  /** Items a connection returns when `first` is not given (Pothos' defaultConnectionSize). */
  defaultPageSize: number;
}

export interface CostResult {
  cost: number;
  /** Page sizes over the cap: refused before anything runs. */
  errors: GraphQLError[];
}

const CAP = 1e12;

const isConnection = (type: GraphQLCompositeType) => type.name.endsWith('Connection') && isObjectType(type) && 'edges' in type.getFields();

export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | null | undefined,
  limits: CostLimits,
): CostResult {
  const errors: GraphQLError[] = [];
  const fragments = new Map<string, FragmentDefinitionNode>();
  let operation: OperationDefinitionNode | undefined;
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    else if (definition.kind === Kind.OPERATION_DEFINITION && (!operationName || definition.name?.value === operationName)) {
      operation ??= definition;
    }
  }
  if (!operation) return { cost: 0, errors };
  const root =
    operation.operation === 'query' ? schema.getQueryType() : operation.operation === 'mutation' ? schema.getMutationType() : schema.getSubscriptionType();
  if (!root) return { cost: 0, errors };

  // Coerced as execution will (defaults applied); bad variables are execution's to report.
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables ?? {});
  if (coerced.errors) return { cost: 0, errors };
  const vars = coerced.coerced;
  const memo = new Map<string, number>();
  const inProgress = new Set<string>();

  // `page`: the page size of the connection whose fields are being costed (for its edges/nodes).
  const selectionCost = (set: SelectionSetNode | undefined, parent: GraphQLCompositeType, page: number): number => {
    if (!set) return 0;
    let total = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        if (name.startsWith('__') || !(isObjectType(parent) || isInterfaceType(parent))) continue;
        const field = parent.getFields()[name];
        if (!field) continue;
        total += fieldCost(field, selection, parent, page);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        if (type && isCompositeType(type)) total += selectionCost(selection.selectionSet, type, page);
      } else {
        total += fragmentCost(selection.name.value, page);
      }
      if (total > CAP) return CAP;
    }
    return total;
  };

  const fragmentCost = (name: string, page: number): number => {
    const key = `${name}@${page}`;
    const known = memo.get(key);
    if (known !== undefined) return known;
    const definition = fragments.get(name);
    if (!definition || inProgress.has(name)) return 0;
    const type = schema.getType(definition.typeCondition.name.value);
    if (!type || !isCompositeType(type)) return 0;
    inProgress.add(name);
    const cost = selectionCost(definition.selectionSet, type, page);
    inProgress.delete(name);
    memo.set(key, cost);
    return cost;
  };

  /** Each object a field returns costs 1 plus what is selected inside it; scalars are free. */
  const fieldCost = (field: GraphQLField<unknown, unknown>, node: FieldNode, parent: GraphQLCompositeType, page: number): number => {
    const named = getNamedType(field.type);
    if (!isCompositeType(named)) return 0;
    let args: Record<string, unknown> = {};
    try {
      args = getArgumentValues(field, node, vars);
    } catch {
      // Bad arguments are refused by execution with graphql's own message; cost them as defaults.
    }
    const isList = isListType(getNullableType(field.type));
    let items = 1;
    let innerPage = page;
    if (isConnection(named)) {
      const asked = typeof args.first === 'number' ? args.first : typeof args.last === 'number' ? args.last : undefined;
      if (asked !== undefined && asked > limits.maxPageSize) {
        const which = typeof args.first === 'number' ? 'first' : 'last';
        errors.push(
          new GraphQLError(
            `"${which}" on ${parent.name}.${field.name} is ${asked}; a page holds at most ${limits.maxPageSize} items. Ask for the next page with "after".`,
            { nodes: [node], extensions: { code: 'PAGE_SIZE_LIMIT_EXCEEDED', http: { status: 400 } } },
          ),
        );
      }
      innerPage = Math.max(0, asked ?? limits.defaultPageSize);
    } else if (isList) {
      // `edges`/`nodes` of a connection hold one page; other lists as many ids as asked for, or
      // the assumed size (lists here are small and unpaginated; nesting them multiplies).
      items = isConnection(parent) ? page : Array.isArray(args.ids) ? args.ids.length : limits.assumedListSize;
    }
    return Math.min(CAP, items * (1 + selectionCost(node.selectionSet, named, innerPage)));
  };

  const cost = selectionCost(operation.selectionSet, root, limits.defaultPageSize);
  if (cost > limits.maxCost) {
    errors.push(
      new GraphQLError(
        `This operation would cost ${cost}; the limit is ${limits.maxCost}. Ask for smaller pages ("first") or fewer nested lists, or split it into several requests.`,
        { nodes: [operation], extensions: { code: 'COST_LIMIT_EXCEEDED', cost, maximumCost: limits.maxCost, http: { status: 400 } } },
      ),
    );
  }
  return { cost, errors };
}
