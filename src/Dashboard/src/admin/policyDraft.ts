// The SLA policy being edited: rows of limits as typed, the warn fraction, the resend-after and a note. Pure:
// the request bodies for saving and for the what-if are made from it here; what is valid is the server's to say
// (its 400 names each bad entry, `limits[3].limit`, which rowOfError maps back to the table's row).

import type { LimitRequest, PolicyRequest, PolicyView, WhatIfRequest } from './adminWire';

export interface LimitRow {
  step: string;
  category: string;
  priority: string;
  area: string;
  limit: string;
}

export interface PolicyDraft {
  warnFraction: string;
  resendUnreadAfter: string;
  note: string;
  limits: LimitRow[];
}

export function draftOf(policy: PolicyView | null): PolicyDraft {
  return {
    warnFraction: policy ? String(policy.warnFraction) : '',
    resendUnreadAfter: policy?.resendUnreadAfter ?? '',
    note: '',
    limits: (policy?.limits ?? []).map(l => ({ step: l.step ?? '', category: l.category ?? '', priority: l.priority ?? '', area: l.area ?? '', limit: l.limit ?? '' })),
  };
}

export const emptyRow = (): LimitRow => ({ step: '', category: '', priority: '', area: '', limit: '' });

/** A limit as the API takes it: the optional keys only when given. */
export function limitOf(row: LimitRow): LimitRequest {
  const limit: LimitRequest = { step: row.step.trim(), limit: row.limit.trim() };
  if (row.category.trim()) limit.category = row.category.trim();
  if (row.priority.trim()) limit.priority = row.priority.trim();
  if (row.area.trim()) limit.area = row.area.trim();
  return limit;
}

/** A number when the text is one; else the text itself, so the server names the field rather than the page guessing. */
function numberOrText(text: string): number {
  const trimmed = text.trim();
  const value = Number(trimmed);
  return (trimmed !== '' && Number.isFinite(value) ? value : trimmed) as number;
}

/** The limit rows the admin left wholly empty are not sent; every other row is, as typed. */
const typedRows = (draft: PolicyDraft) => draft.limits.filter(r => Object.values(r).some(v => v.trim()));

export function policyRequestOf(draft: PolicyDraft): PolicyRequest {
  const body: PolicyRequest = { warnFraction: numberOrText(draft.warnFraction), limits: typedRows(draft).map(limitOf), note: draft.note.trim() };
  if (draft.resendUnreadAfter.trim()) body.resendUnreadAfter = draft.resendUnreadAfter.trim();
  return body;
}

export function whatIfRequestOf(draft: PolicyDraft, window: { from?: string; to?: string; scope?: string } = {}): WhatIfRequest {
  const { note: _note, ...policy } = policyRequestOf(draft);
  const body: WhatIfRequest = { ...policy };
  if (window.from) body.from = window.from;
  if (window.to) body.to = window.to;
  if (window.scope?.trim()) body.scope = window.scope.trim();
  return body;
}

/**
 * Which table row an error key names: "limits[3].limit" names the 4th sent row, which is the draft row it came
 * from once wholly empty rows are skipped. Null for keys that are not a limit's.
 */
export function rowOfError(draft: PolicyDraft, key: string): { row: number; column: string | null } | null {
  const match = /^limits\[(\d+)\](?:\.(\w+))?/i.exec(key);
  if (!match) return null;
  const sent = typedRows(draft);
  const row = sent[Number(match[1])];
  if (!row) return null;
  return { row: draft.limits.indexOf(row), column: match[2] ?? null };
}
