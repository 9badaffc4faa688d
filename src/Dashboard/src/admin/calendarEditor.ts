// The city calendar's editor: office-hours rows (from/to), working-day checkboxes, and holidays and make-up
// workdays as date chips grouped by year, each list with a date input to add one. Draws calendarModel's state.

import type { CityCalendar } from './adminWire';
import { weekDays } from './adminWords';
import {
  addDate, addOfficeHours, byYear, calendarOf, dayOfYear, removeDate, removeOfficeHours, setOfficeHours, setWorkingDay, type DateList,
} from './calendarModel';
import { field } from '../shared/fieldErrors';
import { h } from '../shared/words';

export class CalendarEditor {
  readonly element: HTMLElement;
  private calendar: CityCalendar = calendarOf(null);
  private readonly hoursHost = h('div.office-hours');
  private readonly daysHost = h('div.working-days', { role: 'group' });
  private readonly listHosts: Record<DateList, HTMLElement> = { holidays: h('div.date-list'), makeUpWorkdays: h('div.date-list') };

  constructor() {
    this.element = h('fieldset.calendar', {},
      h('legend', {}, '工作日历 ', h('small', {}, 'Working calendar · 工作时按此计算 working time counts in it')),
      field('calendar.officeHours', '办公时段', 'Office hours', h('div.field-body', {},
        this.hoursHost,
        h('button.add-hours', { type: 'button', onclick: () => this.change(addOfficeHours(this.calendar)) }, '＋ 添加时段 ', h('small', {}, 'Add hours'))),
      ),
      field('calendar.workingDays', '工作日', 'Working days', this.daysHost),
      this.dateField('holidays', '节假日', 'Holidays (days off)'),
      this.dateField('makeUpWorkdays', '调休上班日', 'Make-up workdays'));
  }

  get value(): CityCalendar {
    return calendarOf(this.calendar);
  }

  set value(calendar: CityCalendar) {
    this.calendar = calendarOf(calendar);
    this.draw();
  }

  private change(calendar: CityCalendar): void {
    this.calendar = calendar;
    this.draw();
  }

  private dateField(list: DateList, zhText: string, enText: string): HTMLElement {
    const input = h('input.date-add-value', { type: 'date', name: `${list}-add`, ariaLabel: `${zhText} ${enText}` });
    const add = () => { this.change(addDate(this.calendar, list, input.value)); input.value = ''; };
    input.addEventListener('keydown', e => { if (e.key === 'Enter') { e.preventDefault(); add(); } });
    return field(`calendar.${list}`, zhText, enText, h('div.field-body', { dataset: { list } },
      this.listHosts[list],
      h('div.date-add', {}, input, h('button.date-add-button', { type: 'button', onclick: add }, '＋ 添加日期 ', h('small', {}, 'Add date')))));
  }

  private draw(): void {
    this.hoursHost.replaceChildren(...this.calendar.officeHours.map((hours, index) => {
      const from = h('input.hours-from', { type: 'time', value: hours.from, ariaLabel: '开始 From' });
      const to = h('input.hours-to', { type: 'time', value: hours.to, ariaLabel: '结束 To' });
      from.addEventListener('change', () => { this.calendar = setOfficeHours(this.calendar, index, { from: from.value }); });
      to.addEventListener('change', () => { this.calendar = setOfficeHours(this.calendar, index, { to: to.value }); });
      return h('div.hours-row', { dataset: { index: String(index) } }, from, h('span.dash', {}, '—'), to,
        h('button.icon.remove-hours', { type: 'button', title: '删除 Remove', onclick: () => this.change(removeOfficeHours(this.calendar, index)) }, '×'));
    }));
    if (!this.calendar.officeHours.length) this.hoursHost.append(h('p.empty', {}, '未设办公时段 · No office hours'));

    this.daysHost.replaceChildren(...weekDays.map(([day, word]) => {
      const box = h('input', { type: 'checkbox', name: 'workingDay', value: day, checked: this.calendar.workingDays.includes(day) });
      box.addEventListener('change', () => { this.calendar = setWorkingDay(this.calendar, day, box.checked); });
      return h('label.day', { title: day }, box, h('span', {}, `周${word}`), h('small', {}, day.slice(0, 3)));
    }));

    for (const list of ['holidays', 'makeUpWorkdays'] as DateList[]) {
      const years = byYear(this.calendar[list]);
      this.listHosts[list].replaceChildren(...years.map(([year, dates]) => h('div.year', { dataset: { year } },
        h('span.year-label', {}, year, h('small', {}, ` ${dates.length}天`)),
        h('span.chips', {}, ...dates.map(date => h('span.chip', { dataset: { date } }, dayOfYear(date),
          h('button.chip-remove', { type: 'button', title: `删除 ${date}`, ariaLabel: `删除 Remove ${date}`, onclick: () => this.change(removeDate(this.calendar, list, date)) }, '×')))))));
      if (!years.length) this.listHosts[list].append(h('p.empty', {}, '暂无 · None'));
    }
  }
}
