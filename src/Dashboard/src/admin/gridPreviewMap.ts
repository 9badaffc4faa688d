// A small map of a GeoJSON file's polygons before it is imported: outlines by level on a plain background (no
// tiles, no glyphs), as the other pages draw grids, and the features the server found a problem in filled red. Made on first draw, when its section is shown (a hidden map
// has no size).

import { Map as MapLibreMap, LngLatBounds, setWorkerUrl, type GeoJSONSource, type StyleSpecification } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import type { FeatureCollection, Geometry, Position } from 'geojson';

setWorkerUrl(workerUrl);

const style: StyleSpecification = { version: 8, sources: {}, layers: [{ id: 'bg', type: 'background', paint: { 'background-color': '#07121f' } }] };

export class GridPreviewMap {
  private map: MapLibreMap | null = null;
  private loaded: Promise<void> | null = null;
  /** How many features the map holds now (for the browser tests). */
  featureCount = 0;

  constructor(private readonly host: HTMLElement) {}

  /** Draws the file's features; those at `problemIndexes` (the server's featureIndex) fill red. */
  async draw(collection: FeatureCollection, problemIndexes: Iterable<number> = []): Promise<void> {
    if (!this.map) {
      const map = this.map = new MapLibreMap({ container: this.host, style, center: [120.3, 31.8], zoom: 8, attributionControl: false, dragRotate: false, fadeDuration: 0 });
      this.loaded = new Promise<void>(resolve => map.once('load', () => {
        map.addSource('preview', { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
        // Deeper grids first, the city and its towns on top; features the server named a problem in fill red.
        map.addLayer({
          id: 'preview-fill', type: 'fill', source: 'preview',
          paint: { 'fill-color': ['case', ['==', ['get', 'problem'], true], '#b3261e', '#0f2740'], 'fill-opacity': ['case', ['==', ['get', 'problem'], true], 0.75, 0.55] },
        });
        map.addLayer({
          id: 'preview-line-fine', type: 'line', source: 'preview', filter: ['>=', ['coalesce', ['get', 'level'], 9], 2],
          paint: { 'line-color': ['match', ['get', 'level'], 2, '#2f9e7a', '#8a6a2a'], 'line-width': 0.7 },
        });
        map.addLayer({
          id: 'preview-line-coarse', type: 'line', source: 'preview', filter: ['<', ['coalesce', ['get', 'level'], 9], 2],
          paint: { 'line-color': ['match', ['get', 'level'], 0, '#e6f1ff', '#4fc3f7'], 'line-width': ['match', ['get', 'level'], 0, 2.4, 1.6] },
        });
        resolve();
      }));
    }
    await this.loaded;
    const map = this.map!;
    map.resize();
    const problems = new Set(problemIndexes);
    (map.getSource('preview') as GeoJSONSource).setData({
      type: 'FeatureCollection',
      features: collection.features.map((f, i) => ({ ...f, properties: { ...(f.properties ?? {}), problem: problems.has(i) } })),
    });
    this.featureCount = collection.features.length;
    const bounds = new LngLatBounds();
    for (const f of collection.features) for (const p of positionsOf(f.geometry)) if (p.length >= 2) bounds.extend([p[0], p[1]]);
    if (!bounds.isEmpty()) map.fitBounds(bounds, { padding: 16, duration: 0 });
  }
}

function positionsOf(geometry: Geometry | null): Position[] {
  switch (geometry?.type) {
    case 'Polygon': return geometry.coordinates.flat();
    case 'MultiPolygon': return geometry.coordinates.flat(2);
    case 'Point': return [geometry.coordinates];
    default: return [];
  }
}

/** The file's features as a collection the map can draw, or null when the text is not GeoJSON the map can read. */
export function drawableOf(text: string): FeatureCollection | null {
  try {
    const json = JSON.parse(text) as { type?: string; features?: unknown };
    if (json?.type === 'FeatureCollection' && Array.isArray(json.features)) return json as FeatureCollection;
    if (json?.type === 'Feature') return { type: 'FeatureCollection', features: [json as FeatureCollection['features'][number]] };
  } catch {
    // Not JSON: the server's report says what is wrong with it.
  }
  return null;
}
