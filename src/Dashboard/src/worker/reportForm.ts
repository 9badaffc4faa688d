// Report a new incident where the worker stands: the phone's position, a place found in the city's gazetteer
// (the address box: names, pinyin, initials), or a tap on a small map of the grids; with photos taken or chosen.
// The report goes through the phone's outbox: at once when online, kept and sent when the network is back.

import { Map as MapLibreMap, Marker, setWorkerUrl, type StyleSpecification } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import type { FeatureCollection } from 'geojson';
import { api } from '../shared/api';
import type { CategoryView } from '../shared/wire';
import { placeSuggestions } from '../shared/placeSearch';
import { h, priorityWords } from '../shared/words';

setWorkerUrl(workerUrl);

const style: StyleSpecification = {
  version: 8,
  sources: {},
  layers: [{ id: 'bg', type: 'background', paint: { 'background-color': '#07121f' } }],
};

export class ReportForm {
  private map: MapLibreMap | null = null;
  private marker: Marker | null = null;
  private point: { lat: number; lon: number } | null = null;
  private readonly where: HTMLElement;
  private readonly mapHost: HTMLElement;

  /** `send` hands the report (files in `photos`) to the outbox and answers the words to show. */
  constructor(host: HTMLElement, categories: CategoryView[], send: (body: Record<string, unknown>) => Promise<string>) {
    const category = h('select', { name: 'category', required: true },
      h('option', { value: '' }, '选择类别 · Choose a category'),
      ...groupBy(categories, c => `${c.kind} · ${c.majorName}`).map(([group, items]) =>
        h('optgroup', { label: group }, ...items.map(c => h('option', { value: c.code }, `${c.name} (${c.code})`)))));
    const priority = h('select', { name: 'priority' },
      h('option', { value: '' }, '默认级别 · Category default'),
      ...Object.entries(priorityWords).map(([code, [zhWord, enWord]]) => h('option', { value: code }, `${zhWord} ${enWord}`)));
    const description = h('textarea', { name: 'description', rows: 3, required: true, placeholder: '看到了什么 · What did you see?' });
    const address = h('input', { name: 'address', autocomplete: 'off', placeholder: '地名或拼音首字母 · Place (optional)' });
    const places = h('ul.report-places', {});
    const suggestions = placeSuggestions(address, places, place => {
      address.value = place.name;
      this.place(place.lat, place.lon, true, place.name);
    }, 5);
    const locate = h('button.secondary', { type: 'button' }, '使用当前位置 ', h('small', {}, 'Use my position'));
    this.where = h('p.report-where', {}, '未定位 · No position yet: use your position or tap the map.');
    this.mapHost = h('div.report-map', {});
    const photos = h('input', { type: 'file', name: 'photos', accept: 'image/*', capture: 'environment', multiple: true });
    const submit = h('button.primary', { type: 'submit' }, '上报 ', h('small', {}, 'Report'));
    const message = h('p.report-message', { role: 'status' });
    const form = h('form.report', {},
      h('label', {}, '类别 ', h('small', {}, 'Category'), category),
      h('label', {}, '级别 ', h('small', {}, 'Priority'), priority),
      h('label', {}, '描述 ', h('small', {}, 'Description'), description),
      h('label', {}, '地址 ', h('small', {}, 'Address'), address),
      h('label.report-photos', {}, '现场照片 ', h('small', {}, 'Photos (optional)'), photos),
      places,
      h('div.report-position', {}, locate, this.where),
      this.mapHost,
      submit,
      message);

    locate.addEventListener('click', () => {
      if (!('geolocation' in navigator)) { this.where.textContent = '此设备无法定位 · No location here: tap the map.'; return; }
      this.where.textContent = '定位中 · Locating…';
      navigator.geolocation.getCurrentPosition(
        p => this.place(p.coords.latitude, p.coords.longitude, true),
        e => { this.where.textContent = `定位失败 · ${e.message}: tap the map.`; },
        { enableHighAccuracy: true, timeout: 15_000, maximumAge: 30_000 });
    });

    form.addEventListener('submit', async event => {
      event.preventDefault();
      if (!category.value) { message.textContent = '请选择类别 · Choose a category.'; return; }
      if (!description.value.trim()) { message.textContent = '请填写描述 · Describe what you saw.'; return; }
      if (!this.point) { message.textContent = '请定位或在地图上点选位置 · Give the position.'; return; }
      submit.disabled = true;
      message.textContent = '上报中 Sending…';
      try {
        const files = [...(photos.files ?? [])];
        message.textContent = await send({
          category: category.value, priority: priority.value || undefined, description: description.value.trim(),
          address: address.value.trim() || undefined, lat: this.point.lat, lon: this.point.lon, channel: 'worker-app',
          ...(files.length ? { photos: files } : {}),
        });
        description.value = '';
        address.value = '';
        photos.value = '';
        suggestions.clear();
      } catch (e) {
        message.textContent = e instanceof Error ? e.message : String(e);
      } finally {
        submit.disabled = false;
      }
    });
    host.replaceChildren(form);
  }

  /** The small map is made when the form is first shown (a hidden map has no size). */
  async showMap(): Promise<void> {
    if (this.map) {
      this.map.resize();
      return;
    }
    const map = this.map = new MapLibreMap({
      container: this.mapHost, style, center: [120.3, 31.8], zoom: 8.6, attributionControl: false, dragRotate: false, fadeDuration: 0,
    });
    map.touchZoomRotate.disableRotation();
    map.on('click', e => this.place(e.lngLat.lat, e.lngLat.lng, false));
    await new Promise<void>(resolve => map.once('load', () => resolve()));
    const [level1, level2] = await Promise.all([1, 2].map(level => api<FeatureCollection>(`/api/grids?level=${level}`)));
    map.addSource('l1', { type: 'geojson', data: level1 });
    map.addSource('l2', { type: 'geojson', data: level2 });
    map.addLayer({ id: 'l1-fill', type: 'fill', source: 'l1', paint: { 'fill-color': '#0d2136' } });
    map.addLayer({ id: 'l2-line', type: 'line', source: 'l2', paint: { 'line-color': '#2f6a96', 'line-width': 0.6 } });
    map.addLayer({ id: 'l1-line', type: 'line', source: 'l1', paint: { 'line-color': '#4fc3f7', 'line-width': 1.4 } });
    if (this.point) map.jumpTo({ center: [this.point.lon, this.point.lat], zoom: 13 });
  }

  /** A position from the device, a chosen place (named) or a tap; the first two also move the map there. */
  private place(lat: number, lon: number, fromDevice: boolean, named?: string): void {
    this.point = { lat, lon };
    this.where.textContent = `${named ?? (fromDevice ? '当前位置' : '地图选点')} · ${lat.toFixed(5)}, ${lon.toFixed(5)}`;
    if (this.map) {
      this.marker ??= new Marker({ color: '#ff2e63' });
      this.marker.setLngLat([lon, lat]).addTo(this.map);
      if (fromDevice) this.map.easeTo({ center: [lon, lat], zoom: 14 });
    }
  }
}

function groupBy<T>(items: T[], key: (item: T) => string): [string, T[]][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    if (!groups.has(k)) groups.set(k, []);
    groups.get(k)!.push(item);
  }
  return [...groups];
}
