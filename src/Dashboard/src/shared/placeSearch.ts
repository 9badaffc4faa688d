// The gazetteer as the pages use it: a text box whose suggestions (GET /api/places: names, pinyin, initials) appear as
// the person types, chosen with a click, Enter or the arrow keys; and the grid chain a point lies in, in words. The
// call form, the panel's locate form and the phone's report form all search the same way.

import { api, ApiError } from './api';
import type { ChainLink, LocateAnswer, PlaceView } from './wire';
import { h } from './words';

export interface PlaceSuggestions {
  /** The best suggestion shown now, if any. */
  first(): PlaceView | undefined;
  clear(): void;
}

/**
 * Suggestions for what is typed in <paramref name="input"/>, drawn into <paramref name="list"/> (a ul): each with its
 * name, its kind and its grid chain. A later answer never overwrites a newer question's.
 */
export function placeSuggestions(input: HTMLInputElement, list: HTMLElement, choose: (place: PlaceView) => void, limit = 8): PlaceSuggestions {
  let shown: PlaceView[] = [];
  let timer = 0;
  let serial = 0;
  const pick = (place: PlaceView) => {
    list.replaceChildren();
    shown = [];
    choose(place);
  };
  const search = async () => {
    const q = input.value.trim();
    const ticket = ++serial;
    if (!q) { shown = []; list.replaceChildren(); return; }
    try {
      const found = await api<PlaceView[]>(`/api/places?q=${encodeURIComponent(q)}&limit=${limit}`);
      if (ticket !== serial) return;
      shown = found;
      list.replaceChildren(...found.map(place => {
        const item = h('li', { tabIndex: 0, dataset: { id: place.id } },
          h('strong', {}, place.name), h('span', {}, place.kindName),
          h('small', {}, [...place.chain].reverse().slice(1).map(g => g.name).join(' › ')));
        item.addEventListener('click', () => pick(place));
        item.addEventListener('keydown', e => {
          if (e.key === 'Enter') { e.preventDefault(); pick(place); }
          if (e.key === 'ArrowDown') (item.nextElementSibling as HTMLElement | null)?.focus();
          if (e.key === 'ArrowUp') ((item.previousElementSibling as HTMLElement | null) ?? input).focus();
        });
        return item;
      }));
    } catch (e) {
      if (ticket === serial) list.replaceChildren(h('li.call-none', {}, e instanceof ApiError ? e.message : '查询失败 · search failed'));
    }
  };
  input.addEventListener('input', () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => void search(), 180);
  });
  input.addEventListener('keydown', e => {
    if (e.key === 'Enter' && shown.length) { e.preventDefault(); pick(shown[0]); }
    if (e.key === 'ArrowDown') (list.querySelector('li') as HTMLElement | null)?.focus();
  });
  return {
    first: () => shown[0],
    clear: () => { shown = []; serial++; list.replaceChildren(); },
  };
}

/** The grids a point lies in, city last: the place's own chain when known, else the server's answer for the point. */
export async function chainAt(lat: number, lon: number, known: readonly ChainLink[] | null): Promise<readonly ChainLink[]> {
  if (known) return known;
  const located = await api<LocateAnswer>(`/api/grids/locate?lat=${lat}&lon=${lon}`);
  return located.inside ? located.chain ?? [] : [];
}

/** A chain in words, from the city down ("江阴市 › 青阳镇 › …"), or that the point is outside the city. */
export function chainWords(chain: readonly ChainLink[]): string {
  return chain.length ? [...chain].reverse().map(g => g.name).join(' › ') : '该点不在本市范围内 · outside the city';
}
