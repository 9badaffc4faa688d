// The words the pages show for the API's codes: Chinese first, English in small type.

import { cityZone } from './city';

export const stateWords: Record<string, [string, string]> = {
  reported: ['上报', 'Reported'],
  gridded: ['立案', 'Gridded'],
  dispatched: ['已派遣', 'Dispatched'],
  handling: ['处置中', 'Handling'],
  handled: ['已处置', 'Handled'],
  verified: ['已核查', 'Verified'],
  evaluated: ['已评价', 'Evaluated'],
  assessed: ['已考核', 'Assessed'],
  filed: ['已入档', 'Filed'],
  archived: ['已归档', 'Archived'],
  suspended: ['挂账', 'Suspended'],
  cancelled: ['不予立案', 'Cancelled'],
};

export const priorityWords: Record<string, [string, string]> = {
  urgent: ['特急', 'Urgent'],
  high: ['紧急', 'High'],
  normal: ['一般', 'Normal'],
  low: ['较低', 'Low'],
};

/** The SLA clock's steps (the activeStep of a delta, the step of a deadline or alert). */
export const slaStepWords: Record<string, [string, string]> = {
  grid: ['立案', 'to grid'],
  dispatch: ['派遣', 'to dispatch'],
  accept: ['接单', 'to accept'],
  handle: ['处置', 'to handle'],
  verify: ['核查', 'to verify'],
  evaluate: ['回访', 'to evaluate'],
};

export const escalationWords: Record<string, [string, string]> = {
  None: ['未升级', 'not escalated'],
  GridLeader: ['网格长', 'grid leader'],
  Supervisor: ['督查员', 'supervisor'],
  ParentGrid: ['上级网格', 'parent grid'],
  CommandCenter: ['指挥中心', 'command center'],
};

/** The timeline's words for actions: the server's action table (src/Grains/Incidents/Actions), kept equal by PageWordsTests. */
export const actionWords: Record<string, [string, string]> = {
  locate: ['定位立案', 'Locate'],
  dispatch: ['派遣', 'Dispatch'],
  split: ['联合处置', 'Split for joint handling'],
  accept: ['接单', 'Accept'],
  resolve: ['处置完成', 'Resolve'],
  return: ['回退', 'Return'],
  'request-extension': ['申请延期', 'Request extension'],
  'decide-extension': ['延期审批', 'Decide extension'],
  verify: ['核查', 'Verify'],
  evaluate: ['回访评价', 'Evaluate'],
  'no-answer': ['回访未接通', 'No answer'],
  cancel: ['不予立案', 'Cancel'],
  suspend: ['挂账', 'Suspend'],
  resume: ['恢复', 'Resume'],
  supervise: ['督办', 'Supervise'],
  'acknowledge-alert': ['确认告警', 'Acknowledge alert'],
  unlink: ['拆分重复上报', 'Unlink report'],
  archive: ['归档', 'Archive'],
  'acknowledge-notice': ['确认送达', 'Acknowledge notice'],
  'read-notice': ['已读', 'Read notice'],
  report: ['上报', 'Report'],
  warn: ['预警', 'Warning'],
  escalate: ['超时升级', 'Escalated'],
  assess: ['考核', 'Assessed'],
  file: ['入档', 'Filed'],
  link: ['重复上报关联', 'Linked duplicate'],
  'assign-task': ['分派子任务', 'Sub-task assigned'],
  remind: ['未读再提醒', 'Reminder sent'],
};

/** What a notice to a member is (IncidentState's notice kinds): the phone's banner and the panel's list of who was told. */
export const noticeWords: Record<string, [string, string]> = {
  assignment: ['新任务', 'New assignment'],
  warning: ['即将超时', 'Warning'],
  breach: ['超时升级', 'Escalated'],
  reminder: ['再次提醒', 'Reminder'],
  supervision: ['督办', 'Pressed'],
  notice: ['通知', 'Notice'],
};

export const lightWords: Record<string, [string, string]> = {
  green: ['正常', 'On time'],
  yellow: ['预警', 'Warned'],
  red: ['超时', 'Overdue'],
  none: ['无时限', 'No clock'],
};

export const nineSteps = ['天上有云', '地上有格', '格中有人', '人能管事', '管理有序', '序后评估', '评后考核', '考核入档', '归档入云'];

export const channelWords: Record<string, string> = {
  'worker-app': '网格员上报', hotline: '12345热线', open311: 'Open311', patrol: '巡查', sensor: '感知告警',
};

export function zh(table: Record<string, [string, string]>, code: string | null | undefined): string {
  return code ? table[code]?.[0] ?? code : '—';
}

export function en(table: Record<string, [string, string]>, code: string | null | undefined): string {
  return code ? table[code]?.[1] ?? code : '';
}

/** "12:34" / "1:02:03" for a span, with a sign kept by the caller. */
export function span(ms: number): string {
  const total = Math.floor(Math.abs(ms) / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  if (h >= 48) return `${Math.floor(h / 24)}天${two(h % 24)}时`;
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${two(m)}:${two(s)}`;
}

/** The three ways a page shows an instant, in the city's zone (from GET /api/city), whatever the browser's. */
let formats: { zone: string | undefined; time: Intl.DateTimeFormat; dateTime: Intl.DateTimeFormat; date: Intl.DateTimeFormat } | null = null;

function cityFormats() {
  const zone = cityZone();
  if (!formats || formats.zone !== zone) {
    formats = {
      zone,
      time: new Intl.DateTimeFormat('zh-CN', { timeZone: zone, hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false }),
      dateTime: new Intl.DateTimeFormat('zh-CN', { timeZone: zone, month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false }),
      date: new Intl.DateTimeFormat('zh-CN', { timeZone: zone, year: 'numeric', month: 'long', day: 'numeric', weekday: 'short' }),
    };
  }
  return formats;
}

export const clock = (at: Date | string | number) => cityFormats().time.format(new Date(at));
export const stamp = (at: Date | string | number) => cityFormats().dateTime.format(new Date(at));
export const dateLine = (at: Date | string | number) => cityFormats().date.format(new Date(at));

/** Builds an element: h('div.row.urgent', {dataset}, children). */
export function h<K extends keyof HTMLElementTagNameMap>(
  tagAndClasses: K | `${K}.${string}`,
  props: Partial<Record<string, unknown>> & { dataset?: Record<string, string> } = {},
  ...children: (Node | string | null | undefined | false)[]
): HTMLElementTagNameMap[K] {
  const [tag, ...classes] = tagAndClasses.split('.');
  const element = document.createElement(tag as K);
  if (classes.length) element.className = classes.join(' ');
  for (const [key, value] of Object.entries(props)) {
    if (key === 'dataset') Object.assign(element.dataset, value);
    else if (key.startsWith('on') && typeof value === 'function') element.addEventListener(key.slice(2), value as EventListener);
    else if (value !== undefined && value !== null && value !== false) (element as unknown as Record<string, unknown>)[key] = value;
  }
  for (const child of children) if (child !== null && child !== undefined && child !== false) element.append(child);
  return element;
}

/** Chinese word with its English in small type. */
export function bilingual(zhText: string, enText: string, tag: 'span' | 'div' = 'span'): HTMLElement {
  return h(tag, { className: 'bi' }, zhText, enText ? h('small', {}, enText) : null);
}
