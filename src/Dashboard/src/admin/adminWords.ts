// The console's words for the admin API's codes: Chinese first, English in small type (as shared/words.ts does
// for the other pages). Codes the table does not know are shown as the server sent them.

export const setupStepWords: Record<string, [string, string]> = {
  city: ['城市', 'City'],
  grids: ['网格', 'Grids'],
  roster: ['名册', 'Roster'],
  accounts: ['账号', 'Accounts'],
  categories: ['事项分类', 'Categories'],
  policy: ['时限策略', 'SLA policy'],
};

/** Account roles (src/Grains/Accounts/Account.cs Roles). */
export const accountRoleWords: Record<string, [string, string]> = {
  operator: ['值班员', 'Operator'],
  supervisor: ['督查', 'Supervisor'],
  admin: ['管理员', 'Admin'],
  worker: ['网格员', 'Worker'],
  'grid-leader': ['网格长', 'Grid leader'],
  inspector: ['督查员', 'Inspector'],
  informant: ['信息员', 'Informant'],
  liaison: ['联络员', 'Liaison'],
};

/** The staff roles an admin creates accounts for; members' accounts come from the roster. */
export const staffRoles = ['operator', 'supervisor', 'admin'];

export const accountStateWords: Record<string, [string, string]> = {
  active: ['正常', 'Active'],
  invited: ['待激活', 'Invited'],
  disabled: ['已停用', 'Disabled'],
};

/** Member roles of 一长五员 (src/Grains/Members/MemberRole.cs), as the member views name them. */
export const memberRoleWords: Record<string, [string, string]> = {
  GridLeader: ['网格长', 'Grid leader'],
  GridWorker: ['网格员', 'Grid worker'],
  Supervisor: ['督查员', 'Supervisor'],
  Informant: ['信息员', 'Informant'],
  Liaison: ['联络员', 'Liaison'],
  Patroller: ['巡查员', 'Patroller'],
};

/** Duty states as the member views send them (the worker page's duty buttons use the same words). */
export const dutyWords: Record<string, [string, string]> = {
  on: ['在岗', 'On duty'],
  busy: ['忙碌', 'Busy'],
  off: ['离岗', 'Off'],
};

export const employmentWords: Record<string, [string, string]> = {
  FullTime: ['专职', 'Full-time'],
  PartTime: ['兼职', 'Part-time'],
};

/** The four platforms (src/Grains/Catalogue/Platform.cs). */
export const platformWords: Record<string, [string, string]> = {
  PublicSafety: ['综治工作', 'Public safety'],
  LawEnforcement: ['综合执法', 'Law enforcement'],
  MarketSupervision: ['市场监管', 'Market supervision'],
  CitizenServices: ['便民服务', 'Citizen services'],
};

export const categoryKinds: [string, string][] = [['部件', 'Component'], ['事件', 'Event']];

export const weekDays: [string, string][] = [
  ['Monday', '一'], ['Tuesday', '二'], ['Wednesday', '三'], ['Thursday', '四'], ['Friday', '五'], ['Saturday', '六'], ['Sunday', '日'],
];

export const areaWords: Record<string, [string, string]> = {
  urban: ['城区', 'Urban'],
  rural: ['农村', 'Rural'],
};


/** The time-zone input's suggestions: every IANA zone the browser knows (the server checks what is typed). */
export function knownZones(): string[] {
  const intl = Intl as unknown as { supportedValuesOf?: (key: string) => string[] };
  return intl.supportedValuesOf?.('timeZone') ?? ['UTC'];
}
