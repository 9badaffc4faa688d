// The 网格 view's small map: the member's home grid outlined, its open cases as dots coloured by light, and its
// team's last positions. Drawn from the same live feed as the list; made when the tab is first shown (a hidden
// map has no size).

import { Map as MapLibreMap, LngLatBounds, setWorkerUrl, type GeoJSONSource, type StyleSpecification } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';
import { api } from '../shared/api';
import type { IncidentDelta, PositionUpdate } from '../shared/wire';
import { lightOf } from '../shared/urgency';

setWorkerUrl(workerUrl);

const style: StyleSpecification = { version: 8, sources: {}, layers: [{ id: 'bg', type: 'background', paint: { 'background-color': '#07121f' } }] };
const empty: FeatureCollection = { type: 'FeatureCollection', features: [] };

export class GridMap {
  private map: MapLibreMap | null = null;
  private ready = false;

  constructor(private readonly host: HTMLElement, private readonly gridId: string) {}

  async show(): Promise<void> {
    if (this.map) { this.map.resize(); return; }
    const map = this.map = new MapLibreMap({ container: this.host, style, center: [120.3, 31.8], zoom: 11, attributionControl: false, dragRotate: false, fadeDuration: 0 });
    map.touchZoomRotate.disableRotation();
    await new Promise<void>(resolve => map.once('load', () => resolve()));
    const grid = await api<Feature<Geometry>>(`/api/grids/${encodeURIComponent(this.gridId)}`);
    map.addSource('grid', { type: 'geojson', data: grid });
    map.addSource('incidents', { type: 'geojson', data: empty });
    map.addSource('team', { type: 'geojson', data: empty });
    map.addLayer({ id: 'grid-fill', type: 'fill', source: 'grid', paint: { 'fill-color': '#0d2136' } });
    map.addLayer({ id: 'grid-line', type: 'line', source: 'grid', paint: { 'line-color': '#4fc3f7', 'line-width': 1.6 } });
    map.addLayer({ id: 'team', type: 'circle', source: 'team', paint: { 'circle-radius': 4, 'circle-color': '#34d399', 'circle-stroke-color': '#02101f', 'circle-stroke-width': 1 } });
    map.addLayer({
      id: 'incidents', type: 'circle', source: 'incidents',
      paint: {
        'circle-radius': 7, 'circle-stroke-color': '#02101f', 'circle-stroke-width': 1.5,
        'circle-color': ['match', ['get', 'light'], 'red', '#ff4d4f', 'yellow', '#ffb020', '#4fc3f7'],
      },
    });
    const bounds = new LngLatBounds();
    for (const point of positionsOf(grid.geometry)) bounds.extend(point as [number, number]);
    if (!bounds.isEmpty()) map.fitBounds(bounds, { padding: 16, duration: 0 });
    this.ready = true;
  }

  /** The cases the map holds now (for the browser tests). */
  incidentIds: string[] = [];

  draw(incidents: Iterable<IncidentDelta>, team: Iterable<PositionUpdate>, now: number): void {
    if (!this.map || !this.ready) return;
    const shown = [...incidents].filter(i => i.lat != null && i.lon != null);
    this.incidentIds = shown.map(i => i.id);
    (this.map.getSource('incidents') as GeoJSONSource).setData({
      type: 'FeatureCollection',
      features: shown.map(i => ({
        type: 'Feature', geometry: { type: 'Point', coordinates: [i.lon!, i.lat!] }, properties: { id: i.id, light: lightOf(i, now) },
      })),
    });
    (this.map.getSource('team') as GeoJSONSource).setData({
      type: 'FeatureCollection',
      features: [...team].filter(p => p.duty !== 'off').map(p => ({ type: 'Feature', geometry: { type: 'Point', coordinates: [p.lon, p.lat] }, properties: { id: p.memberId } })),
    });
  }
}

function positionsOf(geometry: Geometry): Position[] {
  switch (geometry.type) {
    case 'Polygon': return geometry.coordinates.flat();
    case 'MultiPolygon': return geometry.coordinates.flat(2);
    case 'Point': return [geometry.coordinates];
    default: return [];
  }
}
