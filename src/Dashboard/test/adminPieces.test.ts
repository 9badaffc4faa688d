// Small pure pieces of the admin console: which form field a server error key names, an audit event's change in
// few words, an export's file name, the invitation's whole address, and when a roster may be applied.

import { describe, expect, it } from 'vitest';
import { fieldFor } from '../src/shared/fieldErrors';
import { changedFields } from '../src/admin/auditChange';
import { fileNameOf } from '../src/shared/download';
import { invitationUrl } from '../src/admin/invitationBox';
import { appliable } from '../src/admin/rosterReport';
import type { RosterPreview } from '../src/admin/adminWire';

describe('the admin console', () => {
  it('finds the field an error key names, by its path or its last part, any case', () => {
    const names = ['name', 'timeZone', 'calendar.officeHours', 'calendar.holidays'];
    expect(fieldFor('TimeZone', names)).toBe('timeZone');
    expect(fieldFor('calendar.officeHours[1].to', names)).toBe('calendar.officeHours');
    expect(fieldFor('holidays[0]', names)).toBe('calendar.holidays');
    expect(fieldFor('casePrefix', names)).toBeUndefined();
  });

  it('shows an audit change as the keys that differ, or the values whole', () => {
    expect(changedFields({ role: 'operator', gridScope: null, username: 'a' }, { role: 'supervisor', gridScope: 'G01', username: 'a' }))
      .toEqual([{ key: 'role', before: 'operator', after: 'supervisor' }, { key: 'gridScope', before: '—', after: 'G01' }]);
    expect(changedFields(null, { state: 'active' })).toEqual([{ key: null, before: '—', after: '{"state":"active"}' }]);
    expect(changedFields('active', 'disabled')).toEqual([{ key: null, before: 'active', after: 'disabled' }]);
    expect(changedFields(null, null)).toEqual([]);
    expect(changedFields('{"role":"operator","gridScope":"TX01"}', '{"role":"supervisor","gridScope":"TX01"}'))
      .toEqual([{ key: 'role', before: 'operator', after: 'supervisor' }]);
    expect(changedFields('locked', 'unlocked')).toEqual([{ key: null, before: 'locked', after: 'unlocked' }]);
  });

  it('names a download as the server does', () => {
    expect(fileNameOf('attachment; filename=grids.geojson', 'x')).toBe('grids.geojson');
    expect(fileNameOf('attachment; filename="roster.csv"; filename*=UTF-8\'\'%E5%90%8D%E5%86%8C.csv', 'x')).toBe('名册.csv');
    expect(fileNameOf(null, 'audit.csv')).toBe('audit.csv');
  });

  it('makes the invitation link whole with the page\'s origin', () => {
    expect(invitationUrl('/worker?invite=abc', 'https://center.example')).toBe('https://center.example/worker?invite=abc');
    expect(invitationUrl('https://other/admin?invite=abc', 'https://center.example')).toBe('https://other/admin?invite=abc');
  });

  it('offers to apply a roster only with no errors and nobody blocked', () => {
    const clean: RosterPreview = { rows: 3, errors: [], added: [], changed: [], left: [], blocked: [], applied: false };
    expect(appliable(clean)).toBe(true);
    expect(appliable({ ...clean, errors: [{ row: 2, column: '角色', message: 'unknown role' }] })).toBe(false);
    expect(appliable({ ...clean, blocked: [{ id: 'M1', name: '张三', openCases: ['JY-1'] }] })).toBe(false);
  });
});

