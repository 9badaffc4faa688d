// The wall's own inputs for action fields a plain form cannot carry: a place (a gazetteer search or a click on the
// map, pinned where it will go) for locating a report that came without a position, and the sub-tasks of a split
// (one row per platform, each with who takes it). What the fields mean and whether they are right is the server's.

import type { FieldControl, FieldControls } from '../shared/actionForm';
import type { ActionFieldView, CategoryView, IncidentView, PlaceView } from '../shared/wire';
import { chainAt, chainWords, placeSuggestions } from '../shared/placeSearch';
import { h } from '../shared/words';
import type { CityMap } from './cityMap';
import type { Lookup } from './lookup';

/** The controls for one incident's forms (a linked report is chosen among the incident's own links). */
export function deskControls(map: CityMap, lookup: Lookup, incident: IncidentView): FieldControls {
  return {
    grid: field => placeControl(field, map),
    subtasks: field => subTaskControl(field, lookup),
    link: field => linkControl(field, incident),
  };
}

/** 拆分重复上报: which of the reports linked to this case becomes a case of its own. */
function linkControl(field: ActionFieldView, incident: IncidentView): FieldControl {
  const open = incident.links.filter(l => !l.unlinkedInto);
  const select = h('select', { name: field.name, title: field.prompt },
    h('option', { value: '' }, `${field.chinese} ${field.english}…`),
    ...open.map(l => h('option', { value: l.linkId }, `${l.linkId} · ${l.description.slice(0, 40)}`)));
  return {
    element: select,
    isEmpty: () => !select.value,
    read: () => (select.value ? { [field.name]: select.value } : {}),
  };
}

/** A place: typed and chosen from the gazetteer, or clicked on the map; the pin shows where the case will be located. */
function placeControl(field: ActionFieldView, map: CityMap): FieldControl {
  let point: { lat: number; lon: number } | null = null;
  const search = h('input', { name: field.name, autocomplete: 'off', placeholder: '地名、拼音或首字母 Place, pinyin or initials', title: field.prompt });
  const suggestions = h('ul.call-places', {});
  const chosen = h('p.call-chain', {}, '或在地图上点击 · or click the map');
  const pick = h('button.place-pick', { type: 'button', title: '在地图上点选 Pick on the map' }, '地图点选 ', h('small', {}, 'Map'));

  const show = async (lat: number, lon: number, known: PlaceView['chain'] | null) => {
    point = { lat, lon };
    map.setPin(lon, lat, (movedLon, movedLat) => void show(movedLat, movedLon, null));
    map.flyTo(lon, lat, 520);
    const chain = await chainAt(lat, lon, known);
    chosen.dataset.inside = String(chain.length > 0);
    chosen.textContent = chainWords(chain);
  };
  placeSuggestions(search, suggestions, place => {
    search.value = place.name;
    void show(place.lat, place.lon, place.chain);
  }, 6);
  pick.addEventListener('click', () => {
    pick.classList.add('armed');
    chosen.textContent = '请在地图上点击事发地点 · Click the place on the map';
    map.onPoint((lon, lat) => {
      map.onPoint(null);
      pick.classList.remove('armed');
      void show(lat, lon, null);
    });
  });
  return {
    element: h('div.place-field', {}, h('div.place-row', {}, search, pick), suggestions, chosen),
    isEmpty: () => point === null,
    read: () => (point ? { lat: point.lat, lon: point.lon } : {}),
  };
}

/** 联合处置: one row per platform taking part, each with the member who takes its sub-task. */
function subTaskControl(field: ActionFieldView, lookup: Lookup): FieldControl {
  const platforms = platformsOf([...lookup.categories.values()]);
  const rows = h('ol.subtask-rows', {});
  const listId = `members-${Math.random().toString(36).slice(2)}`;
  const members = h('datalist', { id: listId }, ...[...lookup.members.values()].map(m => h('option', { value: m.id }, `${m.name} · ${m.role}`)));
  const addRow = (platform = '') => {
    const select = h('select', { name: 'platform', 'aria-label': '平台 Platform' },
      h('option', { value: '' }, '平台 Platform…'), ...platforms.map(([word, name]) => h('option', { value: word, selected: word === platform }, `${name} ${word}`)));
    const member = h('input', { name: 'memberId', autocomplete: 'off', placeholder: '处置人编号 Member id', 'aria-label': '处置人 Member' });
    member.setAttribute('list', listId);
    const remove = h('button.subtask-remove', { type: 'button', title: '删除 Remove' }, '×');
    const row = h('li.subtask-row', {}, select, member, remove);
    remove.addEventListener('click', () => row.remove());
    rows.append(row);
  };
  addRow(platforms[0]?.[0]);
  addRow(platforms[1]?.[0]);
  const add = h('button.subtask-add', { type: 'button' }, '＋ 添加平台 ', h('small', {}, 'Add a platform'));
  add.addEventListener('click', () => addRow());
  const tasks = () => [...rows.querySelectorAll('li')].map(row => ({
    platform: (row.querySelector('select') as HTMLSelectElement).value,
    memberId: (row.querySelector('input') as HTMLInputElement).value.trim(),
  })).filter(t => t.platform || t.memberId);
  return {
    element: h('div.subtask-field', { title: field.prompt }, rows, add, members),
    isEmpty: () => tasks().length === 0,
    read: () => ({ [field.name]: tasks() }),
  };
}

/** The platforms the catalogue's categories go to, each once, with its Chinese name. */
function platformsOf(categories: CategoryView[]): [string, string][] {
  const seen = new Map<string, string>();
  for (const c of categories) if (!seen.has(c.platform)) seen.set(c.platform, c.platformName);
  return [...seen];
}
