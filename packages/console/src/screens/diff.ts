/**
 * Before/after of an audit entry as rows a person reads: nested objects flattened to dotted
 * paths ("document.title", "keys.created.0"), each path with its value before and after and
 * whether it was added, removed, changed or left as it was.
 */

export type Change = 'added' | 'removed' | 'changed' | 'same';

export interface DiffRow {
  path: string;
  before: string;
  after: string;
  change: Change;
}

function flatten(value: unknown, prefix: string, into: Map<string, string>): void {
  if (value !== null && typeof value === 'object') {
    const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) into.set(prefix || '·', Array.isArray(value) ? '[]' : '{}');
    for (const [k, v] of entries) flatten(v, prefix ? `${prefix}.${k}` : k, into);
    return;
  }
  into.set(prefix || '·', value === null || value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value));
}

export function diff(before: unknown, after: unknown): DiffRow[] {
  const a = new Map<string, string>();
  const b = new Map<string, string>();
  if (before !== null && before !== undefined) flatten(before, '', a);
  if (after !== null && after !== undefined) flatten(after, '', b);
  const paths = [...new Set([...a.keys(), ...b.keys()])];
  return paths.map((path) => {
    const was = a.get(path);
    const now = b.get(path);
    // An empty field on both sides (absent, null, "") did not change: a creation lists what it set.
    const change: Change = (was ?? '') === (now ?? '') ? 'same' : was === undefined || was === '' ? 'added' : now === undefined || now === '' ? 'removed' : 'changed';
    return { path, before: was ?? '', after: now ?? '', change };
  });
}
