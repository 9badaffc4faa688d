// The replay's layers over the wall's city map: incidents as they stood at the replay clock (fill by step, ring by
// SLA light, closed ones greyed), and one member's patrol track with a marker where the member was at that instant.

import type { GeoJSONSource } from 'maplibre-gl';
import type { Feature, FeatureCollection, LineString, Point } from 'geojson';
import { CityMap } from '../wall/cityMap';
import { gridLoads } from '../wall/gridLoad';
import type { IncidentDelta } from '../shared/wire';
import { isOpen, isShown, lightAt, type ReplayIncident } from './incidentFold';
import type { Track } from './replayWire';

const empty: FeatureCollection = { type: 'FeatureCollection', features: [] };

/** Fill colour of each step of the loop while open (6 and later are closed and drawn grey). */
export const stepColours: Record<number, string> = { 1: '#e879f9', 2: '#818cf8', 3: '#38bdf8', 4: '#2dd4bf', 5: '#a3e635' };
const closedColour = '#64748b';

export interface TrackPosition { lon: number; lat: number; at: number }

export class ReplayMap {
  private incidentsKey = '';
  private track: TrackPosition[] = [];
  private trackKey = '';

  constructor(readonly city: CityMap) {}

  /** Adds the replay's sources and layers; call once the grids are drawn. */
  addLayers(): void {
    const map = this.city.map;
    map.addSource('replay-incidents', { type: 'geojson', data: empty });
    map.addSource('track', { type: 'geojson', data: empty });
    map.addSource('track-done', { type: 'geojson', data: empty });
    map.addSource('track-marker', { type: 'geojson', data: empty });

    map.addLayer({ id: 'track-line', type: 'line', source: 'track', layout: { 'line-join': 'round', 'line-cap': 'round' },
      paint: { 'line-color': '#fbbf24', 'line-width': 2, 'line-opacity': 0.45, 'line-dasharray': [2, 1.5] } });
    map.addLayer({ id: 'track-done-line', type: 'line', source: 'track-done', layout: { 'line-join': 'round', 'line-cap': 'round' },
      paint: { 'line-color': '#fbbf24', 'line-width': 3.5, 'line-opacity': 0.95 } });
    map.addLayer({ id: 'replay-incident-halo', type: 'circle', source: 'replay-incidents',
      filter: ['all', ['get', 'open'], ['in', ['get', 'light'], ['literal', ['yellow', 'red']]]],
      paint: {
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 9, 14, 13, 26],
        'circle-color': ['match', ['get', 'light'], 'red', '#ff1f3d', '#ffb020'],
        'circle-blur': 0.7,
        'circle-opacity': 0.7,
      } });
    map.addLayer({ id: 'replay-incidents', type: 'circle', source: 'replay-incidents', paint: {
      'circle-radius': ['interpolate', ['linear'], ['zoom'], 9, ['case', ['get', 'open'], 7, 4.5], 13, ['case', ['get', 'open'], 14, 8]],
      'circle-color': ['case', ['get', 'open'],
        ['match', ['get', 'step'], 1, stepColours[1], 2, stepColours[2], 3, stepColours[3], 4, stepColours[4], 5, stepColours[5], closedColour],
        closedColour],
      'circle-opacity': ['case', ['get', 'open'], 0.95, 0.45],
      'circle-stroke-color': ['match', ['get', 'light'], 'red', '#ff4d4f', 'yellow', '#ffb020', 'green', '#34d399', '#0b1a2b'],
      'circle-stroke-width': ['case', ['get', 'open'], 2.5, 1],
    } });
    map.addLayer({ id: 'track-marker', type: 'circle', source: 'track-marker', paint: {
      'circle-radius': 8, 'circle-color': '#ffffff', 'circle-stroke-color': '#f59e0b', 'circle-stroke-width': 4,
    } });
  }

  /** Draws the incidents of the moment (closed ones greyed, archived or closed before the window gone) and colours the grids by their open load and lights. */
  showIncidents(incidents: Iterable<ReplayIncident>, at: number): void {
    const features: Feature<Point>[] = [];
    const signature: string[] = [];
    const deltas: IncidentDelta[] = [];
    for (const incident of incidents) {
      const light = lightAt(incident, at);
      const open = isOpen(incident.state);
      if (open) deltas.push(asDelta(incident, light));
      if (incident.lat === null || incident.lon === null || !isShown(incident)) continue;
      signature.push(`${incident.id}:${incident.version}:${light}`);
      features.push({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [incident.lon, incident.lat] },
        properties: { id: incident.id, state: incident.state, step: incident.step, light, open, priority: incident.priority },
      });
    }
    const key = signature.join('|');
    if (key !== this.incidentsKey) {
      this.incidentsKey = key;
      // Open ones drawn last, on top of the greyed closed ones.
      features.sort((a, b) => Number(a.properties!.open) - Number(b.properties!.open));
      (this.city.map.getSource('replay-incidents') as GeoJSONSource).setData({ type: 'FeatureCollection', features });
    }
    this.city.setGridLoads(gridLoads(deltas, this.city.parents, at));
  }

  /** A member's track for the window; the marker follows the clock. */
  setTrack(track: Track | null, at: number): void {
    this.track = (track?.points ?? []).map(p => ({ lon: p.lon, lat: p.lat, at: Date.parse(p.at) }));
    this.trackKey = '';
    const line: Feature<LineString> = { type: 'Feature', geometry: { type: 'LineString', coordinates: this.track.map(p => [p.lon, p.lat]) }, properties: {} };
    (this.city.map.getSource('track') as GeoJSONSource).setData({ type: 'FeatureCollection', features: this.track.length > 1 ? [line] : [] });
    this.moveTrack(at);
  }

  get trackPoints(): number {
    return this.track.length;
  }

  /** Where the member was at `at` (between two fixes: on the straight line between them); null before the first fix. */
  positionAt(at: number): TrackPosition | null {
    const points = this.track;
    if (points.length === 0 || at < points[0].at) return null;
    let lo = 0, hi = points.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (points[mid].at <= at) lo = mid; else hi = mid - 1;
    }
    const a = points[lo], b = points[lo + 1];
    if (!b) return a;
    const f = (at - a.at) / (b.at - a.at);
    return { lon: a.lon + (b.lon - a.lon) * f, lat: a.lat + (b.lat - a.lat) * f, at };
  }

  moveTrack(at: number): void {
    const here = this.positionAt(at);
    const key = here ? `${here.lon.toFixed(6)},${here.lat.toFixed(6)}` : '-';
    if (key === this.trackKey) return;
    this.trackKey = key;
    const done = here ? [...this.track.filter(p => p.at <= at).map(p => [p.lon, p.lat]), [here.lon, here.lat]] : [];
    const map = this.city.map;
    (map.getSource('track-done') as GeoJSONSource).setData({ type: 'FeatureCollection', features: done.length > 1
      ? [{ type: 'Feature', geometry: { type: 'LineString', coordinates: done }, properties: {} }] : [] });
    (map.getSource('track-marker') as GeoJSONSource).setData({ type: 'FeatureCollection', features: here
      ? [{ type: 'Feature', geometry: { type: 'Point', coordinates: [here.lon, here.lat] }, properties: {} }] : [] });
  }

  /** Frames the track (when the member moved). */
  fitTrack(): void {
    if (this.track.length === 0) return;
    let west = Infinity, south = Infinity, east = -Infinity, north = -Infinity;
    for (const p of this.track) {
      west = Math.min(west, p.lon); east = Math.max(east, p.lon);
      south = Math.min(south, p.lat); north = Math.max(north, p.lat);
    }
    const pad = 0.01;
    this.city.map.fitBounds([[west - pad, south - pad], [east + pad, north + pad]], { padding: 60, animate: true, maxZoom: 12.5 });
  }

  /** For tests: the ids drawn on the map, and how many fixes the track layer holds. */
  async drawnIncidentIds(): Promise<string[]> {
    const data = await (this.city.map.getSource('replay-incidents') as GeoJSONSource).getData() as FeatureCollection;
    return data.features.map(f => String(f.properties?.id));
  }

  async drawnTrackPoints(): Promise<number> {
    const data = await (this.city.map.getSource('track') as GeoJSONSource).getData() as FeatureCollection<LineString>;
    return data.features[0]?.geometry.coordinates.length ?? 0;
  }
}

const always = new Date(0).toISOString();

/** The shape the wall's grid colouring reads, with the replay's light at the instant already decided. */
function asDelta(incident: ReplayIncident, light: string): IncidentDelta {
  return {
    id: incident.id, version: incident.version, state: incident.state, step: incident.step, category: incident.category,
    priority: incident.priority, lat: incident.lat, lon: incident.lon, gridId: incident.gridId, assigneeId: incident.assigneeId,
    activeStep: incident.active?.step ?? null, warnAt: null, dueAt: null, breached: light === 'red', warned: light === 'yellow',
    escalation: incident.escalation, open: true, createdAt: new Date(incident.createdAt).toISOString(), updatedAt: new Date(incident.updatedAt).toISOString(),
    // A light that holds from the beginning of time: the wall's reading of the course gives back exactly this light.
    yellowFrom: light === 'yellow' || light === 'red' ? always : null, redFrom: light === 'red' ? always : null, noneFrom: light === 'none' ? always : null,
    alertAcknowledgedBy: null, alertAcknowledgedAt: null,
  };
}
