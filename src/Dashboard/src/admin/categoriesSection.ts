// 事项分类: the category catalogue (GET /api/admin/categories), retired ones marked. Add one (POST), edit one with
// its code fixed (PUT), retire it (no new reports; its cases go on) or restore it.

import { api } from '../shared/api';
import type { CategoryInput, CategoryRecord } from './adminWire';
import { categoryKinds, platformWords } from './adminWords';
import { clearRefusal, field, messageOf, say, showRefusal } from '../shared/fieldErrors';
import type { Section } from './section';
import { en, h, priorityWords, zh } from '../shared/words';

const blank: CategoryInput = { code: '', kind: '事件', majorCode: '', majorName: '', minorCode: '', name: '', platform: 'CitizenServices', defaultPriority: 'normal', handlingLimit: '' };

/** The category form: new (code typed) or an existing one (code fixed). Sends the fields; the server judges them. */
function categoryForm(initial: CategoryInput, isNew: boolean, send: (body: CategoryInput) => Promise<void>, cancel?: () => void): HTMLFormElement {
  const select = (name: string, pairs: [string, string][], current: string) =>
    h('select', { name }, ...pairs.map(([value, label]) => h('option', { value, selected: value === current }, label)),
      ...(pairs.some(([v]) => v === current) ? [] : [h('option', { value: current, selected: true }, current)]));
  const input = (name: keyof CategoryInput, extra: Record<string, unknown> = {}) =>
    h('input', { name, value: initial[name], autocomplete: 'off', spellcheck: false, ...extra });
  const inputs = {
    code: input('code', { readOnly: !isNew, placeholder: 'E0102' }),
    kind: select('kind', categoryKinds.map(([k, e]) => [k, `${k} ${e}`]), initial.kind),
    majorCode: input('majorCode', { placeholder: '01', size: 4 }),
    majorName: input('majorName', { placeholder: '市容环境' }),
    minorCode: input('minorCode', { placeholder: '02', size: 4 }),
    name: input('name', { placeholder: '暴露垃圾' }),
    platform: select('platform', Object.entries(platformWords).map(([code, [z, e]]) => [code, `${z} ${e}`]), initial.platform),
    defaultPriority: select('defaultPriority', Object.entries(priorityWords).map(([code, [z, e]]) => [code, `${z} ${e}`]), initial.defaultPriority),
    handlingLimit: input('handlingLimit', { placeholder: '4h · 2wh · 30m', size: 8 }),
  };
  const message = h('div.form-message', { role: 'status' });
  const form = h('form.category-form', { dataset: { code: initial.code, mode: isNew ? 'new' : 'edit' }, noValidate: true },
    h('div.field-row', {},
      field('code', '编码', 'Code', inputs.code), field('kind', '类型', 'Kind', inputs.kind),
      field('majorCode', '大类码', 'Major', inputs.majorCode), field('majorName', '大类名称', 'Major name', inputs.majorName),
      field('minorCode', '小类码', 'Minor', inputs.minorCode), field('name', '名称', 'Name', inputs.name)),
    h('div.field-row', {},
      field('platform', '平台', 'Platform', inputs.platform), field('defaultPriority', '默认紧急程度', 'Default priority', inputs.defaultPriority),
      field('handlingLimit', '处置时限', 'Handling limit', inputs.handlingLimit, '30m 分钟 · 4h 小时 · 2wh 工作时'),
      h('div.form-actions', {},
        h('button.primary', { type: 'submit' }, isNew ? '添加 ' : '保存 ', h('small', {}, isNew ? 'Add' : 'Save')),
        cancel ? h('button.plain', { type: 'button', onclick: cancel }, '取消 ', h('small', {}, 'Cancel')) : null)),
    message);
  form.addEventListener('submit', event => {
    event.preventDefault();
    void (async () => {
      clearRefusal(form, message);
      const body = Object.fromEntries(Object.entries(inputs).map(([k, el]) => [k, el.value.trim()])) as unknown as CategoryInput;
      try {
        await send(body);
        say(message, '已保存 · Saved', 'green');
        if (isNew) form.reset();
      } catch (e) {
        showRefusal(form, message, e);
      }
    })();
  });
  return form;
}

export function categoriesSection(): Section {
  const body = h('tbody');
  const status = h('div.form-message.categories-status', { role: 'status' });
  const showRetired = h('input', { type: 'checkbox', name: 'showRetired', checked: true });
  let categories: CategoryRecord[] = [];
  let editing: string | null = null;

  const path = (code: string, rest = '') => `/api/admin/categories/${encodeURIComponent(code)}${rest}`;
  const load = async () => {
    try {
      categories = await api<CategoryRecord[]>('/api/admin/categories');
    } catch (e) {
      say(status, messageOf(e), 'red');
    }
    draw();
  };
  const act = async (what: string, call: () => Promise<unknown>) => {
    try {
      await call();
      say(status, `${what}：完成 · Done`, 'green');
    } catch (e) {
      say(status, `${what}：${messageOf(e)}`, 'red');
    }
    await load();
  };

  const draw = () => {
    const shown = showRetired.checked ? categories : categories.filter(c => !c.retired);
    body.replaceChildren(...shown.flatMap(c => {
      const row = h('tr', { dataset: { code: c.code, retired: String(c.retired) } },
        h('td', {}, h('code', {}, c.code)), h('td', {}, c.kind), h('td', {}, `${c.majorCode} ${c.majorName}`), h('td', {}, c.minorCode),
        h('td', {}, h('span.category-name', {}, c.name), c.retired ? h('span.retired-mark', {}, ' 已停用 Retired') : null),
        h('td', {}, zh(platformWords, c.platform), h('small', {}, ` ${en(platformWords, c.platform)}`)),
        h('td', {}, h('span.prio', { dataset: { priority: c.defaultPriority } }, zh(priorityWords, c.defaultPriority))),
        h('td', {}, c.handlingLimit),
        h('td', {}, h('div.actions', {},
          h('button.category-edit', { type: 'button', onclick: () => { editing = editing === c.code ? null : c.code; draw(); } }, '编辑 ', h('small', {}, 'Edit')),
          c.retired
            ? h('button.category-restore', { type: 'button', onclick: () => void act(`恢复 ${c.code}`, () => api(path(c.code, '/restore'), { method: 'POST' })) }, '恢复 ', h('small', {}, 'Restore'))
            : h('button.category-retire.danger', { type: 'button', onclick: () => void act(`停用 ${c.code}`, () => api(path(c.code, '/retire'), { method: 'POST' })) }, '停用 ', h('small', {}, 'Retire')))));
      if (editing !== c.code) return [row];
      const form = categoryForm(c, false, async next => {
        await api(path(c.code), { method: 'PUT', body: next });
        editing = null;
        await load();
      }, () => { editing = null; draw(); });
      return [row, h('tr.edit-row', {}, h('td', { colSpan: 9 }, form))];
    }));
  };
  showRetired.addEventListener('change', draw);

  const addForm = categoryForm(blank, true, async next => {
    await api('/api/admin/categories', { body: next });
    await load();
  });

  return {
    id: 'categories', zh: '事项分类', en: 'Categories',
    element: h('section.admin-section.categories', {},
      h('header.section-head', {}, h('h2', {}, '事项分类 ', h('small', {}, 'Category catalogue')),
        h('label.inline', {}, showRetired, h('span', {}, '显示已停用 ', h('small', {}, 'Show retired')))),
      h('details.add-category', {}, h('summary', {}, '＋ 添加分类 ', h('small', {}, 'Add a category')), addForm),
      status,
      h('div.table-scroll', {}, h('table.categories', {},
        h('thead', {}, h('tr', {}, ...['编码 Code', '类型 Kind', '大类 Major', '小类 Minor', '名称 Name', '平台 Platform', '默认紧急程度 Priority', '处置时限 Limit', '操作 Actions'].map(t => h('th', {}, t)))),
        body)),
      h('p.note', {}, '停用的分类不再受理新上报，已有案件照常办理。 ', h('small', {}, 'A retired category takes no new reports; its cases go on.'))),
    show: load,
  };
}
