// The admin API's shapes (docs/admin.md): what the server answers is generated from its C# records
// (shared/generated, via shared/wire.ts) and named here in the console's words; only the requests the console
// builds and the what-if answer (an anonymous object on the server) are declared by hand.

import type {
  AccountView, AuditEntryView, CalendarView, CategoryAdminView, CitySettingsView, CreatedAccount, GridImportProblem, GridPreview,
  InvitationView, LockoutView, OfficePeriod, PolicyLimit, PolicyVersionView, PolicyView, RosterBlockView, RosterChangeView,
  RosterMember, RosterPlanView, RosterProblemView, SetupStep, SetupView,
} from '../shared/wire';

export type { AccountView, CreatedAccount, GridPreview, PolicyLimit, PolicyView, RosterMember, SetupStep, SetupView };
export type SetupStepName = 'city' | 'grids' | 'roster' | 'accounts' | 'categories' | 'policy';
export type OfficeHours = OfficePeriod;
export type CityCalendar = CalendarView;
export type CitySettings = CitySettingsView;
export type GridProblem = GridImportProblem;
export type RosterError = RosterProblemView;
export type RosterChange = RosterChangeView;
export type RosterBlocked = RosterBlockView;
export type RosterPreview = RosterPlanView;
export type AccountState = 'active' | 'invited' | 'disabled';
export type Invitation = InvitationView;
export type Lockout = LockoutView;
export type CategoryRecord = CategoryAdminView;
export type CategoryInput = Omit<CategoryRecord, 'retired'>;
export type PolicyVersionInfo = PolicyVersionView;
export type AuditEntry = AuditEntryView;

/** A row of the limits table as the console sends it: the optional keys only when given. */
export interface LimitRequest {
  step: string;
  category?: string;
  priority?: string;
  area?: string;
  limit: string;
}

export interface PolicyRequest {
  warnFraction: number;
  resendUnreadAfter?: string;
  limits: LimitRequest[];
  note: string;
}

export interface WhatIfRequest {
  warnFraction: number;
  resendUnreadAfter?: string;
  limits: LimitRequest[];
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
