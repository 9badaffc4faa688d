// Shapes of what the command center sends (camelCase; instants as ISO strings in JSON and MessagePack alike).

export type Priority = 'urgent' | 'high' | 'normal' | 'low';

/** An incident as the wall draws it; a higher version replaces a lower one. */
export interface IncidentDelta {
  id: string;
  version: number;
  state: string;
  step: number;
  category: string;
  priority: Priority | string;
  lat: number | null;
  lon: number | null;
  gridId: string | null;
  assigneeId: string | null;
  activeStep: string | null;
  warnAt: string | null;
  dueAt: string | null;
  breached: boolean;
  warned: boolean;
  escalation: string;
  open: boolean;
  createdAt: string;
  updatedAt: string;
  /** The light's course as the server's light rule computed it: yellow, red, none from these instants (null: not while this version stands). */
  yellowFrom: string | null;
  redFrom: string | null;
  noneFrom: string | null;
}

export interface SlaAlert {
  incidentId: string;
  kind: 'warning' | 'breach' | string;
  step: string;
  escalation: string;
  at: string;
  gridId: string | null;
  assigneeId: string | null;
  dueAt: string | null;
}

export interface PositionUpdate {
  memberId: string;
  lat: number;
  lon: number;
  at: string;
  duty: 'on' | 'off' | 'busy' | string;
}

export interface WorkerNotice {
  kind: 'assignment' | 'supervision' | string;
  incidentId: string;
  text: string;
  at: string;
  incident: IncidentDelta | null;
}

export interface ScopeCounters {
  open: number;
  overdue: number;
  handledToday: number;
  onTimeToday: number;
}

export interface FeedBatch {
  channel: string;
  epoch: string;
  sequence: number;
  incidents: IncidentDelta[];
  alerts: SlaAlert[];
  positions: PositionUpdate[];
  notices: WorkerNotice[];
  counters: ScopeCounters | null;
}

export interface FeedSnapshot {
  channel: string;
  epoch: string;
  sequence: number;
  incidents: IncidentDelta[];
  positions: PositionUpdate[];
  counters: ScopeCounters;
}

// HTTP API shapes.

export interface DeadlineView {
  step: string;
  startedAt: string;
  warnAt: string;
  dueAt: string;
  originalDueAt: string;
  limit: string;
  light: 'green' | 'yellow' | 'red' | 'none' | string;
  breached: boolean;
  active: boolean;
  endedAt: string | null;
}

export interface TimelineEntry {
  sequence: number;
  at: string;
  action: string;
  actor: string;
  actorRole: string;
  from: string;
  to: string;
  note: string | null;
  memberId: string | null;
}

/** A field an offered action asks for (from the server's action table). */
export interface ActionFieldView {
  name: string;
  /** text, yesno, number, time, member, grid, link, subtask, subtasks, notice, photos */
  kind: string;
  required: boolean;
  chinese: string;
  english: string;
  prompt: string;
  requiredWhen: string | null;
  maxLength: number | null;
  min: number | null;
  max: number | null;
  limit: string | null;
}

export interface ActionOffer {
  action: string;
  chinese: string;
  english: string;
  fields: ActionFieldView[];
}

export interface IncidentView {
  id: string;
  state: string;
  step: number;
  category: string;
  categoryName: string | null;
  priority: string;
  channel: string;
  description: string;
  lat: number | null;
  lon: number | null;
  address: string | null;
  gridId: string | null;
  gridChain: string[];
  assigneeId: string | null;
  light: string;
  escalation: string;
  reworks: number;
  returns: number;
  extensions: number;
  createdAt: string;
  updatedAt: string;
  deadlines: DeadlineView[];
  /** What the signed-in person may do now (the server decides), with the words and fields to ask. */
  allowedActions: ActionOffer[];
  timeline: TimelineEntry[];
  /** Photo URLs (under /api, so fetched with the token), where the server keeps photos. */
  photos?: string[];
}

export interface CategoryView {
  code: string;
  name: string;
  kind: string;
  majorName: string;
  platform: string;
  defaultPriority: string;
  handlingLimit: string;
}

export interface MemberView {
  id: string;
  name: string;
  role: string;
  gridId: string;
  employment: string;
  duty: string;
  dutySince: string | null;
  lastLocation: { lat: number; lon: number; at: string } | null;
}

export interface GridProperties {
  id: string;
  parentId: string | null;
  level: number;
  name: string;
}
