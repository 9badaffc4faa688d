// The alert feed: SLA warnings and breaches pushed with the batches, and new incidents, newest first. An operator
// acknowledges an alert (an action on the incident, written to its ledger); the acknowledgement comes back in the
// incident's delta to every wall of the scope, which marks the alert as taken.

import { api } from '../shared/api';
import type { IncidentDelta, SlaAlert } from '../shared/wire';
import { clock, en, escalationWords, h, priorityWords, slaStepWords, zh } from '../shared/words';
import type { Lookup } from './lookup';

const maxEntries = 60;

export class AlertFeed {
  private readonly list: HTMLElement;
  private readonly count: HTMLElement;
  private alerts = 0;

  constructor(host: HTMLElement, private readonly lookup: Lookup, private readonly select: (id: string) => void) {
    this.count = h('span.panel-count', {}, '0');
    this.list = h('ol.alert-list', {});
    host.replaceChildren(h('header.panel-head', {}, h('h2', {}, '告警动态 ', h('small', {}, 'Alerts')), this.count), this.list);
  }

  alert(alert: SlaAlert): void {
    const breach = alert.kind === 'breach';
    const place = this.lookup.placeOf(alert.gridId);
    this.alerts++;
    this.count.textContent = String(this.alerts);
    const acknowledge = h('button.alert-ack', { type: 'button', title: '确认告警 Acknowledge' }, '确认 ', h('small', {}, 'Ack'));
    const entry = h('li.alert', { dataset: { kind: breach ? 'breach' : 'warning', id: alert.incidentId, at: alert.at }, onclick: () => this.select(alert.incidentId) },
      h('span.alert-icon', { 'aria-hidden': 'true' }, breach ? '!' : '△'),
      h('div.alert-body', {},
        h('strong', {}, breach ? '超时告警 ' : '时限预警 ', h('small', {}, breach ? 'SLA breach' : 'SLA warning'), ' · ',
          `${zh(slaStepWords, alert.step)}`),
        h('span', {}, `${alert.incidentId} · ${place.town}${place.village ? ' ' + place.village : ''}`),
        breach && alert.escalation !== 'None'
          ? h('small', {}, `已升级至 ${zh(escalationWords, alert.escalation)} · escalated to ${en(escalationWords, alert.escalation)}`)
          : h('small', {}, `${alert.assigneeId ? '处置人 ' + this.lookup.memberName(alert.assigneeId) : en(slaStepWords, alert.step)}`)),
      h('time', {}, clock(alert.at)),
      acknowledge);
    acknowledge.addEventListener('click', e => {
      e.stopPropagation();
      acknowledge.disabled = true;
      api(`/api/incidents/${encodeURIComponent(alert.incidentId)}/actions/acknowledge-alert`, { body: {} })
        .catch((refused: Error) => { acknowledge.disabled = false; acknowledge.title = refused.message; entry.dataset.refused = refused.message; });
    });
    this.add(entry);
  }

  /** The incident's delta says who acknowledged its current alert: its alerts up to then are marked as taken. */
  acknowledged(incident: IncidentDelta): void {
    if (!incident.alertAcknowledgedBy || !incident.alertAcknowledgedAt) return;
    const at = Date.parse(incident.alertAcknowledgedAt);
    for (const entry of this.list.querySelectorAll<HTMLElement>(`li.alert[data-id="${CSS.escape(incident.id)}"]`)) {
      if (entry.dataset.kind === 'new' || entry.dataset.acknowledged || Date.parse(entry.dataset.at ?? '') > at) continue;
      entry.dataset.acknowledged = incident.alertAcknowledgedBy;
      entry.querySelector('.alert-ack')?.replaceWith(h('span.alert-acked', { title: `已确认 ${incident.alertAcknowledgedBy}` }, `✓ ${incident.alertAcknowledgedBy}`));
    }
  }

  /**
   * After a (re)load the pushes of the past are gone: the feed starts from the lights the open incidents
   * carry now, oldest first, so the newest is on top as if it had been pushed.
   */
  seed(incidents: readonly IncidentDelta[]): void {
    this.list.replaceChildren();
    this.alerts = 0;
    const lit = [...incidents].filter(i => i.breached || i.warned).map(i => ({
      incidentId: i.id, kind: i.breached ? 'breach' : 'warning', step: i.activeStep ?? '', escalation: i.escalation,
      at: (i.breached ? i.dueAt : i.warnAt) ?? i.updatedAt, gridId: i.gridId, assigneeId: i.assigneeId, dueAt: i.dueAt,
    } satisfies SlaAlert));
    for (const alert of lit.sort((a, b) => Date.parse(a.at) - Date.parse(b.at)).slice(-maxEntries)) this.alert(alert);
    for (const entry of this.list.children) entry.classList.remove('fresh');
    for (const incident of incidents) this.acknowledged(incident);
  }

  reported(incident: IncidentDelta): void {
    const place = this.lookup.placeOf(incident.gridId);
    this.add(h('li.alert', { dataset: { kind: 'new', priority: incident.priority, id: incident.id }, onclick: () => this.select(incident.id) },
      h('span.alert-icon', { 'aria-hidden': 'true' }, '+'),
      h('div.alert-body', {},
        h('strong', {}, '新事件 ', h('small', {}, 'New'), ' · ', this.lookup.categoryName(incident.category)),
        h('span', {}, `${incident.id} · ${place.town}${place.village ? ' ' + place.village : ''}`),
        h('small', {}, `${zh(priorityWords, incident.priority)} ${en(priorityWords, incident.priority)}`)),
      h('time', {}, clock(incident.createdAt))));
  }

  private add(entry: HTMLElement): void {
    entry.classList.add('fresh');
    this.list.prepend(entry);
    while (this.list.children.length > maxEntries) this.list.lastElementChild!.remove();
  }
}
