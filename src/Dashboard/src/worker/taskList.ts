// The worker's open incidents as cards: what, where, how long is left, and the actions the server offers
// this worker now (accept; resolve with a note and photos; return with a reason; any other offer as a small form
// of its fields). Every action goes through the phone's outbox: sent at once when the network is there, kept and
// sent later when not. While an action waits, the card offers what the center said would come after it.

import { api } from '../shared/api';
import type { ActionOffer, IncidentDelta, IncidentView } from '../shared/wire';
import { actionForm, fieldOf, formFits, offerLabel, photoFilesControl, type FieldControls } from '../shared/actionForm';
import { actionWords } from '../shared/words';
import { en, h, priorityWords, slaStepWords, span, stateWords, zh } from '../shared/words';
import { byUrgency, lightOf } from '../shared/urgency';

interface Card {
  element: HTMLElement;
  incident: IncidentDelta;
  time: HTMLElement;
  details: HTMLElement;
  actions: HTMLElement;
  loadedVersion: number;
  view: IncidentView | null;
  /** What became of the last action: kept across redraws (an action queued redraws the offers). */
  message: HTMLElement;
  /** The queued actions the offers were drawn for, and what was drawn (actions and their fields). */
  queued: string;
  drawn: string;
  /** The number of the last read of the case asked for: only its answer is drawn (an older one may answer last). */
  reads: number;
}

/** An action of a case still on the phone: `sending` while its request is out (the center may have it already). */
export interface QueuedAction {
  action: string;
  sending: boolean;
}

/**
 * Sends a case's actions (the worker page: through its outbox). `act` answers the words to show (sent, or kept to
 * send later) and throws the center's refusal; `queued` lists the actions of a case still waiting, oldest first.
 */
export interface CaseSender {
  act(incidentId: string, action: string, label: string, body: Record<string, unknown>): Promise<string>;
  queued(incidentId: string): QueuedAction[];
}

/**
 * What the card offers now: the center's offers, or, while actions of the case wait in the outbox, the offers the
 * center said would follow them (ActionOffer.after, one step deep). Unknown ground offers nothing until it answers.
 * The one action being sent is the exception: a case read while its request is out may already carry it (the push of
 * its own step arrives before its answer), so a view that no longer offers it is taken as it is; if the center
 * refused it instead, its answer redraws the card.
 */
export function offersNow(view: Pick<IncidentView, 'allowedActions'>, queued: readonly QueuedAction[]): ActionOffer[] {
  let offers = view.allowedActions;
  for (const [index, { action, sending }] of queued.entries()) {
    const offer = offers.find(o => o.action === action);
    if (!offer && index === 0 && sending) continue;
    if (!offer) return [];
    offers = offer.after;
  }
  return offers;
}

export interface TaskNames {
  categoryName(code: string): string;
  gridName(id: string | null): string;
}

export class TaskList {
  private readonly cards = new Map<string, Card>();
  private readonly list: HTMLElement;
  private readonly emptyNote: HTMLElement;
  private readonly controls: FieldControls;

  constructor(host: HTMLElement, private readonly names: TaskNames, private readonly sender: CaseSender,
              controls: FieldControls = {}, empty = '暂无待办任务 · No open assignments. 新任务会自动推送到这里。') {
    this.controls = { photos: photoFilesControl, ...controls };
    this.list = h('div.tasks', {});
    this.emptyNote = h('p.empty', {}, empty);
    host.replaceChildren(this.emptyNote, this.list);
  }

  /** Draws the cards; `rename` redraws the ones already shown too (names arrived). */
  render(incidents: IncidentDelta[], now: number, rename = false): void {
    const sorted = [...incidents].sort(byUrgency);
    this.emptyNote.hidden = sorted.length > 0;
    const keep = new Set(sorted.map(i => i.id));
    for (const [id, card] of this.cards) if (!keep.has(id)) { card.element.remove(); this.cards.delete(id); }
    sorted.forEach((incident, index) => {
      let card = this.cards.get(incident.id);
      if (!card) this.cards.set(incident.id, card = this.card(incident));
      else if (rename || card.incident.version !== incident.version) this.update(card, incident);
      if (this.list.children[index] !== card.element) this.list.insertBefore(card.element, this.list.children[index] ?? null);
    });
    this.tick(now);
  }

  tick(now: number): void {
    for (const card of this.cards.values()) {
      const { incident } = card;
      card.element.dataset.light = lightOf(incident, now);
      if (!incident.dueAt) { card.time.textContent = '—'; continue; }
      const left = Date.parse(incident.dueAt) - now;
      card.time.textContent = left < 0 ? `超时 +${span(left)}` : `${zh(slaStepWords, incident.activeStep)} ${span(left)}`;
    }
  }

  highlight(id: string): void {
    const card = this.cards.get(id);
    if (!card) return;
    card.element.classList.remove('arrived');
    void card.element.offsetWidth; // restart the animation
    card.element.classList.add('arrived');
    card.element.scrollIntoView({ behavior: 'smooth', block: 'center' });
  }

  private card(incident: IncidentDelta): Card {
    const time = h('span.task-time', {});
    const details = h('div.task-details', {});
    const actions = h('div.task-actions', {});
    const element = h('article.task', { dataset: { id: incident.id } });
    const card: Card = { element, incident, time, details, actions, loadedVersion: -1, view: null, message: h('p.task-message', { role: 'status' }), queued: '', drawn: '', reads: 0 };
    this.update(card, incident);
    return card;
  }

  private update(card: Card, incident: IncidentDelta): void {
    card.incident = incident;
    card.element.dataset.state = incident.state;
    card.element.replaceChildren(
      h('header.task-head', {},
        h('span.prio', { dataset: { priority: incident.priority } }, zh(priorityWords, incident.priority)),
        h('strong.task-title', {}, this.names.categoryName(incident.category)),
        card.time),
      h('p.task-meta', {}, `${incident.id} · `, h('span', { className: `state-${incident.state}` }, `${zh(stateWords, incident.state)} `),
        h('small', {}, en(stateWords, incident.state)), ` · ${this.names.gridName(incident.gridId)}`),
      card.details,
      card.actions);
    void this.loadDetails(card);
  }

  /** The description, address and allowed actions come from the incident API (the push carries the summary only). */
  private async loadDetails(card: Card, again = false): Promise<void> {
    const version = card.incident.version;
    if (card.loadedVersion === version && !again) return;
    const read = ++card.reads;
    try {
      const view = await api<IncidentView>(`/api/incidents/${encodeURIComponent(card.incident.id)}`);
      // A read asked for before the last one may answer after it with the case as it was (a worker's accept undone
      // on the card, the form being filled in wiped): only the newest read is drawn.
      if (card.incident.version !== version || read !== card.reads) return;
      card.loadedVersion = version;
      card.view = view;
      const where = view.address ?? (view.lat !== null && view.lon !== null ? `${view.lat.toFixed(5)}, ${view.lon.toFixed(5)}` : null);
      card.details.replaceChildren(h('p.task-description', {}, view.description), where ? h('p.task-address', {}, h('span.pin', {}), where) : '',
        ...this.why(view));
      this.drawActions(card, view);
    } catch (e) {
      if (read !== card.reads) return;
      card.details.replaceChildren(h('p.task-error', {}, e instanceof Error ? e.message : String(e)));
    }
  }

  /**
   * Why the case is back on this worker's list, and what was pressed for: the note of a failed verification
   * (返工) while the case is being handled again, and the supervision notices (督办) sent to this worker.
   */
  private why(view: IncidentView): HTMLElement[] {
    const notes: HTMLElement[] = [];
    const lastVerify = [...view.timeline].reverse().find(e => e.action === 'verify');
    if (view.reworks > 0 && lastVerify && lastVerify.to === 'handling')
      notes.push(h('p.task-rework', {}, h('strong', {}, '返工 ', h('small', {}, 'Rework')), ` ${lastVerify.note ?? ''}`));
    for (const notice of view.notices.filter(n => n.kind === 'supervision'))
      notes.push(h('p.task-notice', {}, h('strong', {}, '督办 ', h('small', {}, 'Pressed')), ` ${notice.text ?? ''}`));
    return notes;
  }

  /**
   * The outbox changed: a card whose queued actions changed redraws what it offers. Others are left alone, so a form
   * being filled in is not wiped by another item being sent (a patrol batch, another case's action).
   */
  queueChanged(): void {
    for (const card of this.cards.values()) {
      if (!card.view) continue;
      const queued = this.sender.queued(card.view.id).map(q => q.action).join();
      if (card.queued === queued) continue;
      // Fewer waiting: one was sent (or refused), and the case as last read is behind: read it again before redrawing.
      if (queued.length < card.queued.length) void this.loadDetails(card, true);
      else this.drawActions(card, card.view);
    }
  }

  /** Buttons for what the server offers this worker now, in its words; accept, resolve and return have their own shapes. */
  private drawActions(card: Card, view: IncidentView): void {
    const id = view.id;
    const message = card.message;
    const label = (action: string) => `${zh(actionWords, action)} ${id}`;
    const act = async (action: string, body: Record<string, unknown>, button: HTMLButtonElement) => {
      button.disabled = true;
      message.textContent = '提交中 Sending…';
      try {
        message.textContent = await this.sender.act(id, action, label(action), body);
      } catch (e) {
        message.textContent = e instanceof Error ? e.message : String(e);
        button.disabled = false;
      }
    };
    const queued = this.sender.queued(id);
    card.queued = queued.map(q => q.action).join();
    const offers = offersNow(view, queued);
    // The same offers drawn again would throw away what the worker chose (photos cannot be put back in a file input).
    const waiting = card.actions.querySelector('.task-queued');
    const line = queued.length
      ? h('p.task-queued', {}, h('strong', {}, '待发送 '), queued.map(q => zh(actionWords, q.action)).join(' → '), h('small', {}, ' · waiting to send'))
      : h('p.task-queued', { hidden: true });
    const drawn = offers.map(o => `${o.action}:${o.fields.map(f => f.name).join('+')}`).join(',');
    if (drawn === card.drawn && waiting) {
      waiting.replaceWith(line);
      return;
    }
    card.drawn = drawn;
    const buttons: HTMLElement[] = [line];
    for (const offer of offers) {
      if (offer.action === 'accept' && offer.fields.every(f => !f.required)) {
        const accept = h('button.primary.task-accept', { type: 'button' }, ...offerLabel(offer));
        accept.addEventListener('click', () => void act('accept', {}, accept));
        buttons.push(accept);
      } else if (offer.action === 'resolve' && formFits(offer) && !fieldOf(offer, 'taskId')) {
        buttons.push(this.resolveForm(id, offer, message));
      } else if (offer.action === 'return' && formFits(offer)) {
        const note = fieldOf(offer, 'note');
        const reason = h('input.task-reason', { placeholder: note ? `${note.chinese} · ${note.prompt}` : '', name: 'note', maxLength: note?.maxLength ?? undefined });
        const back = h('button.secondary', { type: 'button' }, ...offerLabel(offer));
        back.addEventListener('click', () => {
          if (note?.required && !reason.value.trim()) { message.textContent = note.prompt; return; }
          void act('return', { note: reason.value.trim() }, back);
        });
        buttons.push(h('details.task-more', {}, h('summary', {}, ...offerLabel(offer)), h('div.row', {}, reason, back)));
      } else if (formFits(offer, this.controls)) {
        buttons.push(h('details.task-more', { dataset: { action: offer.action } }, h('summary', {}, ...offerLabel(offer)),
          actionForm(offer, body => this.sender.act(id, offer.action, label(offer.action), body), this.controls)));
      }
    }
    // What the worker was typing survives the redraw (a new version, an action queued or sent): same form, same field.
    const typed = new Map([...card.actions.querySelectorAll<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>(typedFields)]
      .map(el => [fieldKey(el), el.value] as const));
    card.actions.replaceChildren(...buttons, message);
    for (const el of card.actions.querySelectorAll<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>(typedFields)) {
      const value = typed.get(fieldKey(el));
      if (value) el.value = value;
    }
  }

  private resolveForm(id: string, offer: ActionOffer, message: HTMLElement): HTMLElement {
    const noteField = fieldOf(offer, 'note');
    const note = h('textarea', {
      name: 'note', rows: 3, placeholder: noteField ? `${noteField.chinese} · ${noteField.prompt}` : '', required: noteField?.required, maxLength: noteField?.maxLength ?? undefined,
    });
    const photo = h('input', { type: 'file', name: 'photo', accept: 'image/*', capture: 'environment', multiple: true });
    const photoField = h('label.task-photo', {}, '现场照片 ', h('small', {}, 'Photos (optional)'), photo);
    photoField.hidden = !fieldOf(offer, 'photos');
    const submit = h('button.primary.task-resolve', { type: 'submit' }, ...offerLabel(offer));
    const form = h('form.task-resolve-form', {}, note, photoField, submit);
    form.addEventListener('submit', async event => {
      event.preventDefault();
      if (noteField?.required && !note.value.trim()) { message.textContent = noteField.prompt; return; }
      submit.disabled = true;
      message.textContent = '提交中 Sending…';
      try {
        const files = [...(photo.files ?? [])];
        message.textContent = await this.sender.act(id, 'resolve', `${zh(actionWords, 'resolve')} ${id}`,
          files.length ? { note: note.value.trim(), photos: files } : { note: note.value.trim() });
      } catch (e) {
        message.textContent = e instanceof Error ? e.message : String(e);
        submit.disabled = false;
      }
    });
    return form;
  }
}

const typedFields = 'textarea, select, input:not([type=file])';

function fieldKey(el: Element & { name: string }): string {
  const form = el.closest('form, details');
  return `${form?.className ?? ''}|${(form as HTMLElement | null)?.dataset.action ?? ''}|${el.name}`;
}
