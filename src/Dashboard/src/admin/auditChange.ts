// An audit event's before → after in few words: for two objects, only the keys whose values differ; otherwise the
// two values whole. Values are shown as compact JSON, strings as they are.

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

export function changedFields(before: unknown, after: unknown): ChangedField[] {
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    return keys
      .filter(k => JSON.stringify(before[k]) !== JSON.stringify(after[k]))
      .map(k => ({ key: k, before: shown(before[k]), after: shown(after[k]) }));
  }
  if (before === null || before === undefined) return after === null || after === undefined ? [] : [{ key: null, before: '—', after: shown(after) }];
  return [{ key: null, before: shown(before), after: shown(after) }];
}
