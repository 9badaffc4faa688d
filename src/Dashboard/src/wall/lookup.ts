// Names for the codes in the feed: grids, categories and members, loaded once when the wall starts.

import { api } from '../shared/api';
import type { CategoryView, MemberView } from '../shared/wire';

export class Lookup {
  readonly categories = new Map<string, CategoryView>();
  readonly members = new Map<string, MemberView>();

  constructor(private readonly gridNames: ReadonlyMap<string, string>, private readonly parents: ReadonlyMap<string, string | null>,
              private readonly levels: ReadonlyMap<string, number>) {}

  async load(): Promise<void> {
    const categories = await api<CategoryView[]>('/api/categories').catch(() => []);
    for (const c of categories) this.categories.set(c.code, c);
  }

  /** Members are many (one grain call each on the server): loaded after the wall is up, names fill in when they come. */
  async loadMembers(scope: string): Promise<void> {
    const members = await api<MemberView[]>(`/api/members?grid=${encodeURIComponent(scope)}`).catch(() => []);
    for (const m of members) this.members.set(m.id, m);
  }

  categoryName(code: string): string {
    return this.categories.get(code)?.name ?? code;
  }

  memberName(id: string | null): string {
    if (!id) return '';
    return this.members.get(id)?.name ?? id;
  }

  gridName(id: string | null): string {
    return id ? this.gridNames.get(id) ?? id : '';
  }

  /** The grids directly under this one, in id order. */
  childrenOf(gridId: string): string[] {
    return [...this.parents].filter(([, parent]) => parent === gridId).map(([id]) => id).sort();
  }

  /** The grid's level-1 and level-2 ancestors (or itself), for "town · village" labels. */
  placeOf(gridId: string | null): { town: string; village: string } {
    let town = '', village = '';
    for (let grid: string | null | undefined = gridId, guard = 0; grid && guard < 10; grid = this.parents.get(grid), guard++) {
      const level = this.levels.get(grid);
      if (level === 1) town = this.gridName(grid);
      if (level === 2) village = this.gridName(grid);
    }
    return { town: town || this.gridName(gridId), village };
  }
}
