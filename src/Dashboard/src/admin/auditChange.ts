// An audit event's before → after in few words: for two objects, only the keys whose values differ; otherwise the
// two values whole. The server sends each side as text (an object as its JSON); values show as compact JSON,
// strings as they are.

export interface ChangedField {
  key: string | null;
  before: string;
  after: string;
}

export function shown(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The side as a value: JSON text of an object or array read back, any other text as it is. */
function valueOf(side: unknown): unknown {
  if (typeof side !== 'string' || !/^\s*[[{]/.test(side)) return side;
  try {
    return JSON.parse(side);
  } catch {
    return side;
  }
}

export function changedFields(beforeSide: unknown, afterSide: unknown): ChangedField[] {
  const before = valueOf(beforeSide);
  const after = valueOf(afterSide);
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    return keys
      .filter(k => JSON.stringify(before[k]) !== JSON.stringify(after[k]))
      .map(k => ({ key: k, before: shown(before[k]), after: shown(after[k]) }));
  }
  if (before === null || before === undefined) return after === null || after === undefined ? [] : [{ key: null, before: '—', after: shown(after) }];
  return [{ key: null, before: shown(before), after: shown(after) }];
}
