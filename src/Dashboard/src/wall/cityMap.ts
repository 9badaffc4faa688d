// The city map of the wall: grids from the server's GeoJSON on a plain background (no tile server, no
// glyphs), level-1 names as HTML markers, incidents and workers as circle layers fed from the live feed.

import {
  Map as MapLibreMap, Marker, LngLatBounds, setWorkerUrl,
  type GeoJSONSource, type ExpressionSpecification, type StyleSpecification,
} from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import type { Feature, FeatureCollection, Geometry, Point, Position } from 'geojson';
import { api } from '../shared/api';
import type { GridProperties, IncidentDelta, PositionUpdate } from '../shared/wire';
import { h } from '../shared/words';
import { lightOf, priorityRank } from '../shared/urgency';
import type { GridLoad } from './gridLoad';

setWorkerUrl(workerUrl);

const background = '#07121f';

const style: StyleSpecification = {
  version: 8,
  sources: {},
  layers: [{ id: 'bg', type: 'background', paint: { 'background-color': background } }],
};

type GridCollection = FeatureCollection<Geometry, GridProperties>;

const empty: FeatureCollection = { type: 'FeatureCollection', features: [] };

/** Fill of a level-2 grid: green grids darker to brighter blue by open load; yellow and red by the worst light. */
const loadFill: ExpressionSpecification = [
  'case',
  ['==', ['feature-state', 'light'], 'red'], '#b3261e',
  ['==', ['feature-state', 'light'], 'yellow'], '#b7791f',
  ['interpolate', ['linear'], ['coalesce', ['feature-state', 'open'], 0],
    0, '#0f2740', 1, '#16456b', 3, '#1d6393', 6, '#2583bd'],
];

const lightLine: ExpressionSpecification = [
  'case',
  ['==', ['feature-state', 'light'], 'red'], '#ff4d4f',
  ['==', ['feature-state', 'light'], 'yellow'], '#ffb020',
  '#4fc3f7',
];

export interface CityMapHooks {
  incidentClicked(id: string): void;
}

export class CityMap {
  readonly map: MapLibreMap;
  /** Each grid's parent, for rolling incidents up to their level-1 and level-2 grids. */
  readonly parents = new Map<string, string | null>();
  readonly names = new Map<string, string>();
  readonly levels = new Map<string, number>();
  private readonly labels = new Map<string, { marker: Marker; count: HTMLElement; element: HTMLElement }>();
  private bounds: LngLatBounds | null = null;
  private cityBounds: LngLatBounds | null = null;
  /** Every grid's outline by id, for framing a scope of any level. */
  private readonly outlines = new Map<string, Feature<Geometry, GridProperties>>();
  private loaded: Promise<void>;
  private ready = false;
  private pendingIncidents: FeatureCollection<Point> | null = null;
  private pendingWorkers: FeatureCollection<Point> | null = null;
  private pendingLoads: Map<string, GridLoad> | null = null;
  private shownLoads = new Map<string, GridLoad>();
  private incidentsKey = '';
  private frame = 0;

  constructor(container: HTMLElement, private readonly hooks: CityMapHooks) {
    this.map = new MapLibreMap({
      container,
      style,
      center: [120.3, 31.8],
      zoom: 9.5,
      attributionControl: false,
      dragRotate: false,
      pitchWithRotate: false,
      touchPitch: false,
      fadeDuration: 0,
    });
    this.map.touchZoomRotate.disableRotation();
    this.loaded = new Promise(resolve => this.map.once('load', () => resolve()));
    new ResizeObserver(() => {
      this.map.resize();
      this.fitCity(false);
    }).observe(container);
  }

  /** Loads the grid levels from the API and draws them. */
  async loadGrids(): Promise<void> {
    const [city, level1, level2, level3] = await Promise.all(
      [0, 1, 2, 3].map(level => api<GridCollection>(`/api/grids?level=${level}`)));
    for (const collection of [city, level1, level2, level3]) {
      for (const feature of collection.features) {
        this.parents.set(feature.properties.id, feature.properties.parentId);
        this.names.set(feature.properties.id, feature.properties.name);
        this.levels.set(feature.properties.id, feature.properties.level);
        this.outlines.set(feature.properties.id, feature);
      }
    }
    await this.loaded;
    const map = this.map;
    map.addSource('city', { type: 'geojson', data: city });
    map.addSource('grids-l1', { type: 'geojson', data: level1, promoteId: 'id' });
    map.addSource('grids-l2', { type: 'geojson', data: level2, promoteId: 'id' });
    map.addSource('grids-l3', { type: 'geojson', data: level3, promoteId: 'id' });
    map.addSource('incidents', { type: 'geojson', data: empty });
    map.addSource('workers', { type: 'geojson', data: empty });

    map.addLayer({ id: 'city-glow', type: 'line', source: 'city', paint: { 'line-color': '#38bdf8', 'line-width': 14, 'line-blur': 12, 'line-opacity': 0.35 } });
    map.addLayer({ id: 'city-land', type: 'fill', source: 'city', paint: { 'fill-color': '#0d2136' } });
    map.addLayer({ id: 'grids-l2-fill', type: 'fill', source: 'grids-l2', paint: { 'fill-color': loadFill, 'fill-opacity': 0.78 } });
    map.addLayer({ id: 'grids-l3-line', type: 'line', source: 'grids-l3', paint: { 'line-color': '#1f4466', 'line-width': 0.5, 'line-opacity': 0.55 } });
    map.addLayer({ id: 'grids-l2-line', type: 'line', source: 'grids-l2', paint: { 'line-color': '#2f6a96', 'line-width': 0.9, 'line-opacity': 0.8 } });
    map.addLayer({ id: 'grids-l1-fill', type: 'fill', source: 'grids-l1', paint: {
      'fill-color': lightLine,
      'fill-opacity': ['case', ['==', ['feature-state', 'light'], 'red'], 0.12, ['==', ['feature-state', 'light'], 'yellow'], 0.08, 0],
    } });
    map.addLayer({ id: 'grids-l1-glow', type: 'line', source: 'grids-l1', paint: { 'line-color': lightLine, 'line-width': 6, 'line-blur': 5, 'line-opacity': 0.35 } });
    map.addLayer({ id: 'grids-l1-line', type: 'line', source: 'grids-l1', paint: { 'line-color': lightLine, 'line-width': 1.8, 'line-opacity': 0.95 } });
    map.addLayer({ id: 'city-line', type: 'line', source: 'city', paint: { 'line-color': '#7dd3fc', 'line-width': 2.4 } });

    map.addLayer({ id: 'workers', type: 'circle', source: 'workers', paint: {
      'circle-radius': ['interpolate', ['linear'], ['zoom'], 9, 2.2, 13, 5],
      'circle-color': ['match', ['get', 'duty'], 'on', '#34d399', 'busy', '#fb923c', '#64748b'],
      'circle-opacity': ['match', ['get', 'duty'], 'off', 0.5, 0.95],
      'circle-stroke-color': '#03121f',
      'circle-stroke-width': 0.6,
    } });
    map.addLayer({ id: 'incident-halo', type: 'circle', source: 'incidents', filter: ['in', ['get', 'light'], ['literal', ['yellow', 'red']]], paint: {
      'circle-radius': ['interpolate', ['linear'], ['zoom'], 9, ['+', 8, ['get', 'size']], 13, ['+', 16, ['*', 2, ['get', 'size']]]],
      'circle-color': ['match', ['get', 'light'], 'red', '#ff1f3d', '#ffb020'],
      'circle-blur': 0.7,
      'circle-opacity': 0.75,
    } });
    map.addLayer({ id: 'incidents', type: 'circle', source: 'incidents', paint: {
      'circle-radius': ['interpolate', ['linear'], ['zoom'], 9, ['get', 'size'], 13, ['*', 2, ['get', 'size']]],
      'circle-color': ['match', ['get', 'priority'], 'urgent', '#ff2e63', 'high', '#ff9f1c', 'normal', '#ffe066', '#7dd3fc'],
      'circle-stroke-color': ['case', ['boolean', ['get', 'selected'], false], '#ffffff', '#0b1a2b'],
      'circle-stroke-width': ['case', ['boolean', ['get', 'selected'], false], 3, 1.4],
    } });

    map.on('click', 'incidents', e => {
      const id = e.features?.[0]?.properties?.id;
      if (typeof id === 'string') this.hooks.incidentClicked(id);
    });
    map.on('mouseenter', 'incidents', () => { map.getCanvas().style.cursor = 'pointer'; });
    map.on('mouseleave', 'incidents', () => { map.getCanvas().style.cursor = ''; });

    this.bounds = this.cityBounds = boundsOf(city.features.length ? city : level1);
    this.fitCity(false);
    for (const feature of level1.features) this.addLabel(feature);
    this.ready = true;
    this.flush();
  }

  /**
   * A scope's view: frame that grid (a town, a village or a block) and mark its outline; the rest of the city
   * stays for context. The city itself frames the whole city again.
   */
  focus(gridId: string): void {
    const grid = this.outlines.get(gridId);
    if (!grid) return;
    if (this.map.getLayer('scope-line')) this.map.removeLayer('scope-line');
    const level = grid.properties.level;
    if (level === 0) {
      this.bounds = this.cityBounds;
    } else {
      this.bounds = boundsOf({ type: 'FeatureCollection', features: [grid] });
      this.map.addLayer({ id: 'scope-line', type: 'line', source: `grids-l${level}`, filter: ['==', ['get', 'id'], gridId],
        paint: { 'line-color': '#e0f2fe', 'line-width': 3.5 } });
    }
    this.fitCity(false);
  }

  fitCity(animate: boolean): void {
    if (!this.bounds) return;
    const { clientWidth: width, clientHeight: height } = this.map.getContainer();
    const pad = Math.round(Math.min(width, height) * 0.05);
    this.map.fitBounds(this.bounds, { padding: pad, animate });
  }

  /** Redraws the incident markers from the open incidents held. */
  setIncidents(incidents: Iterable<IncidentDelta>, selectedId: string | null, now: number): void {
    const features: Feature<Point>[] = [];
    const signature: string[] = [selectedId ?? ''];
    for (const incident of incidents) {
      if (incident.lat === null || incident.lon === null) continue;
      signature.push(`${incident.id}:${incident.version}:${lightOf(incident, now)}`);
      features.push({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [incident.lon, incident.lat] },
        properties: {
          id: incident.id, priority: incident.priority, state: incident.state, light: lightOf(incident, now),
          size: [9, 7.5, 6, 5, 5][priorityRank(incident.priority)], selected: incident.id === selectedId,
        },
      });
    }
    // Every redraw of the map costs a frame (heavy where WebGL runs in software): none when nothing changed.
    const key = signature.join('|');
    if (key === this.incidentsKey) return;
    this.incidentsKey = key;
    // Urgent ones drawn last, on top.
    features.sort((a, b) => priorityRank(b.properties!.priority) - priorityRank(a.properties!.priority));
    this.pendingIncidents = { type: 'FeatureCollection', features };
    this.schedule();
  }

  setWorkers(positions: Iterable<PositionUpdate>): void {
    const features: Feature<Point>[] = [];
    for (const p of positions)
      features.push({ type: 'Feature', geometry: { type: 'Point', coordinates: [p.lon, p.lat] }, properties: { id: p.memberId, duty: p.duty } });
    this.pendingWorkers = { type: 'FeatureCollection', features };
    this.schedule();
  }

  setGridLoads(loads: Map<string, GridLoad>): void {
    this.pendingLoads = loads;
    this.schedule();
  }

  /** For tests and diagnostics: what the map's sources hold now. */
  async sourceFeatureCount(source: string): Promise<number> {
    const data = await (this.map.getSource(source) as GeoJSONSource | undefined)?.getData();
    return (data as FeatureCollection | undefined)?.features.length ?? 0;
  }

  async sourceIds(source: string): Promise<string[]> {
    const data = await (this.map.getSource(source) as GeoJSONSource | undefined)?.getData();
    return ((data as FeatureCollection | undefined)?.features ?? []).map(f => String(f.properties?.id ?? f.id));
  }

  labelNames(): string[] {
    return [...this.labels.values()].map(l => l.element.dataset.name!);
  }

  /** Brings a point into view beside a panel that covers the map's right side (its width in pixels). */
  flyTo(lon: number, lat: number, coveredRight = 0, coveredLeft = 0): void {
    this.map.easeTo({ center: [lon, lat], padding: { right: coveredRight, left: coveredLeft, top: 0, bottom: 0 }, duration: 600 });
  }

  private pin: Marker | null = null;
  private pointHandler: ((lon: number, lat: number) => void) | null = null;

  /** A draggable pin (the call form's place); a drag calls back with where it was dropped. */
  setPin(lon: number, lat: number, moved: (lon: number, lat: number) => void): void {
    this.clearPin();
    const element = document.createElement('div');
    element.className = 'call-pin';
    this.pin = new Marker({ element, draggable: true, anchor: 'bottom' }).setLngLat([lon, lat]).addTo(this.map);
    this.pin.on('dragend', () => {
      const at = this.pin?.getLngLat();
      if (at) moved(at.lng, at.lat);
    });
  }

  clearPin(): void {
    this.pin?.remove();
    this.pin = null;
  }

  /** While set, a click on the map (not on an incident) names a point: the call form locates with it. */
  onPoint(handler: ((lon: number, lat: number) => void) | null): void {
    if (!this.pointHandler && handler) this.map.on('click', this.pointClicked);
    if (this.pointHandler && !handler) this.map.off('click', this.pointClicked);
    this.pointHandler = handler;
  }

  private readonly pointClicked = (e: { lngLat: { lng: number; lat: number }; point: { x: number; y: number } }): void => {
    if (this.map.getLayer('incidents') && this.map.queryRenderedFeatures([e.point.x, e.point.y], { layers: ['incidents'] }).length) return;
    this.pointHandler?.(e.lngLat.lng, e.lngLat.lat);
  };

  /** Back to the whole city once the panel is closed. */
  release(): void {
    this.map.setPadding({ left: 0, right: 0, top: 0, bottom: 0 });
    this.fitCity(true);
  }

  private schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.flush();
    });
  }

  private flush(): void {
    if (!this.ready) return;
    if (this.pendingIncidents) (this.map.getSource('incidents') as GeoJSONSource).setData(this.pendingIncidents);
    if (this.pendingWorkers) (this.map.getSource('workers') as GeoJSONSource).setData(this.pendingWorkers);
    this.pendingIncidents = this.pendingWorkers = null;
    if (this.pendingLoads) this.showLoads(this.pendingLoads);
    this.pendingLoads = null;
  }

  private showLoads(loads: Map<string, GridLoad>): void {
    for (const [id] of this.shownLoads) if (!loads.has(id)) this.paintGrid(id, { open: 0, overdue: 0, warned: 0, light: 'green' });
    for (const [id, load] of loads) {
      const before = this.shownLoads.get(id);
      if (!before || before.open !== load.open || before.light !== load.light) this.paintGrid(id, load);
    }
    this.shownLoads = loads;
  }

  private paintGrid(id: string, load: GridLoad): void {
    const level = this.levels.get(id);
    const source = level === 1 ? 'grids-l1' : level === 2 ? 'grids-l2' : null;
    if (source) this.map.setFeatureState({ source, id }, { open: load.open, light: load.light });
    const label = this.labels.get(id);
    if (label) {
      label.count.textContent = String(load.open);
      label.element.dataset.light = load.light;
      label.element.classList.toggle('has-open', load.open > 0);
    }
  }

  private addLabel(feature: Feature<Geometry, GridProperties>): void {
    const [lon, lat] = labelPoint(feature.geometry);
    const count = h('span.grid-label-count', {}, '0');
    const element = h('div.grid-label', { dataset: { id: feature.properties.id, name: feature.properties.name, light: 'green' } },
      h('span.grid-label-name', {}, feature.properties.name), count);
    const marker = new Marker({ element, anchor: 'center' }).setLngLat([lon, lat]).addTo(this.map);
    this.labels.set(feature.properties.id, { marker, count, element });
  }
}

function boundsOf(collection: FeatureCollection<Geometry, GridProperties>): LngLatBounds {
  const bounds = new LngLatBounds();
  for (const feature of collection.features) for (const [lon, lat] of outerRing(feature.geometry)) bounds.extend([lon, lat]);
  return bounds;
}

function outerRing(geometry: Geometry): Position[] {
  if (geometry.type === 'Polygon') return geometry.coordinates[0];
  if (geometry.type === 'MultiPolygon') {
    // The largest part carries the label.
    return geometry.coordinates.map(p => p[0]).sort((a, b) => Math.abs(area(b)) - Math.abs(area(a)))[0] ?? [];
  }
  return [];
}

function area(ring: Position[]): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) sum += ring[j][0] * ring[i][1] - ring[i][0] * ring[j][1];
  return sum / 2;
}

/** The area-weighted centroid of the outer ring: inside for the compact town shapes of the sample city. */
function labelPoint(geometry: Geometry): [number, number] {
  const ring = outerRing(geometry);
  let x = 0, y = 0;
  const a = area(ring);
  if (Math.abs(a) < 1e-12) return [ring[0]?.[0] ?? 0, ring[0]?.[1] ?? 0];
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const f = ring[j][0] * ring[i][1] - ring[i][0] * ring[j][1];
    x += (ring[j][0] + ring[i][0]) * f;
    y += (ring[j][1] + ring[i][1]) * f;
  }
  return [x / (6 * a), y / (6 * a)];
}
