// The SLA policy table's draft becomes the request body as typed: optional keys only when given, wholly empty rows
// left out, and the server's `limits[i].field` errors find their way back to the row the admin sees.

import { describe, expect, it } from 'vitest';
import { draftOf, policyRequestOf, rowOfError, whatIfRequestOf, type PolicyDraft } from '../src/admin/policyDraft';

const draft: PolicyDraft = {
  warnFraction: '0.75',
  resendUnreadAfter: '',
  note: '  faster verification  ',
  limits: [
    { step: 'grid', category: '', priority: 'urgent', area: '', limit: '10m' },
    { step: '', category: '', priority: '', area: '', limit: '' },
    { step: 'verify', category: '', priority: '', area: 'urban', limit: ' 45m ' },
    { step: 'handle', category: 'E0102', priority: '', area: '', limit: 'x' },
  ],
};

describe('the SLA policy draft', () => {
  it('sends each typed limit with only the keys given, and the warn fraction as a number', () => {
    expect(policyRequestOf(draft)).toEqual({
      warnFraction: 0.75,
      note: 'faster verification',
      limits: [
        { step: 'grid', priority: 'urgent', limit: '10m' },
        { step: 'verify', area: 'urban', limit: '45m' },
        { step: 'handle', category: 'E0102', limit: 'x' },
      ],
    });
  });

  it('sends resend-after only when given, and a warn fraction that is not a number as typed for the server to name', () => {
    const body = policyRequestOf({ ...draft, warnFraction: 'eighty', resendUnreadAfter: '10m' });
    expect(body.resendUnreadAfter).toBe('10m');
    expect(body.warnFraction).toBe('eighty');
  });

  it('asks the what-if with the draft and the window, without the note', () => {
    const body = whatIfRequestOf(draft, { from: '2026-11-01T00:00:00.000Z', scope: ' G01 ' });
    expect(body).not.toHaveProperty('note');
    expect(body).not.toHaveProperty('to');
    expect(body.from).toBe('2026-11-01T00:00:00.000Z');
    expect(body.scope).toBe('G01');
    expect(body.limits).toHaveLength(3);
  });

  it('maps the server\'s limits[i] to the table row it came from, past the empty rows left out', () => {
    expect(rowOfError(draft, 'limits[2].limit')).toEqual({ row: 3, column: 'limit' });
    expect(rowOfError(draft, 'limits[1]')).toEqual({ row: 2, column: null });
    expect(rowOfError(draft, 'warnFraction')).toBeNull();
    expect(rowOfError(draft, 'limits[9].limit')).toBeNull();
  });

  it('starts from the version in force', () => {
    const start = draftOf({
      version: 3, savedBy: 'admin', savedAt: '2026-11-30T02:00:00Z', note: 'x', warnFraction: 0.8, resendUnreadAfter: null,
      limits: [{ step: 'accept', category: null, priority: null, area: null, limit: '15m' }, { step: 'verify', area: 'rural', limit: '2h', category: null, priority: null }],
    });
    expect(start.warnFraction).toBe('0.8');
    expect(start.note).toBe('');
    expect(start.limits[1]).toEqual({ step: 'verify', category: '', priority: '', area: 'rural', limit: '2h' });
    expect(policyRequestOf(start).limits).toEqual([{ step: 'accept', limit: '15m' }, { step: 'verify', area: 'rural', limit: '2h' }]);
  });
});
