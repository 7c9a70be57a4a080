/**
 * Cache hints: how long an answer that touches a type or field may be reused. A type or field
 * declares its hint in the schema with Pothos' `extensions: cacheHint(seconds)`; everything
 * without one is public data and gets the configured TTL. An answer lives as long as the
 * shortest hint it touches; `0` means never cached (audit entries, keys, anything per caller).
 */
import {
  getNamedType,
  isCompositeType,
  isObjectType,
  isInterfaceType,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLSchema,
} from 'graphql';

export interface CacheControlExtension {
  cacheControl: { maxAge: number };
}

/** For a Pothos type or field's `extensions`: `extensions: cacheHint(0)` for per-caller data. */
export function cacheHint(maxAgeSeconds: number): CacheControlExtension {
  return { cacheControl: { maxAge: maxAgeSeconds } };
}

/**
 * Hints for the write path's per-caller data (audit, the caller itself): never cached, even if an
 * anonymous answer with them could exist (those callers get errors, which are never cached anyway).
 */
const BUILT_IN: Record<string, number> = {
  'Query.auditLog': 0,
  AuditEntry: 0,
  AuditEntryConnection: 0,
  AuditEntryEdge: 0,
  'Query.me': 0,
  ApiCaller: 0,
};

/** Schema coordinate (`Type` or `Type.field`) → max age in seconds, from the schema's extensions. */
export function collectCacheHints(schema: GraphQLSchema): Map<string, number> {
  const hints = new Map<string, number>();
  for (const [coordinate, seconds] of Object.entries(BUILT_IN)) {
    const [typeName] = coordinate.split('.');
    if (schema.getType(typeName!)) hints.set(coordinate, seconds);
  }
  const read = (extensions: Record<string, unknown> | null | undefined) => {
    const hint = (extensions as Partial<CacheControlExtension> | undefined)?.cacheControl?.maxAge;
    return typeof hint === 'number' && hint >= 0 ? hint : undefined;
  };
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    const own = read(type.extensions);
    if (own !== undefined) hints.set(type.name, own);
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        const hint = read(field.extensions);
        if (hint !== undefined) hints.set(`${type.name}.${field.name}`, hint);
      }
    }
  }
  return hints;
}

/**
 * The max age (seconds) of any answer to this document: the shortest hint among the fields it
 * selects and the types they return; `fallback` when none has a hint. Introspection is never
 * cached. Memoized per parsed document (yoga reuses parsed documents).
 */
export function documentMaxAge(schema: GraphQLSchema, hints: ReadonlyMap<string, number>, fallback: number) {
  const memo = new WeakMap<DocumentNode, number>();
  return (document: DocumentNode): number => {
    const known = memo.get(document);
    if (known !== undefined) return known;
    let maxAge = fallback;
    const typeInfo = new TypeInfo(schema);
    visit(
      document,
      visitWithTypeInfo(typeInfo, {
        Field(node) {
          if (node.name.value === '__schema' || node.name.value === '__type') {
            maxAge = 0;
            return;
          }
          const parent = typeInfo.getParentType();
          const fieldHint = parent ? hints.get(`${parent.name}.${node.name.value}`) : undefined;
          if (fieldHint !== undefined) maxAge = Math.min(maxAge, fieldHint);
          const type = typeInfo.getType();
          const named = type ? getNamedType(type) : undefined;
          const typeHint = named && isCompositeType(named) ? hints.get(named.name) : undefined;
          if (typeHint !== undefined) maxAge = Math.min(maxAge, typeHint);
        },
      }),
    );
    memo.set(document, maxAge);
    return maxAge;
  };
}
