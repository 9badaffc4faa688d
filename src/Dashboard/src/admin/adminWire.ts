// Shapes of what the admin API sends and takes (docs/admin.md), declared by hand until the server's records are
// generated into shared/generated like the rest of the wire.

export type SetupStepName = 'city' | 'grids' | 'roster' | 'accounts' | 'categories' | 'policy';

export interface SetupStep {
  step: SetupStepName | string;
  done: boolean;
  detail: string | null;
}

export interface SetupView {
  steps: SetupStep[];
}

export interface OfficeHours {
  from: string;
  to: string;
}

export interface CityCalendar {
  officeHours: OfficeHours[];
  workingDays: string[];
  holidays: string[];
  makeUpWorkdays: string[];
}

export interface CitySettings {
  name: string;
  timeZone: string;
  casePrefix: string;
  calendar: CityCalendar;
}

export interface GridProblem {
  featureIndex: number;
  gridId: string | null;
  problem: string;
}

export interface GridPreview {
  accepted: boolean;
  gridCount: number;
  levels: Record<string, number>;
  problems: GridProblem[];
}

export interface RosterMember {
  id: string;
  name: string;
  role: string;
  gridId: string;
  employment: string;
  phone: string | null;
}

export interface RosterError {
  row: number;
  column: string;
  message: string;
}

export interface RosterChange {
  id: string;
  before: RosterMember;
  after: RosterMember;
}

export interface RosterBlocked {
  id: string;
  name: string;
  openCases: string[];
}

export interface RosterPreview {
  rows: number;
  errors: RosterError[];
  added: RosterMember[];
  changed: RosterChange[];
  left: RosterMember[];
  blocked: RosterBlocked[];
}

export type AccountState = 'active' | 'invited' | 'disabled';

export interface AccountView {
  username: string;
  role: string;
  memberId: string | null;
  gridScope: string | null;
  state: AccountState | string;
  invitationExpiresAt: string | null;
  lockedUntil: string | null;
}

export interface Invitation {
  code: string;
  link: string;
  expiresAt: string;
}

export interface CreatedAccount {
  account: AccountView;
  invitation: Invitation;
}

export interface Lockout {
  username: string;
  lockedUntil: string;
}

export interface CategoryRecord {
  code: string;
  kind: '部件' | '事件' | string;
  majorCode: string;
  majorName: string;
  minorCode: string;
  name: string;
  platform: string;
  defaultPriority: string;
  handlingLimit: string;
  retired: boolean;
}

export type CategoryInput = Omit<CategoryRecord, 'retired'>;

export interface PolicyLimit {
  step: string;
  category?: string | null;
  priority?: string | null;
  area?: string | null;
  limit: string;
}

export interface PolicyVersionInfo {
  version: number;
  savedBy: string;
  savedAt: string;
  note: string | null;
}

export interface PolicyView extends PolicyVersionInfo {
  warnFraction: number;
  resendUnreadAfter: string | null;
  limits: PolicyLimit[];
}

export interface PolicyRequest {
  warnFraction: number;
  resendUnreadAfter?: string;
  limits: PolicyLimit[];
  note: string;
}

export interface WhatIfRequest {
  warnFraction: number;
  resendUnreadAfter?: string;
  limits: PolicyLimit[];
  from?: string;
  to?: string;
  scope?: string;
}

/** One KPI under both policies (src/Grains/Kpis/WhatIf.cs KpiDifference). */
export interface KpiDifference {
  kpi: string;
  actual: number | null;
  alternative: number | null;
  change: number | null;
}

export interface LightChange {
  incidentId: string;
  gridId: string | null;
  actual: string;
  alternative: string;
  change: 'worse' | 'better' | string;
}

/** The what-if answer, as POST /api/kpis/what-if gives it (only what the console reads). */
export interface WhatIfAnswer {
  differences: KpiDifference[];
  lightChanges: LightChange[];
}

export interface AuditEntry {
  at: string;
  actor: string;
  action: string;
  subject: string;
  /** As text: an object's JSON, or words ("locked"). */
  before: string | null;
  after: string | null;
}
