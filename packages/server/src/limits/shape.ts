/**
 * Limits on the shape of a document — depth, aliases, directives — checked as one validation
 * rule, so yoga's validation cache remembers the verdict for a document it has seen.
 * Fragments are measured once each and reused, so a "fragment bomb" (fragments spreading each
 * other many times) is counted in linear time, and counts as large as it would expand.
 */
import {
  GraphQLError,
  Kind,
  type ASTVisitor,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';

export interface ShapeLimits {
  maxDepth: number;
  maxAliases: number;
  maxDirectives: number;
}

export interface Shape {
  depth: number;
  aliases: number;
  directives: number;
}

/** Numbers past this are "too many" anyway; capping keeps the arithmetic finite. */
const CAP = 1e12;

/** Measures an operation (introspection fields — `__schema`, `__type` — do not count toward depth). */
export function measureOperation(
  operation: OperationDefinitionNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
): Shape {
  const memo = new Map<string, Shape>();
  const inProgress = new Set<string>();

  const measure = (set: SelectionSetNode | undefined): Shape => {
    const total: Shape = { depth: 0, aliases: 0, directives: 0 };
    if (!set) return total;
    for (const selection of set.selections) {
      total.directives = Math.min(CAP, total.directives + (selection.directives?.length ?? 0));
      let inner: Shape;
      let adds = 0;
      if (selection.kind === Kind.FIELD) {
        if (selection.alias) total.aliases = Math.min(CAP, total.aliases + 1);
        inner = measure(selection.selectionSet);
        adds = selection.name.value.startsWith('__') ? 0 : 1;
        if (adds === 0) inner = { ...inner, depth: 0 };
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        inner = measure(selection.selectionSet);
      } else {
        inner = fragment(selection.name.value);
      }
      total.depth = Math.max(total.depth, inner.depth + adds);
      total.aliases = Math.min(CAP, total.aliases + inner.aliases);
      total.directives = Math.min(CAP, total.directives + inner.directives);
    }
    return total;
  };

  const fragment = (name: string): Shape => {
    const known = memo.get(name);
    if (known) return known;
    const definition = fragments.get(name);
    // Unknown and cyclic spreads are reported by graphql's own rules; they measure as empty here.
    if (!definition || inProgress.has(name)) return { depth: 0, aliases: 0, directives: 0 };
    inProgress.add(name);
    const shape = measure(definition.selectionSet);
    shape.directives = Math.min(CAP, shape.directives + (definition.directives?.length ?? 0));
    inProgress.delete(name);
    memo.set(name, shape);
    return shape;
  };

  const shape = measure(operation.selectionSet);
  shape.directives = Math.min(CAP, shape.directives + (operation.directives?.length ?? 0));
  return shape;
}

/** The validation rule refusing documents past the limits, each with a message saying what to change. */
export function shapeLimitsRule(limits: ShapeLimits): ValidationRule {
  return (context: ValidationContext): ASTVisitor => {
    const document = context.getDocument();
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const definition of document.definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    }
    return {
      OperationDefinition(operation) {
        const shape = measureOperation(operation, fragments);
        const name = operation.name ? `Operation "${operation.name.value}"` : 'The operation';
        const refuse = (message: string, code: string) =>
          context.reportError(new GraphQLError(message, { nodes: [operation], extensions: { code } }));
        if (shape.depth > limits.maxDepth) {
          refuse(
            `${name} is nested ${shape.depth} levels deep; the limit is ${limits.maxDepth}. Ask for less nesting, or fetch deeper objects with node(id:).`,
            'DEPTH_LIMIT_EXCEEDED',
          );
        }
        if (shape.aliases > limits.maxAliases) {
          refuse(`${name} uses ${shape.aliases} aliases; the limit is ${limits.maxAliases}. Split it into several requests.`, 'ALIAS_LIMIT_EXCEEDED');
        }
        if (shape.directives > limits.maxDirectives) {
          refuse(
            `${name} uses ${shape.directives} directives; the limit is ${limits.maxDirectives}. Split it into several requests.`,
            'DIRECTIVE_LIMIT_EXCEEDED',
          );
        }
        return false;
      },
    };
  };
}
