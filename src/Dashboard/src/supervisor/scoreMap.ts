// The scope's grids on a map, each coloured by one indicator of the report's rows (MapLibre on a plain background,
// no tiles, no glyphs: the grids' GeoJSON from the server, as the wall draws them). Better figures are greener,
// worse ones redder, by the indicator's direction; a grid without a figure stays dark. A click on a grid asks for
// its cases.

import { Map as MapLibreMap, LngLatBounds, setWorkerUrl, type GeoJSONSource, type MapMouseEvent, type StyleSpecification } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';
import type { GridProperties } from '../shared/wire';

setWorkerUrl(workerUrl);

const style: StyleSpecification = { version: 8, sources: {}, layers: [{ id: 'bg', type: 'background', paint: { 'background-color': '#07121f' } }] };

export type GridFeature = Feature<Geometry, GridProperties>;

export interface GridScore {
  /** The figure's value; null when the grid had none. */
  value: number | null;
  text: string;
}

export class ScoreMap {
  private readonly map: MapLibreMap;
  private readonly loaded: Promise<void>;
  private drawn = new Map<string, GridScore>();

  constructor(host: HTMLElement, private readonly clicked: (gridId: string) => void) {
    this.map = new MapLibreMap({ container: host, style, center: [120.3, 31.8], zoom: 9, attributionControl: false, dragRotate: false, fadeDuration: 0 });
    this.map.touchZoomRotate.disableRotation();
    this.loaded = new Promise(resolve => this.map.once('load', () => {
      const map = this.map;
      map.addSource('scope', { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
      map.addSource('grids', { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
      map.addLayer({ id: 'scope-glow', type: 'line', source: 'scope', paint: { 'line-color': '#38bdf8', 'line-width': 12, 'line-blur': 10, 'line-opacity': 0.35 } });
      map.addLayer({ id: 'grids-fill', type: 'fill', source: 'grids', paint: {
        // score: 0 worst … 1 best among the grids shown; none: no figure.
        'fill-color': ['case', ['==', ['get', 'score'], null], '#0f2740',
          ['interpolate', ['linear'], ['get', 'score'], 0, '#b3261e', 0.5, '#b7791f', 1, '#15803d']],
        'fill-opacity': 0.75,
      } });
      map.addLayer({ id: 'grids-line', type: 'line', source: 'grids', paint: { 'line-color': '#4fc3f7', 'line-width': 1, 'line-opacity': 0.8 } });
      map.addLayer({ id: 'scope-line', type: 'line', source: 'scope', paint: { 'line-color': '#e6f1ff', 'line-width': 2 } });
      // Where the period's reports came from: MapLibre's own heat map over the reported positions.
      map.addSource('reports', { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
      map.addLayer({ id: 'reports-heat', type: 'heatmap', source: 'reports', paint: {
        'heatmap-radius': ['interpolate', ['linear'], ['zoom'], 8, 10, 13, 28],
        'heatmap-intensity': ['interpolate', ['linear'], ['zoom'], 8, 0.8, 13, 2],
        'heatmap-opacity': 0.85,
        'heatmap-color': ['interpolate', ['linear'], ['heatmap-density'],
          0, 'rgba(0,0,0,0)', 0.2, '#1e3a8a', 0.4, '#0ea5e9', 0.6, '#facc15', 0.8, '#fb923c', 1, '#ef4444'],
      } });
      map.on('click', 'grids-fill', (event: MapMouseEvent & { features?: { properties: Record<string, unknown> }[] }) => {
        const id = event.features?.[0]?.properties.id;
        if (typeof id === 'string') this.clicked(id);
      });
      map.on('mouseenter', 'grids-fill', () => { map.getCanvas().style.cursor = 'pointer'; });
      map.on('mouseleave', 'grids-fill', () => { map.getCanvas().style.cursor = ''; });
      resolve();
    }));
    new ResizeObserver(() => this.map.resize()).observe(host);
  }

  /**
   * Draws the scope's outline and its grids, each scored by its figure. `higherIsBetter` null (an indicator without
   * words) colours by size alone, larger greener.
   */
  async draw(scope: GridFeature | undefined, grids: GridFeature[], scores: Map<string, GridScore>, higherIsBetter: boolean | null): Promise<void> {
    await this.loaded;
    const values = [...scores.values()].map(s => s.value).filter((v): v is number => v !== null);
    const low = Math.min(...values), high = Math.max(...values);
    const scoreOf = (value: number | null) => {
      if (value === null) return null;
      const share = high > low ? (value - low) / (high - low) : 1;
      return higherIsBetter === false ? 1 - share : share;
    };
    this.drawn = new Map(grids.map(g => [g.properties.id, scores.get(g.properties.id) ?? { value: null, text: '—' }]));
    const features = grids.map(g => ({ ...g, properties: { ...g.properties, score: scoreOf(this.drawn.get(g.properties.id)!.value), text: this.drawn.get(g.properties.id)!.text } }));
    (this.map.getSource('grids') as GeoJSONSource).setData({ type: 'FeatureCollection', features } as FeatureCollection);
    (this.map.getSource('scope') as GeoJSONSource).setData({ type: 'FeatureCollection', features: scope ? [scope] : [] });
    const bounds = new LngLatBounds();
    for (const f of scope ? [scope] : grids) for (const p of positionsOf(f.geometry)) bounds.extend([p[0], p[1]]);
    this.map.resize();
    if (!bounds.isEmpty()) this.map.fitBounds(bounds, { padding: 20, duration: 0 });
  }

  /** The period's reported positions ([lon, lat]) as the heat map; shown or hidden with <code>visible</code>. */
  async heat(points: number[][], visible: boolean): Promise<void> {
    await this.loaded;
    (this.map.getSource('reports') as GeoJSONSource).setData({
      type: 'FeatureCollection',
      features: points.map(p => ({ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: p } })),
    } as FeatureCollection);
    this.map.setLayoutProperty('reports-heat', 'visibility', visible ? 'visible' : 'none');
    this.heatPoints = points.length;
  }

  /** How many positions the heat map holds (for the browser tests). */
  heatPoints = 0;

  /** What each grid on the map shows now (for the browser tests). */
  shown(): Record<string, string> {
    return Object.fromEntries([...this.drawn].map(([id, s]) => [id, s.text]));
  }
}

function positionsOf(geometry: Geometry | null): Position[] {
  switch (geometry?.type) {
    case 'Polygon': return geometry.coordinates.flat();
    case 'MultiPolygon': return geometry.coordinates.flat(2);
    default: return [];
  }
}
