// The server's refusals shown where they belong: a 400/422 names its fields (`errors: { field: [message] }`); each
// message goes to the form field of that name, and what no field takes is listed below the form, key and all.
// The console never judges the input itself: the server owns the rules.

import { ApiError } from './api';
import { h } from './words';

/** The refusal's messages by the key the server named, joined per key. */
export function errorsOf(e: unknown): Record<string, string> {
  const problem = e instanceof ApiError ? (e.problem?.errors ?? {}) as Record<string, string[] | string> : {};
  const out: Record<string, string> = {};
  for (const [key, texts] of Object.entries(problem)) out[key] = Array.isArray(texts) ? texts.join(' ') : String(texts);
  return out;
}

export function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Which of the names an error key belongs to: itself, its root ("limits[3].limit" → "limits[3]" → "limits"), any case. */
export function fieldFor(key: string, names: string[]): string | undefined {
  const lower = (s: string) => s.toLowerCase();
  let candidate = key;
  for (;;) {
    // The form may name a field by its path ("calendar.holidays") where the server names its last part ("holidays").
    const found = names.find(n => lower(n) === lower(candidate)) ?? names.find(n => lower(n).endsWith(`.${lower(candidate)}`));
    if (found) return found;
    const cut = Math.max(candidate.lastIndexOf('.'), candidate.lastIndexOf('['));
    if (cut <= 0) return undefined;
    candidate = candidate.slice(0, cut);
  }
}

/** A labelled input that can show the server's message for its field (data-field is the API's field name). */
export function field(name: string, zhText: string, enText: string, input: HTMLElement, hint?: string): HTMLElement {
  // A label for one control; a group of controls (rows, chips, checkboxes) sits in a plain block.
  const single = input instanceof HTMLInputElement || input instanceof HTMLSelectElement || input instanceof HTMLTextAreaElement;
  return h(single ? 'label.field' : 'div.field', { dataset: { field: name } },
    h('span.field-label', {}, zhText, ' ', h('small', {}, enText)),
    input,
    hint ? h('small.field-hint', {}, hint) : null,
    h('em.field-error', { role: 'alert' }));
}

/**
 * Shows a refusal in a form: at each [data-field] its messages, the rest (and the summary) in the form's
 * message area as a list naming the key. Clears what an earlier refusal showed.
 */
export function showRefusal(form: HTMLElement, messageArea: HTMLElement, e: unknown, shownElsewhere: (key: string) => boolean = () => false): void {
  const errors = Object.fromEntries(Object.entries(errorsOf(e)).filter(([key]) => !shownElsewhere(key)));
  const fields = [...form.querySelectorAll<HTMLElement>('[data-field]')];
  const names = fields.map(f => f.dataset.field!);
  const byField: Record<string, string[]> = {};
  const rest: [string, string][] = [];
  for (const [key, text] of Object.entries(errors)) {
    const name = fieldFor(key, names);
    if (name) (byField[name] ??= []).push(key === name ? text : `${key}: ${text}`);
    else rest.push([key, text]);
  }
  for (const f of fields) {
    const texts = byField[f.dataset.field!];
    f.dataset.invalid = String(Boolean(texts));
    const slot = f.querySelector(':scope > .field-error');
    if (slot) slot.textContent = texts?.join(' ') ?? '';
  }
  messageArea.dataset.tone = 'red';
  messageArea.replaceChildren(messageOf(e),
    rest.length ? h('ul.error-list', {}, ...rest.map(([key, text]) => h('li', { dataset: { key } }, h('code', {}, key), ' ', text))) : '');
}

export function clearRefusal(form: HTMLElement, messageArea: HTMLElement): void {
  for (const f of form.querySelectorAll<HTMLElement>('[data-field]')) {
    f.dataset.invalid = 'false';
    const slot = f.querySelector(':scope > .field-error');
    if (slot) slot.textContent = '';
  }
  messageArea.dataset.tone = '';
  messageArea.replaceChildren();
}

/** A status line's words and tone (green done, red refused, empty in progress). */
/** Says how a request went; a success tells the page (event `admin-done`), which reads the setup checklist again. */
export function say(area: HTMLElement, text: string, tone: '' | 'green' | 'red' = ''): void {
  area.dataset.tone = tone;
  area.replaceChildren(text);
  if (tone === 'green') area.dispatchEvent(new CustomEvent('admin-done', { bubbles: true }));
}
