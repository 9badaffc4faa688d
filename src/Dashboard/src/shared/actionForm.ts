// A button, and the form its fields need, for an action the server offers; the page never decides who may
// do what: it draws what the incident view's allowedActions lists, in the server's words.

import type { ActionFieldView, ActionOffer } from './wire';
import { fromCityInput } from './cityTime';
import { h } from './words';

/** Field kinds a plain form can ask for; an offer with another kind (sub-task lists, photos) needs its own form. */
const plainKinds = new Set(['text', 'yesno', 'number', 'time', 'member', 'grid', 'link', 'subtask', 'notice']);

export const offerOf = (offers: ActionOffer[], action: string): ActionOffer | undefined => offers.find(o => o.action === action);

/** The button's words: Chinese, with the English in small type. */
export function offerLabel(offer: ActionOffer): (Node | string)[] {
  return [`${offer.chinese} `, h('small', {}, offer.english)];
}

export function fieldOf(offer: ActionOffer, name: string): ActionFieldView | undefined {
  return offer.fields.find(f => f.name === name);
}

/** Whether a plain form can carry every field this offer asks for. */
export function formFits(offer: ActionOffer): boolean {
  return offer.fields.every(f => plainKinds.has(f.kind) || (!f.required && f.kind === 'photos'));
}

/** An input for one field, named after it, with the server's prompt and limits. */
export function fieldInput(field: ActionFieldView): HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement {
  const common = { name: field.name, title: field.prompt, required: field.required };
  switch (field.kind) {
    case 'text':
      return h('textarea', { ...common, rows: 2, placeholder: `${field.chinese} · ${field.prompt}`, maxLength: field.maxLength ?? undefined });
    case 'yesno':
      return h('select', common,
        h('option', { value: '' }, `${field.chinese} ${field.english}…`), h('option', { value: 'true' }, '是 Yes'), h('option', { value: 'false' }, '否 No'));
    case 'number':
      return h('input', { ...common, type: 'number', step: 1, min: field.min ?? undefined, max: field.max ?? undefined, placeholder: `${field.chinese} ${field.min ?? ''}–${field.max ?? ''}` });
    case 'time':
      return h('input', { ...common, type: 'datetime-local' });
    default:
      return h('input', { ...common, placeholder: `${field.chinese} · ${field.english}` });
  }
}

/** The body the action is sent with: each field's value in its kind, empty fields left out. */
export function bodyOf(inputs: (HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement)[], offer: ActionOffer): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const input of inputs) {
    const value = input.value.trim();
    if (!value) continue;
    const kind = fieldOf(offer, input.name)?.kind;
    body[input.name] = kind === 'yesno' ? value === 'true'
      : kind === 'number' || kind === 'notice' ? Number(value)
        // A time is typed as the city's clock reads, whatever the browser's zone.
        : kind === 'time' ? (Number.isNaN(fromCityInput(value)) ? value : new Date(fromCityInput(value)).toISOString())
          : value;
  }
  return body;
}

/**
 * A form for an offer: its fields and a submit button in the server's words. Sending is the caller's
 * (it knows the incident); the server checks the fields and its 422 names what is wrong.
 */
export function actionForm(offer: ActionOffer, send: (body: Record<string, unknown>, button: HTMLButtonElement) => Promise<void>): HTMLFormElement {
  const inputs = offer.fields.filter(f => plainKinds.has(f.kind)).map(fieldInput);
  const submit = h('button', { type: 'submit', className: `action-${offer.action}` }, ...offerLabel(offer));
  const form = h('form.action-form', { dataset: { action: offer.action } }, ...inputs, submit);
  form.addEventListener('submit', event => {
    event.preventDefault();
    void send(bodyOf(inputs, offer), submit);
  });
  return form;
}
