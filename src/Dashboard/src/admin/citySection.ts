// 城市: the city's name, IANA time zone, case prefix and working calendar (GET and PUT /api/admin/city). Saving
// the zone or the calendar saves a new SLA policy version on the server, as the note says.

import { api } from '../shared/api';
import type { CitySettings } from './adminWire';
import { knownZones } from './adminWords';
import { CalendarEditor } from './calendarEditor';
import { clearRefusal, field, say, showRefusal } from '../shared/fieldErrors';
import type { Section } from './section';
import { h } from '../shared/words';

export function citySection(saved: () => void): Section {
  const name = h('input', { name: 'name', autocomplete: 'off', placeholder: '江阴市' });
  const timeZone = h('input', { name: 'timeZone', autocomplete: 'off', spellcheck: false, placeholder: Intl.DateTimeFormat().resolvedOptions().timeZone });
  timeZone.setAttribute('list', 'admin-zones');
  const casePrefix = h('input', { name: 'casePrefix', autocomplete: 'off', spellcheck: false, placeholder: 'AB', maxLength: 8, size: 10 });
  const calendar = new CalendarEditor();
  const message = h('div.form-message', { role: 'status' });
  const save = h('button.primary.city-save', { type: 'submit' }, '保存 ', h('small', {}, 'Save'));

  const form = h('form.city-form', { noValidate: true },
    h('div.field-row', {},
      field('name', '城市名称', 'Name', name),
      field('timeZone', '时区', 'Time zone (IANA)', timeZone),
      field('casePrefix', '案件编号前缀', 'Case prefix', casePrefix, '1–8 位字母或数字 · letters or digits')),
    h('datalist', { id: 'admin-zones' }, ...knownZones().map(z => h('option', { value: z }))),
    calendar.element,
    h('p.note', {}, '时区与工作日历属于时限策略：保存后产生新的策略版本，只对此后开始的时限生效。 ',
      h('small', {}, 'The zone and the calendar are the SLA policy\'s: saving them saves a new policy version.')),
    h('div.form-actions', {}, save, message));

  const fill = (city: CitySettings) => {
    name.value = city.name ?? '';
    timeZone.value = city.timeZone ?? '';
    casePrefix.value = city.casePrefix ?? '';
    calendar.value = city.calendar;
  };

  form.addEventListener('submit', event => {
    event.preventDefault();
    void (async () => {
      clearRefusal(form, message);
      save.disabled = true;
      say(message, '保存中 Saving…');
      try {
        const body: CitySettings = { name: name.value.trim(), timeZone: timeZone.value.trim(), casePrefix: casePrefix.value.trim(), calendar: calendar.value };
        fill(await api<CitySettings>('/api/admin/city', { method: 'PUT', body }));
        say(message, '已保存 · Saved (新的时限策略版本 a new policy version)', 'green');
        saved();
      } catch (e) {
        showRefusal(form, message, e);
      } finally {
        save.disabled = false;
      }
    })();
  });

  return {
    id: 'city', zh: '城市', en: 'City',
    element: h('section.admin-section.city', {},
      h('header.section-head', {}, h('h2', {}, '城市设置 ', h('small', {}, 'City settings'))), form),
    async show() {
      try {
        fill(await api<CitySettings>('/api/admin/city'));
      } catch (e) {
        showRefusal(form, message, e);
      }
    },
  };
}
