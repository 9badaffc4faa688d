// Generated from the C# records by tests/CommandCenter.Tests/Wire/WireContract.cs: do not edit by hand.
// Regenerate with `bash scripts/regenerate-wire.sh`; the test suite fails while this file differs from what the records give.

// Hub /hubs/center (SignalR, MessagePack with string keys; instants as ISO strings): what it pushes and what a page invokes.

/** C# CommandCenter.Grains.Wall.FeedBatch */
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

/** C# CommandCenter.Grains.Wall.FeedSnapshot */
export interface FeedSnapshot {
  channel: string;
  epoch: string;
  sequence: number;
  incidents: IncidentDelta[];
  positions: PositionUpdate[];
  counters: ScopeCounters;
}

/** C# CommandCenter.Grains.Wall.IncidentDelta */
export interface IncidentDelta {
  id: string;
  version: number;
  state: string;
  step: number;
  category: string;
  priority: string;
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
  yellowFrom: string | null;
  redFrom: string | null;
  noneFrom: string | null;
  alertAcknowledgedBy: string | null;
  alertAcknowledgedAt: string | null;
}

/** C# CommandCenter.Grains.Wall.SlaAlert */
export interface SlaAlert {
  incidentId: string;
  kind: string;
  step: string;
  escalation: string;
  at: string;
  gridId: string | null;
  assigneeId: string | null;
  dueAt: string | null;
}

/** C# CommandCenter.Grains.Wall.PositionUpdate */
export interface PositionUpdate {
  memberId: string;
  lat: number;
  lon: number;
  at: string;
  duty: string;
}

/** C# CommandCenter.Grains.Wall.WorkerNotice */
export interface WorkerNotice {
  kind: string;
  incidentId: string;
  text: string;
  at: string;
  incident: IncidentDelta | null;
  noticeSequence: number;
}

/** C# CommandCenter.Grains.Wall.ScopeCounters */
export interface ScopeCounters {
  open: number;
  overdue: number;
  handledToday: number;
  onTimeToday: number;
}

/** Pushed by the hub: connection.on(name, handler). */
export interface CenterClient {
  Feed(batch: FeedBatch): void;
}

/** Invoked by a page: connection.invoke(name, ...args). */
export interface CenterHubMethods {
  Acknowledge(incidentId: string, noticeSequence: number): void;
  Follow(channel: string): FeedSnapshot;
  Unfollow(channel: string): void;
}

// HTTP API views (JSON, camelCase, nulls written).

/** C# CommandCenter.Incidents.IncidentView */
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
  pendingExtensionDueAt: string | null;
  satisfaction: number | null;
  score: number | null;
  createdAt: string;
  updatedAt: string;
  deadlines: DeadlineView[];
  allowedActions: ActionOffer[];
  timeline: TimelineEntry[];
  supervisions: number;
  links: LinkView[];
  notices: NoticeView[];
  subTasks: SubTaskView[];
  photos: string[];
  callerName: string | null;
  callerPhone: string | null;
  returnVisitAttempts: number;
  alertAcknowledgedBy: string | null;
  alertAcknowledgedAt: string | null;
}

/** C# CommandCenter.Incidents.CategoryView */
export interface CategoryView {
  code: string;
  name: string;
  kind: string;
  majorName: string;
  platform: string;
  platformName: string;
  defaultPriority: string;
  handlingLimit: string;
  initials: string;
  retired: boolean;
}

/** C# CommandCenter.Members.MemberView */
export interface MemberView {
  id: string;
  name: string;
  role: string;
  gridId: string;
  employment: string;
  duty: string;
  dutySince: string | null;
  lastLocation: LocationView | null;
}

/** C# CommandCenter.Members.MemberEndpoints.TrackView */
export interface TrackView {
  memberId: string;
  from: string;
  to: string;
  points: LocationView[];
}

/** C# CommandCenter.Members.PatrolEndpoints.PatrolDayView */
export interface PatrolDayView {
  memberId: string;
  date: string;
  from: string;
  to: string;
  distanceMetres: number;
  patrolSeconds: number;
  segments: number;
  gridsCovered: string[];
  fixesKept: number;
  fixesDropped: number;
}

/** C# CommandCenter.Members.PatrolEndpoints.PatrolRangeView */
export interface PatrolRangeView {
  memberId: string;
  from: string;
  to: string;
  distanceMetres: number;
  patrolSeconds: number;
  daysOnPatrol: number;
  keptSince: string;
  days: PatrolDayView[];
}

/** C# CommandCenter.Incidents.IncidentEndpoints.Created */
export interface Created {
  id: string;
  state: string;
  step: number;
  duplicateOf: string | null;
  linkId: string | null;
}

/** C# CommandCenter.Incidents.IncidentEndpoints.NearbyAnswer */
export interface NearbyAnswer {
  radiusMetres: number;
  incidents: NearbyIncidentView[];
}

/** C# CommandCenter.Places.PlaceEndpoints.PlaceView */
export interface PlaceView {
  id: string;
  name: string;
  kind: string;
  kindName: string;
  lat: number;
  lon: number;
  shape: number[][];
  gridId: string | null;
  chain: ChainLink[];
  score: number;
  matchedBy: string;
  confident: boolean;
}

/** C# CommandCenter.Grids.GridEndpoints.LocateAnswer */
export interface LocateAnswer {
  inside: boolean;
  grid: GridSummary | null;
  chain: ChainLink[] | null;
}

/** C# CommandCenter.Incidents.IncidentEndpoints.IncidentList */
export interface IncidentList {
  items: IncidentSummaryView[];
  total: number;
  page: number;
  pageSize: number;
}

/** C# CommandCenter.Incidents.ReturnVisitEndpoints.ReturnVisitQueue */
export interface ReturnVisitQueue {
  items: ReturnVisitView[];
}

/** C# CommandCenter.Incidents.PhotoUploadView */
export interface PhotoUploadView {
  id: string;
  size: number;
  received: number;
  photo: string | null;
  url: string | null;
}

/** C# CommandCenter.Incidents.PhotoFactsView */
export interface PhotoFactsView {
  photo: string;
  takenAt: string | null;
  lat: number | null;
  lon: number | null;
  bytes: number | null;
  uploadedAt: string | null;
}

/** C# CommandCenter.Incidents.PhotoSettingsView */
export interface PhotoSettingsView {
  maxEdge: number;
  quality: number;
  maxBytes: number;
  maxPerAction: number;
  chunkMaxBytes: number;
}

/** C# CommandCenter.Inspections.InspectionSummaryView */
export interface InspectionSummaryView {
  id: string;
  period: string;
  day: string;
  state: string;
  drawnAt: string;
  dueAt: string | null;
  inspectorId: string;
  inspectorName: string;
  incidentId: string;
  gridId: string | null;
  townId: string | null;
  townName: string | null;
  category: string | null;
  categoryName: string | null;
  passed: boolean | null;
  recordedAt: string | null;
  followUp: string | null;
  followUpIncidentId: string | null;
}

/** C# CommandCenter.Inspections.InspectionTaskView */
export interface InspectionTaskView {
  id: string;
  period: string;
  day: string;
  state: string;
  drawnAt: string;
  dueAt: string | null;
  inspectorId: string;
  inspectorName: string;
  townId: string | null;
  townName: string | null;
  case: InspectionCaseView;
  result: InspectionResultView | null;
  mayRecord: boolean;
}

/** C# CommandCenter.Inspections.InspectionRun */
export interface InspectionRun {
  period: string;
  seed: number;
  inspectors: number;
  candidates: number;
  drawn: InspectionSummaryView[];
}

/** C# CommandCenter.Inspections.PublicInspectionFeed */
export interface PublicInspectionFeed {
  month: string;
  town: string | null;
  towns: PublicTownInspections[];
}

/** C# CommandCenter.City.CityView */
export interface CityView {
  name: string;
  rootGridId: string | null;
  timeZone: string;
  utcOffset: string;
  casePrefix: string;
  calendar: CalendarView;
}

/** C# CommandCenter.Kpis.KpiEndpoints.KpiReportView */
export interface KpiReportView {
  scope: string;
  from: string;
  to: string;
  by: string;
  total: KpiSet;
  composite: number | null;
  grade: string | null;
  gradeName: string | null;
  rows: KpiRowView[];
}

/** C# CommandCenter.Kpis.KpiEndpoints.KpiCases */
export interface KpiCases {
  kpi: string;
  key: string | null;
  total: number;
  met: number;
  items: KpiCase[];
}

/** C# CommandCenter.Kpis.KpiEndpoints.ActivityView */
export interface ActivityView {
  scope: string;
  from: string;
  to: string;
  reports: number;
  byCategory: ActivityCountView[];
  byChannel: ActivityCountView[];
  byHour: number[];
  backlog: BacklogView[];
  points: number[][];
}

/** C# CommandCenter.Assessment.AssessmentEndpoints.AssessmentView */
export interface AssessmentView {
  period: string;
  kind: string;
  name: string;
  words: string;
  city: string;
  zone: string;
  scope: string;
  scopeName: string;
  from: string;
  to: string;
  by: string;
  total: KpiSet;
  composite: number | null;
  grade: string | null;
  gradeName: string | null;
  rows: AssessmentRowView[];
}

/** C# CommandCenter.Assessment.DossierEndpoints.DossierView */
export interface DossierView {
  kind: string;
  id: string;
  entries: DossierEntry[];
  patrol: PatrolMonthView[] | null;
}

/** C# CommandCenter.Incidents.DeadlineView */
export interface DeadlineView {
  step: string;
  startedAt: string;
  warnAt: string;
  dueAt: string;
  originalDueAt: string;
  limit: string;
  light: string;
  breached: boolean;
  active: boolean;
  endedAt: string | null;
}

/** C# CommandCenter.Incidents.ActionOffer */
export interface ActionOffer {
  action: string;
  chinese: string;
  english: string;
  fields: ActionFieldView[];
  after: ActionOffer[];
}

/** C# CommandCenter.Incidents.TimelineEntry */
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
  photos: string[];
}

/** C# CommandCenter.Incidents.LinkView */
export interface LinkView {
  linkId: string;
  channel: string;
  description: string;
  lat: number | null;
  lon: number | null;
  at: string;
  reportedBy: string;
  unlinkedInto: string | null;
}

/** C# CommandCenter.Incidents.NoticeView */
export interface NoticeView {
  sequence: number;
  memberId: string;
  kind: string;
  text: string | null;
  sentAt: string;
  deliveredAt: string | null;
  readAt: string | null;
}

/** C# CommandCenter.Incidents.SubTaskView */
export interface SubTaskView {
  taskId: string;
  platform: string;
  platformName: string;
  memberId: string;
  status: string;
  dueAt: string;
  light: string;
  note: string | null;
}

/** C# CommandCenter.Members.LocationView */
export interface LocationView {
  lat: number;
  lon: number;
  at: string;
}

/** C# CommandCenter.Incidents.IncidentEndpoints.NearbyIncidentView */
export interface NearbyIncidentView {
  id: string;
  state: string;
  category: string;
  gridId: string | null;
  createdAt: string;
  distanceMetres: number;
  description: string | null;
}

/** C# CommandCenter.Grids.GridEndpoints.ChainLink */
export interface ChainLink {
  id: string;
  name: string;
  level: number;
}

/** C# CommandCenter.Grids.GridEndpoints.GridSummary */
export interface GridSummary {
  id: string;
  parentId: string | null;
  level: number;
  name: string;
}

/** C# CommandCenter.Incidents.IncidentEndpoints.IncidentSummaryView */
export interface IncidentSummaryView {
  id: string;
  state: string;
  step: number;
  category: string;
  priority: string;
  gridId: string | null;
  assigneeId: string | null;
  createdAt: string;
  updatedAt: string;
  activeStep: string | null;
  dueAt: string | null;
  breached: boolean;
  escalation: string;
  light: string;
  categoryName: string | null;
  address: string | null;
  summary: string;
  callerName: string | null;
  callerPhone: string | null;
}

/** C# CommandCenter.Incidents.ReturnVisitEndpoints.ReturnVisitView */
export interface ReturnVisitView {
  id: string;
  category: string;
  categoryName: string | null;
  gridId: string | null;
  gridChain: string[];
  address: string | null;
  summary: string;
  callerName: string | null;
  callerPhone: string | null;
  channel: string;
  verifiedAt: string | null;
  dueAt: string | null;
  light: string;
  attempts: number;
  lastAttemptAt: string | null;
  closedAt: string | null;
}

/** C# CommandCenter.Inspections.InspectionCaseView */
export interface InspectionCaseView {
  id: string;
  state: string;
  step: number;
  category: string;
  categoryName: string | null;
  priority: string;
  description: string;
  address: string | null;
  lat: number | null;
  lon: number | null;
  gridId: string | null;
  grids: InspectionGridView[];
  photos: string[];
  timeline: InspectionStepView[];
  createdAt: string;
  updatedAt: string;
  handledAt: string | null;
}

/** C# CommandCenter.Inspections.InspectionResultView */
export interface InspectionResultView {
  passed: boolean;
  note: string | null;
  photos: string[];
  lat: number | null;
  lon: number | null;
  recordedBy: string;
  recordedAt: string;
  followUp: string | null;
  followUpIncidentId: string | null;
  followUpProblem: string | null;
}

/** C# CommandCenter.Inspections.PublicTownInspections */
export interface PublicTownInspections {
  townId: string;
  townName: string;
  drawn: number;
  checked: number;
  passed: number;
  failed: number;
  results: PublicInspectionResult[];
}

/** C# CommandCenter.City.CalendarView */
export interface CalendarView {
  officeHours: OfficePeriod[];
  workingDays: string[];
  holidays: string[];
  makeUpWorkdays: string[];
}

/** C# CommandCenter.Grains.Kpis.KpiSet */
export interface KpiSet {
  griddedOnTime: KpiRatio;
  accurateDispatch: KpiRatio;
  handledOnTime: KpiRatio;
  closedOnTime: KpiRatio;
  rework: KpiRatio;
  extension: KpiRatio;
  handlingHours: KpiMean;
  satisfaction: KpiRatio;
  supervision: number;
  dispatchedOnTime: KpiRatio;
  verifiedOnTime: KpiRatio;
  closure: KpiRatio;
  handled: KpiRatio;
  handledLate: number;
  filed: number;
  accurateFiling: KpiRatio;
  validReports: KpiRatio;
}

/** C# CommandCenter.Kpis.KpiEndpoints.KpiRowView */
export interface KpiRowView {
  key: string;
  kpis: KpiSet;
  composite: number | null;
  grade: string | null;
  gradeName: string | null;
  rank: number | null;
}

/** C# CommandCenter.Kpis.KpiEndpoints.KpiCase */
export interface KpiCase {
  incidentId: string;
  at: string;
  met: boolean;
  value: number;
  gridId: string | null;
  memberId: string | null;
  platform: string | null;
}

/** C# CommandCenter.Kpis.KpiEndpoints.ActivityCountView */
export interface ActivityCountView {
  key: string;
  name: string;
  count: number;
}

/** C# CommandCenter.Kpis.KpiEndpoints.BacklogView */
export interface BacklogView {
  day: string;
  grid: string;
  name: string;
  open: number;
}

/** C# CommandCenter.Assessment.AssessmentEndpoints.AssessmentRowView */
export interface AssessmentRowView {
  rank: number | null;
  key: string;
  name: string;
  composite: number | null;
  grade: string | null;
  gradeName: string | null;
  previousComposite: number | null;
  kpis: KpiSet;
}

/** C# CommandCenter.Grains.Dossiers.DossierEntry */
export interface DossierEntry {
  period: string;
  from: string;
  to: string;
  score: number | null;
  kpis: KpiSet;
  recordedAt: string;
}

/** C# CommandCenter.Assessment.DossierEndpoints.PatrolMonthView */
export interface PatrolMonthView {
  period: string;
  distanceMetres: number;
  patrolSeconds: number;
  daysOnPatrol: number;
  tracksComplete: boolean;
}

/** C# CommandCenter.Incidents.ActionFieldView */
export interface ActionFieldView {
  name: string;
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

/** C# CommandCenter.Inspections.InspectionGridView */
export interface InspectionGridView {
  id: string;
  name: string;
  level: number;
}

/** C# CommandCenter.Inspections.InspectionStepView */
export interface InspectionStepView {
  at: string;
  action: string;
  from: string;
  to: string;
  note: string | null;
  photos: string[];
}

/** C# CommandCenter.Inspections.PublicInspectionResult */
export interface PublicInspectionResult {
  caseNumber: string;
  category: string;
  categoryName: string | null;
  townName: string;
  checkedOn: string;
  passed: boolean;
}

/** C# CommandCenter.City.OfficePeriod */
export interface OfficePeriod {
  from: string;
  to: string;
}

/** C# CommandCenter.Grains.Kpis.KpiRatio */
export interface KpiRatio {
  numerator: number;
  denominator: number;
  rate: number | null;
}

/** C# CommandCenter.Grains.Kpis.KpiMean */
export interface KpiMean {
  count: number;
  total: number;
  mean: number | null;
}

// The admin console's API (/api/admin, docs/admin.md; JSON, camelCase, nulls written).

/** C# CommandCenter.Admin.CityAdminEndpoints.SetupView */
export interface SetupView {
  steps: SetupStep[];
}

/** C# CommandCenter.Admin.CityAdminEndpoints.CitySettingsView */
export interface CitySettingsView {
  name: string;
  timeZone: string;
  casePrefix: string;
  calendar: CalendarView;
}

/** C# CommandCenter.Admin.GridAdminEndpoints.GridPreview */
export interface GridPreview {
  accepted: boolean;
  gridCount: number;
  levels: GridLevelCount[];
  problems: GridImportProblem[];
}

/** C# CommandCenter.Members.RosterEndpoints.RosterPlanView */
export interface RosterPlanView {
  rows: number;
  errors: RosterProblemView[];
  added: RosterMember[];
  changed: RosterChangeView[];
  left: RosterMember[];
  blocked: RosterBlockView[];
  applied: boolean;
}

/** C# CommandCenter.Members.RosterEndpoints.RosterMember */
export interface RosterMember {
  id: string;
  name: string;
  role: string;
  gridId: string;
  employment: string;
  phone: string | null;
}

/** C# CommandCenter.Admin.AccountAdminEndpoints.AccountView */
export interface AccountView {
  username: string;
  role: string;
  memberId: string | null;
  gridScope: string | null;
  state: string;
  invitationExpiresAt: string | null;
  lockedUntil: string | null;
}

/** C# CommandCenter.Admin.AccountAdminEndpoints.CreatedAccount */
export interface CreatedAccount {
  account: AccountView;
  invitation: InvitationView;
}

/** C# CommandCenter.Admin.AccountAdminEndpoints.LockoutView */
export interface LockoutView {
  username: string;
  lockedUntil: string;
}

/** C# CommandCenter.Auth.PasswordEndpoints.OpenInvitation */
export interface OpenInvitation {
  username: string;
  expiresAt: string;
}

/** C# CommandCenter.Admin.CategoryAdminEndpoints.CategoryAdminView */
export interface CategoryAdminView {
  code: string;
  kind: string;
  majorCode: string;
  majorName: string;
  minorCode: string;
  name: string;
  platform: string;
  defaultPriority: string;
  handlingLimit: string;
  retired: boolean;
}

/** C# CommandCenter.Admin.PolicyAdminEndpoints.PolicyView */
export interface PolicyView {
  version: number;
  savedBy: string;
  savedAt: string;
  note: string;
  warnFraction: number;
  resendUnreadAfter: string | null;
  limits: PolicyLimit[];
}

/** C# CommandCenter.Admin.PolicyAdminEndpoints.PolicyVersionView */
export interface PolicyVersionView {
  version: number;
  savedBy: string;
  savedAt: string;
  note: string;
}

/** C# CommandCenter.Admin.AuditEndpoints.AuditEntryView */
export interface AuditEntryView {
  at: string;
  actor: string;
  action: string;
  subject: string;
  before: string | null;
  after: string | null;
}

/** C# CommandCenter.Admin.CityAdminEndpoints.SetupStep */
export interface SetupStep {
  step: string;
  done: boolean;
  detail: string;
}

/** C# CommandCenter.Admin.GridAdminEndpoints.GridLevelCount */
export interface GridLevelCount {
  level: number;
  grids: number;
}

/** C# CommandCenter.Grains.Geography.GridImportProblem */
export interface GridImportProblem {
  featureIndex: number;
  gridId: string | null;
  problem: string;
}

/** C# CommandCenter.Members.RosterEndpoints.RosterProblemView */
export interface RosterProblemView {
  row: number;
  column: string;
  message: string;
}

/** C# CommandCenter.Members.RosterEndpoints.RosterChangeView */
export interface RosterChangeView {
  id: string;
  before: RosterMember;
  after: RosterMember;
}

/** C# CommandCenter.Members.RosterEndpoints.RosterBlockView */
export interface RosterBlockView {
  id: string;
  name: string;
  openCases: string[];
}

/** C# CommandCenter.Admin.AccountAdminEndpoints.InvitationView */
export interface InvitationView {
  code: string;
  link: string;
  expiresAt: string;
}

/** C# CommandCenter.Admin.PolicyAdminEndpoints.PolicyLimit */
export interface PolicyLimit {
  step: string | null;
  category: string | null;
  priority: string | null;
  area: string | null;
  limit: string | null;
}

// Replay lines of GET /api/replay (the ledger's JSON: camelCase, enums by name, nulls left out).

/** C# CommandCenter.Replay.IncidentAt */
export interface IncidentAt {
  id: string;
  state: string;
  step: number;
  category: string;
  priority: string;
  channel: string;
  gridId?: string;
  gridChain: string[];
  assigneeId?: string;
  lat?: number;
  lon?: number;
  light: string;
  activeStep?: string;
  warnAt?: string;
  dueAt?: string;
  breached: boolean;
  escalation: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** C# CommandCenter.Grains.Incidents.IncidentEvent */
export interface IncidentEvent {
  incidentId: string;
  sequence: number;
  at: string;
  action: IncidentAction;
  actor: string;
  actorRole: string;
  from: IncidentStatus;
  to: IncidentStatus;
  report?: IncidentReport;
  placement?: GridPlacement;
  memberId?: string;
  note?: string;
  passed?: boolean;
  satisfaction?: number;
  approved?: boolean;
  requestedDueAt?: string;
  deadline?: SlaDeadline;
  clearsDeadline: boolean;
  step?: SlaStep;
  rung?: EscalationRung;
  score?: number;
  gridId?: string;
  linkId?: string;
  newIncidentId?: string;
  noticeSequence?: number;
  taskId?: string;
  platform?: Platform;
  photos?: string[];
  taskDeadline: boolean;
  position?: SitePosition;
  requestKey?: string;
  notifiedMemberId?: string;
}

/** C# enum CommandCenter.Grains.Incidents.IncidentAction, written by name. */
export type IncidentAction = 'Report' | 'Locate' | 'Dispatch' | 'Accept' | 'Resolve' | 'Verify' | 'Evaluate' | 'Return' | 'RequestExtension' | 'DecideExtension' | 'Suspend' | 'Resume' | 'Cancel' | 'Archive' | 'Split' | 'Supervise' | 'Unlink' | 'AcknowledgeNotice' | 'ReadNotice' | 'NoAnswer' | 'AcknowledgeAlert' | 'Warn' | 'Escalate' | 'Assess' | 'File' | 'Link' | 'AssignTask' | 'Remind';

/** C# enum CommandCenter.Grains.Incidents.IncidentStatus, written by name. */
export type IncidentStatus = 'Reported' | 'Gridded' | 'Dispatched' | 'Handling' | 'Handled' | 'Verified' | 'Evaluated' | 'Assessed' | 'Filed' | 'Archived' | 'Suspended' | 'Cancelled';

/** C# CommandCenter.Grains.Incidents.IncidentReport */
export interface IncidentReport {
  category: string;
  priority: Priority;
  description: string;
  channel: string;
  lat?: number;
  lon?: number;
  address?: string;
  reporterName?: string;
  reporterPhone?: string;
  photos?: string[];
}

/** C# CommandCenter.Grains.Incidents.GridPlacement */
export interface GridPlacement {
  gridId: string;
  chain: string[];
  area: GridArea;
}

/** C# CommandCenter.Grains.Sla.SlaDeadline */
export interface SlaDeadline {
  step: SlaStep;
  startedAt: string;
  warnAt: string;
  dueAt: string;
  originalDueAt: string;
  limit: SlaDuration;
}

/** C# enum CommandCenter.Grains.Sla.SlaStep, written by name. */
export type SlaStep = 'Grid' | 'Dispatch' | 'Accept' | 'Handle' | 'Verify' | 'Evaluate';

/** C# enum CommandCenter.Grains.Incidents.EscalationRung, written by name. */
export type EscalationRung = 'None' | 'GridLeader' | 'Supervisor' | 'ParentGrid' | 'CommandCenter';

/** C# enum CommandCenter.Grains.Catalogue.Platform, written by name. */
export type Platform = 'PublicSafety' | 'LawEnforcement' | 'MarketSupervision' | 'CitizenServices';

/** C# CommandCenter.Grains.Incidents.SitePosition */
export interface SitePosition {
  lat: number;
  lon: number;
}

/** C# enum CommandCenter.Grains.Catalogue.Priority, written by name. */
export type Priority = 'Urgent' | 'High' | 'Normal' | 'Low';

/** C# enum CommandCenter.Grains.Sla.GridArea, written by name. */
export type GridArea = 'Urban' | 'Rural';

/** C# CommandCenter.Grains.Sla.SlaDuration */
export interface SlaDuration {
  amount: string;
  working: boolean;
}
