// The incident panel: one incident's state, nine-step progress, deadlines with their lights, timeline, the
// actions the server offers the signed-in person (in its words, each with the form of its fields), and for
// dispatch the ranked recommendations with a dispatch button per candidate (and a member-id field as fallback).

import { api, ApiError } from '../shared/api';
import { currentAccount } from '../shared/session';
import type { ActionOffer, IncidentView, PhotoFactsView } from '../shared/wire';
import { actionForm, fieldOf, formFits, offerLabel, offerOf, type FieldControls } from '../shared/actionForm';
import type { CityMap } from './cityMap';
import { deskControls } from './deskControls';
import {
  actionWords, channelWords, clock, en, escalationWords, h, nineSteps, noticeWords, priorityWords, slaStepWords, stamp, stateWords, zh,
} from '../shared/words';
import type { Lookup } from './lookup';

/** A candidate as the recommendation endpoint may word it; every field but the member id is optional. */
interface Candidate {
  memberId: string;
  name?: string;
  role?: string;
  score?: number;
  distanceMeters?: number;
  openIncidents?: number;
  duty?: string;
  reasons: string[];
}

export class IncidentPanel {
  private readonly body: HTMLElement;
  private current: string | null = null;
  private loading = 0;
  /** What the last action taken here came to, shown above the redrawn panel until another case is shown. */
  private notice: { id: string; action: string; text: string } | null = null;
  /** Null until known; false once the endpoint answered 404 (not deployed): the section stays hidden. */
  private recommendationsExist: boolean | null = null;

  constructor(private readonly host: HTMLElement, private readonly lookup: Lookup, private readonly map: CityMap,
              private readonly closed: () => void) {
    this.body = h('div.detail-body', {});
    host.replaceChildren(
      h('button.detail-close', { type: 'button', title: '关闭 Close', onclick: () => this.close() }, '×'),
      this.body);
    host.hidden = true;
  }

  get incidentId(): string | null {
    return this.current;
  }

  async show(id: string): Promise<void> {
    this.current = id;
    this.host.hidden = false;
    this.host.dataset.id = id;
    if (!this.body.firstChild || this.body.dataset.id !== id) this.body.replaceChildren(h('p.detail-loading', {}, '加载中 Loading…'));
    await this.refresh();
  }

  /** Reloads the shown incident (its delta changed). */
  async refresh(): Promise<void> {
    const id = this.current;
    if (!id) return;
    const ticket = ++this.loading;
    try {
      const incident = await api<IncidentView>(`/api/incidents/${encodeURIComponent(id)}`);
      const ranking = offerOf(incident.allowedActions, 'dispatch') ? await this.recommendations(id) : null;
      if (ticket !== this.loading || this.current !== id) return;
      this.draw(incident, ranking);
    } catch (e) {
      if (ticket !== this.loading) return;
      this.body.replaceChildren(h('p.detail-error', {}, e instanceof Error ? e.message : String(e)));
    }
  }

  close(): void {
    this.current = null;
    this.host.hidden = true;
    delete this.host.dataset.id;
    this.closed();
  }

  private async recommendations(id: string): Promise<Ranking | null> {
    if (this.recommendationsExist === false) return null;
    try {
      const answer = await api<unknown>(`/api/incidents/${encodeURIComponent(id)}/recommendations`);
      this.recommendationsExist = true;
      return { candidates: candidatesOf(answer), excluded: excludedOf(answer) };
    } catch (e) {
      // The incident itself was just loaded, so a 404 here means the endpoint is not deployed.
      if (e instanceof ApiError && (e.status === 404 || e.status === 405)) this.recommendationsExist = false;
      return null;
    }
  }

  private draw(incident: IncidentView, ranking: Ranking | null): void {
    const place = this.lookup.placeOf(incident.gridId);
    const chain = incident.gridChain.map(g => this.lookup.gridName(g)).filter(Boolean).join(' › ');
    this.body.dataset.id = incident.id;
    this.body.dataset.state = incident.state;
    this.body.replaceChildren(
      h('header.detail-head', {},
        h('span.prio', { dataset: { priority: incident.priority } }, zh(priorityWords, incident.priority)),
        h('div', {},
          h('h2', {}, incident.categoryName ?? incident.category),
          h('p.detail-id', {}, `${incident.id} · ${channelWords[incident.channel] ?? incident.channel}`)),
        h('span.light-dot', { dataset: { light: incident.light }, title: incident.light })),
      this.notice?.id === incident.id ? h('p.panel-notice', { role: 'status', dataset: { action: this.notice.action } }, this.notice.text) : '',
      stepper(incident),
      h('dl.detail-facts', {},
        fact('状态 State', h('span', { className: `state-${incident.state}` }, `${zh(stateWords, incident.state)} `, h('small', {}, en(stateWords, incident.state)))),
        fact('网格 Grid', chain || `${place.town} ${place.village}`),
        incident.address ? fact('地址 Address', incident.address) : null,
        incident.callerName || incident.callerPhone ? fact('来电人 Caller', [incident.callerName, incident.callerPhone].filter(Boolean).join(' · ')) : null,
        fact('处置人 Assignee', incident.assigneeId ? `${this.lookup.memberName(incident.assigneeId)} (${incident.assigneeId})` : '未派遣 not dispatched'),
        fact('升级 Escalation', `${zh(escalationWords, incident.escalation)} · ${en(escalationWords, incident.escalation)}`),
        fact('上报 Reported', stamp(incident.createdAt)),
        incident.returnVisitAttempts ? fact('回访 Visits', `未接通 ${incident.returnVisitAttempts} 次 · ${incident.returnVisitAttempts} unanswered`) : null,
        incident.satisfaction != null ? fact('满意度 Satisfaction', `${incident.satisfaction} / 5`) : null,
        incident.alertAcknowledgedBy ? fact('告警 Alert', `已确认 ${incident.alertAcknowledgedBy} · ${clock(incident.alertAcknowledgedAt!)}`) : null,
        fact('描述 Description', incident.description)),
      this.photos(incident),
      this.deadlines(incident),
      this.subTasks(incident),
      links(incident),
      this.notices(incident),
      this.actions(incident, ranking),
      this.timeline(incident));
  }

  /** Photos from the site, all of them; each also shows beside the step that brought it in the timeline. */
  private photos(incident: IncidentView): Node {
    if (!incident.photos?.length) return document.createDocumentFragment();
    return h('section.detail-section', {}, h('h3', {}, '现场照片 ', h('small', {}, 'Photos')), photoStrip(incident.photos));
  }

  /** Who was told what (assignments, warnings, each rung of the escalation ladder, presses, reminders) and whether they read it. */
  private notices(incident: IncidentView): Node {
    if (!incident.notices.length) return document.createDocumentFragment();
    return h('section.detail-section.notices', {},
      h('h3', {}, '通知 ', h('small', {}, 'Who was told')),
      h('table.deadlines', {},
        h('thead', {}, h('tr', {}, h('th', {}, '对象 To'), h('th', {}, '内容 What'), h('th', {}, '发送 Sent'), h('th', {}, '送达 Delivered'), h('th', {}, '已读 Read'))),
        h('tbody', {}, ...[...incident.notices].reverse().map(n => h('tr', { dataset: { notice: String(n.sequence), kind: n.kind, member: n.memberId, read: String(n.readAt !== null) } },
          h('td', {}, `${this.lookup.memberName(n.memberId)} (${n.memberId})`),
          h('td', {}, `${zh(noticeWords, n.kind)} `, h('small', {}, en(noticeWords, n.kind))),
          h('td', {}, clock(n.sentAt)),
          h('td', {}, n.deliveredAt ? clock(n.deliveredAt) : '—'),
          h('td', {}, n.readAt ? clock(n.readAt) : '未读 unread'))))));
  }

  /** 联合处置: each platform's sub-task, who has it, where it stands and its own deadline's light. */
  private subTasks(incident: IncidentView): Node {
    if (!incident.subTasks.length) return document.createDocumentFragment();
    return h('section.detail-section.subtasks', {},
      h('h3', {}, '联合处置 ', h('small', {}, 'Sub-tasks')),
      h('table.deadlines', {},
        h('thead', {}, h('tr', {}, h('th', {}, ''), h('th', {}, '平台 Platform'), h('th', {}, '处置人 Member'), h('th', {}, '状态 Status'), h('th', {}, '截止 Due'))),
        h('tbody', {}, ...incident.subTasks.map(t => h('tr', { dataset: { task: t.taskId, platform: t.platform } },
          h('td', {}, h('span.light-dot', { dataset: { light: t.light }, title: t.light })),
          h('td', {}, t.platformName),
          h('td', {}, `${this.lookup.memberName(t.memberId)} (${t.memberId})`),
          h('td', {}, t.status),
          h('td', {}, clock(t.dueAt)))))));
  }

  private deadlines(incident: IncidentView): HTMLElement {
    return h('section.detail-section', {},
      h('h3', {}, '时限 ', h('small', {}, 'Deadlines')),
      h('table.deadlines', {},
        h('thead', {}, h('tr', {}, h('th', {}, ''), h('th', {}, '环节 Step'), h('th', {}, '开始 Start'), h('th', {}, '预警 Warn'), h('th', {}, '截止 Due'), h('th', {}, '结束 End'))),
        h('tbody', {}, ...incident.deadlines.map(d => h('tr', { className: d.active ? 'active' : '' },
          h('td', {}, h('span.light-dot', { dataset: { light: d.light }, title: d.light })),
          h('td', {}, `${zh(slaStepWords, d.step)} `, h('small', {}, en(slaStepWords, d.step))),
          h('td', {}, clock(d.startedAt)),
          h('td', {}, clock(d.warnAt)),
          h('td', {}, clock(d.dueAt), d.dueAt !== d.originalDueAt ? h('small', {}, ` (原 ${clock(d.originalDueAt)})`) : null),
          h('td', {}, d.endedAt ? clock(d.endedAt) : d.active ? '进行中' : '—'))))));
  }

  /** What the signed-in person may do now, as the server offers it: dispatch with its ranking, the rest as forms of their fields. */
  private actions(incident: IncidentView, ranking: Ranking | null): Node {
    const offers = incident.allowedActions;
    const controls: FieldControls = deskControls(this.map, this.lookup, incident);
    const dispatch = offerOf(offers, 'dispatch');
    const others = offers.filter(o => o !== dispatch && formFits(o, controls));
    const section = document.createDocumentFragment();
    if (dispatch) section.append(this.dispatch(incident, dispatch, ranking));
    if (others.length) {
      const send = (offer: ActionOffer) => async (body: Record<string, unknown>) => {
        await api(`/api/incidents/${encodeURIComponent(incident.id)}/actions/${offer.action}`, { body });
        this.notice = { id: incident.id, action: offer.action, text: `${offer.chinese} · ${offer.english}: 已提交 done.` };
        await this.refresh();
      };
      // One form open at a time keeps the panel short; the first offer is open when it is the only one.
      section.append(h('section.detail-section.actions', {},
        h('h3', {}, '操作 ', h('small', {}, 'Actions')),
        ...others.map(offer => h('details.action', { dataset: { action: offer.action }, open: others.length === 1 },
          h('summary', {}, ...offerLabel(offer)), actionForm(offer, send(offer), controls)))));
    }
    return section;
  }

  private dispatch(incident: IncidentView, offer: ActionOffer, ranking: Ranking | null): HTMLElement {
    const candidates = ranking?.candidates ?? null;
    const message = h('p.dispatch-message', { role: 'status' });
    const member = fieldOf(offer, 'memberId');
    const send = async (memberId: string, button: HTMLButtonElement) => {
      if (!memberId.trim()) {
        message.textContent = member?.prompt ?? '';
        return;
      }
      button.disabled = true;
      message.textContent = '派遣中 Dispatching…';
      try {
        await api(`/api/incidents/${encodeURIComponent(incident.id)}/actions/dispatch`, { body: { memberId: memberId.trim() } });
        message.textContent = `已派遣给 ${this.lookup.memberName(memberId.trim())} · Dispatched.`;
        await this.refresh();
      } catch (e) {
        message.textContent = e instanceof Error ? e.message : String(e);
        button.disabled = false;
      }
    };
    const field = h('input.dispatch-member', { placeholder: 'M00040', 'aria-label': member ? `${member.chinese} ${member.english}` : '', title: member?.prompt, name: 'memberId' });
    const manual = h('button.dispatch-manual', { type: 'button' }, ...offerLabel(offer));
    manual.addEventListener('click', () => void send(field.value, manual));
    field.addEventListener('keydown', e => { if (e.key === 'Enter') void send(field.value, manual); });

    const ranked = candidates && candidates.length
      ? h('ol.candidates', {}, ...candidates.slice(0, 6).map((c, index) => {
        const button = h('button.dispatch-candidate', { type: 'button', dataset: { memberId: c.memberId } }, ...offerLabel(offer));
        button.addEventListener('click', () => void send(c.memberId, button));
        const facts = [
          c.role, c.duty ? `在岗 ${c.duty}` : null,
          c.distanceMeters !== undefined ? distance(c.distanceMeters) : null,
          c.openIncidents !== undefined ? `在办 ${c.openIncidents}` : null,
          c.score !== undefined ? `得分 ${c.score.toFixed(2)}` : null,
        ].filter(Boolean).join(' · ');
        return h('li.candidate', {},
          h('span.candidate-rank', {}, String(index + 1)),
          h('div', {},
            h('strong', {}, c.name ?? this.lookup.memberName(c.memberId), h('small', {}, ` ${c.memberId}`)),
            h('small', {}, facts),
            c.reasons.length ? h('small.candidate-reasons', {}, c.reasons.join('；')) : null),
          button);
      }))
      : null;

    return h('section.detail-section.dispatch', {},
      h('h3', {}, ...offerLabel(offer)),
      candidates === null ? null : h('p.detail-hint', {}, '推荐处置人 · Recommended, best first'),
      ranked ?? (candidates ? h('p.detail-hint', {}, '暂无推荐 · No candidate on duty nearby.') : null),
      ranking?.excluded.length ? h('p.detail-hint.excluded', {}, `已排除 ${ranking.excluded.length} 人 · excluded: `,
        [...tally(ranking.excluded)].map(([reason, n]) => `${reason} ×${n}`).join('；')) : null,
      h('div.dispatch-form', {}, field, manual),
      message);
  }

  private timeline(incident: IncidentView): HTMLElement {
    return h('section.detail-section', {},
      h('h3', {}, '处置过程 ', h('small', {}, 'Timeline')),
      h('ol.timeline', {}, ...[...incident.timeline].reverse().map(e => h('li', { dataset: { action: e.action } },
        h('time', {}, stamp(e.at)),
        h('div', {},
          h('strong', {}, `${zh(actionWords, e.action)} `, h('small', {}, en(actionWords, e.action))),
          h('span', {}, `${e.actor}${e.memberId ? ' → ' + this.lookup.memberName(e.memberId) : ''} · ${zh(stateWords, e.from)} → ${zh(stateWords, e.to)}`),
          e.note ? h('small', {}, e.note) : null,
          e.photos.length ? photoStrip(e.photos) : null)))));
  }
}

const photoUrls = new Map<string, Promise<string | null>>();

/**
 * Photos fetched with the token (the API guards them) and shown from blob: URLs; a click enlarges one. Under each,
 * when and where it was taken, as the phone read it from the camera (GET /api/photos/{name}/facts), if it was.
 */
function photoStrip(urls: readonly string[]): HTMLElement {
  const strip = h('div.photos', {});
  for (const url of urls) {
    const image = h('img', { alt: '现场照片 Photo', loading: 'lazy' });
    const caption = h('figcaption.photo-facts', {});
    strip.append(h('figure.photo', {}, h('a', { href: '#', onclick: (e: Event) => { e.preventDefault(); image.classList.toggle('large'); } }, image), caption));
    void photoBlob(url).then(src => { if (src) image.src = src; });
    if (url.startsWith('/api/photos/')) void photoFacts(url).then(facts => { caption.textContent = factsWords(facts); });
  }
  return strip;
}

function photoFacts(url: string): Promise<PhotoFactsView | null> {
  return fetch(`${url}/facts`, { headers: { Authorization: `Bearer ${currentAccount()?.token ?? ''}` } })
    .then(r => (r.ok ? r.json() as Promise<PhotoFactsView> : null))
    .catch(() => null);
}

function factsWords(facts: PhotoFactsView | null): string {
  if (!facts) return '';
  const when = facts.takenAt ? `拍摄 ${stamp(facts.takenAt)}` : '';
  const where = facts.lat !== null && facts.lon !== null ? `${facts.lat.toFixed(5)}, ${facts.lon.toFixed(5)}` : '';
  return [when, where].filter(Boolean).join(' · ');
}

function photoBlob(url: string): Promise<string | null> {
  let src = photoUrls.get(url);
  if (!src) {
    src = fetch(url, { headers: { Authorization: `Bearer ${currentAccount()?.token ?? ''}` } })
      .then(async r => (r.ok ? URL.createObjectURL(await r.blob()) : null))
      .catch(() => null);
    photoUrls.set(url, src);
  }
  return src;
}

/** Reports joined to this case as duplicates (重复上报), and which were since made cases of their own. */
function links(incident: IncidentView): Node {
  if (!incident.links.length) return document.createDocumentFragment();
  return h('section.detail-section.links', {},
    h('h3', {}, '关联上报 ', h('small', {}, `Linked reports · ${incident.links.length}`)),
    h('ol.timeline', {}, ...incident.links.map(l => h('li', { dataset: { link: l.linkId } },
      h('time', {}, stamp(l.at)),
      h('div', {},
        h('strong', {}, `${l.linkId} `, h('small', {}, channelWords[l.channel] ?? l.channel)),
        h('span', {}, l.description),
        l.unlinkedInto ? h('small', {}, `已拆分为 ${l.unlinkedInto} · made a case of its own`) : null)))));
}

function fact(label: string, value: string | Node): DocumentFragment {
  const pair = document.createDocumentFragment();
  pair.append(h('dt', {}, label), h('dd', {}, value));
  return pair;
}

function stepper(incident: IncidentView): HTMLElement {
  return h('ol.stepper', { 'aria-label': 'Nine steps' }, ...nineSteps.map((word, index) => h('li', {
    className: index + 1 < incident.step ? 'done' : index + 1 === incident.step ? 'now' : '',
  }, h('span', {}, String(index + 1)), word)));
}

function distance(meters: number): string {
  return meters < 1000 ? `${Math.round(meters)} m` : `${(meters / 1000).toFixed(1)} km`;
}

interface Ranking {
  candidates: Candidate[];
  excluded: { name: string; reason: string }[];
}

function excludedOf(answer: unknown): { name: string; reason: string }[] {
  const list = answer && typeof answer === 'object' ? (answer as Record<string, unknown>).excluded : null;
  return Array.isArray(list)
    ? list.filter(e => e && typeof e === 'object').map(e => ({ name: String((e as Record<string, unknown>).name ?? ''), reason: String((e as Record<string, unknown>).reason ?? '') }))
    : [];
}

function tally(excluded: { reason: string }[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const e of excluded) counts.set(e.reason, (counts.get(e.reason) ?? 0) + 1);
  return new Map([...counts].sort((a, b) => b[1] - a[1]).slice(0, 3));
}

/** Reads the recommendation answer whichever way it is wrapped: a list, or {candidates|items|recommendations}. */
function candidatesOf(answer: unknown): Candidate[] {
  const list = Array.isArray(answer) ? answer
    : answer && typeof answer === 'object'
      ? ((answer as Record<string, unknown>).candidates ?? (answer as Record<string, unknown>).items ?? (answer as Record<string, unknown>).recommendations ?? [])
      : [];
  if (!Array.isArray(list)) return [];
  return list.flatMap((raw): Candidate[] => {
    if (!raw || typeof raw !== 'object') return [];
    const c = raw as Record<string, unknown>;
    const member = (c.member && typeof c.member === 'object' ? c.member : {}) as Record<string, unknown>;
    const memberId = c.memberId ?? member.id ?? c.id;
    if (typeof memberId !== 'string') return [];
    const num = (...values: unknown[]) => values.find(v => typeof v === 'number') as number | undefined;
    const reasons = Array.isArray(c.reasons)
      ? c.reasons.map(r => typeof r === 'string' ? r : r && typeof r === 'object'
        ? String((r as Record<string, unknown>).text ?? (r as Record<string, unknown>).reason ?? (r as Record<string, unknown>).factor ?? JSON.stringify(r))
        : String(r))
      : [];
    return [{
      memberId,
      name: (c.name ?? member.name) as string | undefined,
      role: (c.role ?? member.role) as string | undefined,
      duty: (c.duty ?? member.duty) as string | undefined,
      score: num(c.score),
      distanceMeters: num(c.distanceMetres, c.distanceMeters, c.distanceM, typeof c.distanceKm === 'number' ? c.distanceKm * 1000 : undefined, c.distance),
      openIncidents: num(c.openIncidents, c.openWorkload, c.workload, c.load),
      reasons,
    }];
  });
}
