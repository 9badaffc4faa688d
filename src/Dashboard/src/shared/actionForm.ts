// A button, and the form its fields need, for an action the server offers; the page never decides who may
// do what: it draws what the incident view's allowedActions lists, in the server's words. A form checks what
// the server's field list says is required before sending (naming the field, sending nothing), and shows the
// server's refusal at the fields its 400 or 422 names.

import type { ActionFieldView, ActionOffer } from './wire';
import { ApiError } from './api';
import { uploadPhotos } from './device';
import { fromCityInput } from './cityTime';
import { h } from './words';

/** Field kinds a plain form can ask for; other kinds (sub-task lists, a place) need a control the page supplies. */
const plainKinds = new Set(['text', 'yesno', 'number', 'time', 'member', 'grid', 'link', 'subtask', 'notice', 'photos']);

/** One field's input: where it is drawn, whether it is empty, and the part of the body it gives. */
export interface FieldControl {
  element: HTMLElement;
  isEmpty(): boolean;
  read(): Promise<Record<string, unknown>> | Record<string, unknown>;
}

/** Controls a page supplies for field kinds it draws its own way (the wall: a place on the map, sub-tasks per platform). */
export type FieldControls = Partial<Record<string, (field: ActionFieldView) => FieldControl>>;

export const offerOf = (offers: ActionOffer[], action: string): ActionOffer | undefined => offers.find(o => o.action === action);

/** The button's words: Chinese, with the English in small type. */
export function offerLabel(offer: ActionOffer): (Node | string)[] {
  return [`${offer.chinese} `, h('small', {}, offer.english)];
}

export function fieldOf(offer: ActionOffer, name: string): ActionFieldView | undefined {
  return offer.fields.find(f => f.name === name);
}

/**
 * Whether a form can carry every field this offer requires: plain kinds, or kinds the page has a control for. An
 * optional field of another kind is left out (the wall has no phone position to give for a check from the desk).
 */
export function formFits(offer: ActionOffer, controls: FieldControls = {}): boolean {
  return offer.fields.every(f => controls[f.kind] !== undefined || plainKinds.has(f.kind) || !f.required);
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

/** A field's value in its kind: yes/no as a boolean, numbers as numbers, a time typed as the city's clock reads. */
export function valueOf(kind: string, text: string): unknown {
  return kind === 'yesno' ? text === 'true'
    : kind === 'number' || kind === 'notice' ? Number(text)
      : kind === 'time' ? (Number.isNaN(fromCityInput(text)) ? text : new Date(fromCityInput(text)).toISOString())
        : text;
}

function plainControl(field: ActionFieldView): FieldControl {
  const input = fieldInput(field);
  return {
    element: input,
    isEmpty: () => !input.value.trim(),
    read: () => (input.value.trim() ? { [field.name]: valueOf(field.kind, input.value.trim()) } : {}),
  };
}

/** Photos: chosen on this computer, uploaded to the photo store when the form is sent; their names ride on the action. */
export function photoControl(field: ActionFieldView): FieldControl {
  const input = h('input', { type: 'file', name: field.name, accept: 'image/jpeg,image/png,image/webp', multiple: true, title: field.prompt });
  return {
    element: input,
    isEmpty: () => !input.files?.length,
    async read() {
      const names = (await uploadPhotos(input.files)).map(p => p.photo);
      return names.length ? { [field.name]: names } : {};
    },
  };
}

/**
 * Photos taken or chosen on a phone, handed over as files: the phone's outbox prepares (downscales) and uploads them
 * when it sends the action, so choosing them works offline.
 */
export function photoFilesControl(field: ActionFieldView): FieldControl {
  const input = h('input', { type: 'file', name: field.name, accept: 'image/*', capture: 'environment', multiple: true, title: field.prompt });
  return {
    element: input,
    isEmpty: () => !input.files?.length,
    read: () => (input.files?.length ? { [field.name]: [...input.files] } : {}),
  };
}

/** Which of the form's fields a refusal's error key (400 or 422) names: "tasks[0].memberId" is the tasks field, lat/lon a place's. */
function fieldNamed(key: string, names: string[]): string | undefined {
  const root = key.replace(/[[.].*$/, '');
  if (names.includes(root)) return root;
  if ((root === 'lat' || root === 'lon') && names.includes('gridId')) return 'gridId';
  return names.find(n => n.toLowerCase() === root.toLowerCase());
}

/**
 * A form for an offer: its fields and a submit button in the server's words. Sending is the caller's (it knows
 * the incident) and throws the server's refusal; the form shows it at the fields it names, or below them.
 */
export function actionForm(offer: ActionOffer, send: (body: Record<string, unknown>) => Promise<unknown>, controls: FieldControls = {}): HTMLFormElement {
  const fields = offer.fields.filter(f => controls[f.kind] || plainKinds.has(f.kind));
  const built = fields.map(field => {
    const control = (controls[field.kind] ?? (field.kind === 'photos' ? photoControl : plainControl))(field);
    const error = h('em.field-error', { role: 'alert' });
    const row = h('div.action-field', { dataset: { field: field.name } },
      h('span.action-field-label', {}, field.chinese, field.required ? h('b', { title: '必填 required' }, ' *') : null, h('small', {}, ` ${field.english}`)),
      control.element, error);
    return { field, control, row, error };
  });
  const message = h('p.action-message', { role: 'status' });
  const submit = h('button', { type: 'submit', className: `action-${offer.action}` }, ...offerLabel(offer));
  const form = h('form.action-form', { dataset: { action: offer.action }, noValidate: true }, ...built.map(b => b.row), submit, message);

  const showErrors = (errors: Record<string, string>) => {
    for (const b of built) {
      b.row.dataset.invalid = String(b.field.name in errors);
      b.error.textContent = errors[b.field.name] ?? '';
    }
  };
  form.addEventListener('submit', event => {
    event.preventDefault();
    void (async () => {
      // What the server's field list says is required, checked before anything is sent.
      const missing = Object.fromEntries(built.filter(b => b.field.required && b.control.isEmpty()).map(b => [b.field.name, b.field.prompt]));
      showErrors(missing);
      if (Object.keys(missing).length) {
        message.textContent = '请填写标红的项 · Fill in the marked fields.';
        return;
      }
      submit.disabled = true;
      message.textContent = '提交中 Sending…';
      try {
        const body: Record<string, unknown> = {};
        for (const b of built) Object.assign(body, await b.control.read());
        const said = await send(body);
        // A sender may say more than done (the phone: kept to send when the network is back).
        message.textContent = typeof said === 'string' ? said : `${offer.chinese} · ${offer.english}: 已提交 done.`;
      } catch (e) {
        const errors: Record<string, string> = {};
        const problem = e instanceof ApiError ? (e.problem?.errors ?? {}) as Record<string, string[]> : {};
        for (const [key, texts] of Object.entries(problem)) {
          const name = fieldNamed(key, fields.map(f => f.name));
          if (name) errors[name] = [errors[name], ...texts].filter(Boolean).join(' ');
        }
        showErrors(errors);
        message.textContent = e instanceof Error ? e.message : String(e);
      } finally {
        submit.disabled = false;
      }
    })();
  });
  return form;
}
