// One part of the console (city, grids, roster, …): its nav words, its element, and what it does when shown.

export interface Section {
  /** The address fragment and the data-section of its nav button and element: "city" for #city. */
  id: string;
  zh: string;
  en: string;
  element: HTMLElement;
  /** Reads the section's data from the server; called every time the section is shown. */
  show(): Promise<void>;
}
