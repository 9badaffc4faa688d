// 受理: the hotline call-taking form beside the wall, made to be filled while the caller speaks, keyboard first.
// F2 opens it; the address box searches the city's gazetteer (names, pinyin, initials) and pins the place on the
// map, where the pin can be dragged or the map clicked; Ctrl+Enter submits; the case number is shown large to
// read back to the caller. What is valid is the server's to say: its refusals are shown at the fields they name.

import { api, ApiError } from '../shared/api';
import type { CategoryView, Created, IncidentList, NearbyAnswer, PlaceView } from '../shared/wire';
import { uploadPhotos } from '../shared/device';
import { chainAt, chainWords, placeSuggestions, type PlaceSuggestions } from '../shared/placeSearch';
import { h, priorityWords, stamp, stateWords, zh, en } from '../shared/words';
import type { CityMap } from './cityMap';

export class CallForm {
  readonly element: HTMLElement;
  private categories: CategoryView[] = [];
  private point: { lat: number; lon: number } | null = null;
  private readonly places: PlaceSuggestions;
  private readonly fields: Record<string, HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>;
  private readonly categoryHint = h('p.call-hint', {});
  private readonly suggestions = h('ul.call-places', {});
  private readonly chain = h('p.call-chain', {});
  private readonly result = h('div.call-result', { hidden: true });
  private readonly nearby = h('div.call-nearby', { hidden: true });
  private nearbySerial = 0;
  private readonly history = h('div.call-history', { hidden: true });
  private historySerial = 0;
  private historyTimer = 0;
  private readonly photos = h('input', { type: 'file', name: 'photos', accept: 'image/jpeg,image/png,image/webp', multiple: true });
  private readonly message = h('p.call-message', {});

  constructor(host: HTMLElement, private readonly map: CityMap, private readonly opened: (id: string) => void) {
    const input = (name: string, attrs: Record<string, unknown> = {}) => h('input', { name, autocomplete: 'off', ...attrs });
    this.fields = {
      callerName: input('callerName', { maxLength: 100, placeholder: '姓名 Name' }),
      callerPhone: input('callerPhone', { maxLength: 30, inputMode: 'tel', placeholder: '电话 Phone' }),
      category: input('category', { placeholder: '类别名称或编码 Category name or code' }),
      address: input('address', { maxLength: 500, placeholder: '地名、拼音或首字母 Place, pinyin or initials' }),
      priority: h('select', { name: 'priority' }, ...Object.keys(priorityWords).map(p => h('option', { value: p }, `${zh(priorityWords, p)} ${en(priorityWords, p)}`))),
      description: h('textarea', { name: 'description', rows: 3, maxLength: 4000, placeholder: '事件描述 What happened' }),
    };
    // Attributes with no writable property of the same name.
    this.fields.category.setAttribute('list', 'call-categories');
    this.fields.address.setAttribute('role', 'combobox');
    const row = (label: string, english: string, name: string, ...extra: Node[]) =>
      h('label.call-row', { dataset: { field: name } }, h('span', {}, label, h('small', {}, english)), this.fields[name], h('em.call-error', {}), ...extra);
    const submit = h('button.call-submit', { type: 'submit' }, '受理提交 ', h('small', {}, 'Submit (Ctrl+Enter)'));
    const form = h('form.call-form', { noValidate: true },
      row('来电人', 'Caller', 'callerName'), row('联系电话', 'Phone', 'callerPhone', this.history),
      row('事件类别', 'Category', 'category', this.categoryHint),
      row('事发地点', 'Where', 'address', this.suggestions, this.chain),
      this.nearby,
      row('紧急程度', 'Priority', 'priority'), row('事件描述', 'Description', 'description'),
      h('label.call-row', { dataset: { field: 'photos' } }, h('span', {}, '现场照片', h('small', {}, 'Photos (optional)')), this.photos, h('em.call-error', {})),
      this.message, submit);
    this.element = h('aside.call', { id: 'call', hidden: true },
      h('button.detail-close', { type: 'button', title: '关闭 Close (Esc)', onclick: () => this.close() }, '×'),
      h('div.detail-body', {}, h('h2', {}, '热线受理 ', h('small', {}, '12345 call')), form, this.result));
    this.element.setAttribute('aria-label', '受理 Take a call');
    host.append(this.element);

    form.addEventListener('submit', e => { e.preventDefault(); void this.submit(); });
    this.element.addEventListener('keydown', e => {
      if (e.key === 'Escape') this.close();
      if (e.key === 'Enter' && e.ctrlKey) { e.preventDefault(); void this.submit(); }
    });
    this.fields.category.addEventListener('input', () => this.categoryChosen());
    this.fields.callerPhone.addEventListener('input', () => {
      window.clearTimeout(this.historyTimer);
      this.historyTimer = window.setTimeout(() => void this.showHistory(), 250);
    });
    this.places = placeSuggestions(this.fields.address as HTMLInputElement, this.suggestions, place => this.choose(place));
  }

  get isOpen(): boolean { return !this.element.hidden; }

  async open(): Promise<void> {
    if (!this.categories.length) {
      this.categories = await api<CategoryView[]>('/api/categories');
      this.element.append(h('datalist', { id: 'call-categories' },
        ...this.categories.map(c => h('option', { value: `${c.code} ${c.name}` }, `${c.initials} · ${c.majorName} · ${c.kind}`))));
    }
    this.reset();
    this.element.hidden = false;
    this.map.onPoint((lon, lat) => void this.pointChosen(lat, lon, null));
    this.fields.callerName.focus();
  }

  close(): void {
    this.element.hidden = true;
    this.map.onPoint(null);
    this.map.clearPin();
  }

  private reset(): void {
    for (const field of Object.values(this.fields)) if (!(field instanceof HTMLSelectElement)) field.value = '';
    this.fields.priority.value = 'normal';
    this.point = null;
    this.places.clear();
    this.chain.textContent = '在地图上点击也可定位 · or click the map';
    this.categoryHint.textContent = '';
    this.message.textContent = '';
    this.result.hidden = true;
    this.nearby.hidden = true;
    this.history.hidden = true;
    this.photos.value = '';
    this.showErrors({});
    this.map.clearPin();
  }

  /** The category typed or picked: its code, with its default priority and limit shown and taken. */
  private category(): CategoryView | undefined {
    const text = this.fields.category.value.trim();
    const code = text.split(/\s+/)[0]?.toUpperCase();
    const initials = this.categories.filter(c => c.initials === text.toLowerCase());
    return this.categories.find(c => c.code === code) ?? this.categories.find(c => c.name === text) ?? (initials.length === 1 ? initials[0] : undefined);
  }

  private categoryChosen(): void {
    const category = this.category();
    this.categoryHint.textContent = category
      ? `${category.code} ${category.name} · ${category.platformName} · 默认 ${zh(priorityWords, category.defaultPriority)} · 处置时限 ${category.handlingLimit}`
      : '';
    if (category) this.fields.priority.value = category.defaultPriority;
    void this.showNearby();
  }

  /**
   * The open cases of this category the duplicate rule would join a report here to, shown before submitting so the
   * operator can tell the caller the case is known (submitting links the call to the nearest, it opens no new case).
   */
  private async showNearby(): Promise<void> {
    const category = this.category();
    const serial = ++this.nearbySerial;
    if (!category || !this.point) { this.nearby.hidden = true; return; }
    const found = await api<NearbyAnswer>(`/api/incidents/nearby?category=${category.code}&lat=${this.point.lat}&lon=${this.point.lon}`);
    if (serial !== this.nearbySerial) return;
    this.nearby.hidden = found.incidents.length === 0;
    this.nearby.replaceChildren(
      h('p', {}, `附近 ${found.radiusMetres} 米内已有同类在办案件：是同一件请点“同一案件”，否则提交将并入最近的一件 · `,
        h('small', {}, 'Open cases of this kind nearby: name the same one, or submitting joins the nearest')),
      h('ul', {}, ...found.incidents.map(i => h('li', { dataset: { id: i.id } },
        h('strong', {}, i.id), h('span', {}, `${i.distanceMetres} 米 · ${zh(stateWords, i.state)} `,
          h('button.call-preview', { type: 'button', onclick: () => this.opened(i.id) }, '预览 Preview'), ' ',
          h('button.call-same', { type: 'button', title: '来电所述即此案件：并入，不另立案 · Link the call to this case', onclick: () => void this.submit(i.id) }, '同一案件 Same case')),
        h('small', {}, i.description ?? '')))));
  }

  /** The caller's earlier cases, as soon as enough of the number is typed: a repeat caller is asked about the case they know. */
  private async showHistory(): Promise<void> {
    const digits = this.fields.callerPhone.value.replace(/\D/g, '');
    const serial = ++this.historySerial;
    if (digits.length < 7) { this.history.hidden = true; return; }
    const list = await api<IncidentList>(`/api/incidents?phone=${digits}&pageSize=5`).catch(() => null);
    if (serial !== this.historySerial || !list) return;
    this.history.hidden = list.total === 0;
    this.history.replaceChildren(
      h('p', {}, `该号码以往来电 ${list.total} 件 · `, h('small', {}, `${list.total} earlier case(s) from this number`)),
      h('ul', {}, ...list.items.map(i => h('li', { dataset: { id: i.id }, onclick: () => this.opened(i.id) },
        h('strong', {}, i.id), h('span', {}, `${zh(stateWords, i.state)}`), h('span', {}, `${i.categoryName ?? i.category} · ${stamp(i.createdAt)}`),
        h('small', {}, [i.address, i.summary].filter(Boolean).join(' · '))))));
  }

  private choose(place: PlaceView): void {
    this.fields.address.value = place.name;
    void this.pointChosen(place.lat, place.lon, place.chain);
    this.fields.priority.focus();
  }

  /** A point from a place, a map click or a dragged pin: pinned, and its grid chain shown (asked of the server when not known). */
  private async pointChosen(lat: number, lon: number, chain: PlaceView['chain'] | null): Promise<void> {
    this.point = { lat, lon };
    this.map.setPin(lon, lat, (movedLon, movedLat) => void this.pointChosen(movedLat, movedLon, null));
    // The form covers the map's left side: centre the pin in what stays visible.
    this.map.flyTo(lon, lat, 0, this.element.offsetWidth + 24);
    const grids = await chainAt(lat, lon, chain);
    void this.showNearby();
    this.chain.dataset.inside = String(grids.length > 0);
    this.chain.textContent = chainWords(grids);
  }

  /** Sends the call; `sameAs` links it to the open case the operator named as the same. */
  private async submit(sameAs?: string): Promise<void> {
    this.showErrors({});
    this.message.textContent = '';
    const category = this.category();
    const body = {
      category: category?.code ?? this.fields.category.value.trim(),
      priority: this.fields.priority.value,
      description: this.fields.description.value.trim(),
      channel: 'hotline',
      address: this.fields.address.value.trim() || null,
      callerName: this.fields.callerName.value.trim() || null,
      callerPhone: this.fields.callerPhone.value.trim() || null,
      lat: this.point?.lat ?? null,
      lon: this.point?.lon ?? null,
      ...(sameAs ? { sameAs } : {}),
    };
    try {
      // A report's photos are references as given: the stored photos' URLs.
      const photos = (await uploadPhotos(this.photos.files)).map(p => p.url);
      const created = await api<Created>('/api/incidents', { body: photos.length ? { ...body, photos } : body });
      this.showCase(created);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      const errors = (e.problem?.errors ?? {}) as Record<string, string[]>;
      this.showErrors(errors);
      this.message.textContent = Object.keys(errors).length ? '请更正标红的项 · Correct the marked fields.' : e.message;
    }
  }

  private showErrors(errors: Record<string, string[]>): void {
    for (const row of this.element.querySelectorAll<HTMLElement>('.call-row')) {
      const field = row.dataset.field!;
      const text = (errors[field] ?? (field === 'address' ? [...(errors.lat ?? []), ...(errors.lon ?? [])] : field === 'photos' ? errors.file ?? [] : [])).join(' ');
      row.dataset.invalid = String(text.length > 0);
      row.querySelector('.call-error')!.textContent = text;
    }
  }

  private showCase(created: Created): void {
    const linked = created.duplicateOf != null;
    this.result.hidden = false;
    this.result.replaceChildren(
      h('p', {}, linked ? '已并入在办案件 · Joined an open case' : '受理编号 · Case number'),
      h('strong.call-case', { dataset: { id: created.id } }, created.id),
      h('div.call-actions', {},
        h('button', { type: 'button', onclick: () => { this.close(); this.opened(created.id); } }, '查看案件 ', h('small', {}, 'Open the case')),
        h('button', { type: 'button', onclick: () => this.reset() }, '下一个来电 ', h('small', {}, 'Next call'))));
  }
}
